import { expect } from '@open-wc/testing';
import { render } from 'lit';
import type { SignedIn } from '../../../src/client/client.js';
import { lastSignInLine, newDeviceNotice } from '../../../src/components/login/last-sign-in.js';
import type { StepTexts, StepView } from '../../../src/components/login/login-steps.js';
import type { TrustSignal } from '../../../src/components/login/trust-signals.js';
import { compileTexts, type Message } from '../../../src/translations/format.js';
import { loginSteps } from '../../../src/translations/locales/en/login-steps.js';
import de from '../../../src/translations/locales/de.js';

const DAY = 86_400;
const now = () => Math.floor(Date.now() / 1000);

function texts(lang: 'en' | 'de'): StepTexts {
  const words: Record<string, Message> = lang === 'de' ? de.loginSteps : loginSteps;
  return compileTexts(lang, loginSteps, (key) => words[key]!) as unknown as StepTexts;
}

/** The signed-in view as the element hands it over: only what these two parts read. */
function view(signedIn: Partial<SignedIn>, options: { lang?: string; activityUrl?: string; signals?: TrustSignal[] } = {}): StepView {
  const user = { sub: 's1', email: 'ada@example.com' };
  return {
    flow: { signedIn: { user, method: 'password', amr: [], ...signedIn } },
    locale: { lang: options.lang ?? 'en' },
    activityUrl: options.activityUrl ?? '',
    showsTrust: (signal: TrustSignal) => (options.signals ?? ['last-sign-in', 'new-device']).includes(signal),
  } as unknown as StepView;
}

function draw(template: unknown): HTMLElement {
  const host = document.createElement('div');
  render(template, host);
  return host;
}

const chromeInLisbon = { browser: 'Chrome', os: 'macOS', location: { city: 'Lisbon', country: 'PT' } };

describe('last sign-in line', () => {
  it('says when, on what and near where, in the largest unit that fits', () => {
    const line = draw(lastSignInLine(view({ lastSignIn: { at: now() - 3 * DAY, device: chromeInLisbon } }), texts('en')));
    expect(line.textContent).to.equal('Last signed in 3 days ago on Chrome, macOS, near Lisbon, Portugal.');
    const hours = draw(lastSignInLine(view({ lastSignIn: { at: now() - 5 * 3600 } }), texts('en')));
    expect(hours.textContent).to.equal('Last signed in 5 hours ago.');
    const justNow = draw(lastSignInLine(view({ lastSignIn: { at: now() + 30, device: { os: 'Android' } } }), texts('en')));
    expect(justNow.textContent).to.equal('Last signed in 1 minute ago on Android.');
  });

  it('speaks the element\'s language: German words, German relative time, German country name', () => {
    const line = draw(lastSignInLine(view({ lastSignIn: { at: now() - DAY, device: { ...chromeInLisbon, location: { country: 'DE' } } } }, { lang: 'de' }), texts('de')));
    expect(line.textContent).to.equal('Zuletzt angemeldet gestern mit Chrome, macOS, in der Nähe von Deutschland.');
  });

  it('links the activity page only when it is a web address', () => {
    const linked = draw(lastSignInLine(view({ lastSignIn: { at: now() - DAY } }, { activityUrl: '/security.html#activity' }), texts('en')));
    expect(linked.querySelector('a')!.getAttribute('href')).to.equal(new URL('/security.html#activity', document.baseURI).href);
    expect(linked.querySelector('a')!.textContent).to.equal('Not you? Review activity');
    const script = draw(lastSignInLine(view({ lastSignIn: { at: now() - DAY } }, { activityUrl: 'javascript:alert(1)' }), texts('en')));
    expect(script.querySelector('a')).to.equal(null);
  });

  it('shows nothing without a previous sign-in, or with the signal off', () => {
    expect(draw(lastSignInLine(view({}), texts('en'))).textContent).to.equal('');
    expect(draw(lastSignInLine(view({ lastSignIn: { at: now() - DAY } }, { signals: ['site'] }), texts('en'))).textContent).to.equal('');
  });
});

describe('new-device notice', () => {
  it('says the sign-in was on a new device and where the email went', () => {
    const notice = draw(newDeviceNotice(view({ newDevice: true }), texts('en')));
    expect(notice.textContent).to.equal(
      "You signed in on a new device. We sent an email about it to ada@example.com: if it wasn't you, its link signs out every session.",
    );
  });

  it('shows nothing for a known device or with the signal off', () => {
    expect(draw(newDeviceNotice(view({}), texts('en'))).textContent).to.equal('');
    expect(draw(newDeviceNotice(view({ newDevice: true }, { signals: ['last-sign-in'] }), texts('en'))).textContent).to.equal('');
  });
});
