import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { LitElement } from 'lit';
import '../../src/components/login/login.js';
import '../../src/components/passkeys/passkeys.js';
import '../../src/components/security/security.js';
import '../../src/components/session/session-timeout.js';
import '../../src/components/step-up/step-up.js';
import { LocaleController } from '../../src/controllers/locale.controller.js';
import { registerTranslation } from '../../src/translations/index.js';
import { loginSteps } from '../../src/translations/locales/en/login-steps.js';

// Nothing listens on port 9 (discard): every backend call fails as a refused connection does, and each
// element shows its own heading and failure in the page's language.
const OFFLINE = 'http://localhost:9';

/** A bare element with a locale controller, to read its words as an element would. */
class LocaleProbe extends LitElement {
  readonly locale = new LocaleController(this);
}
customElements.define('locale-probe', LocaleProbe);

const text = (root: ParentNode, selector: string) => root.querySelector(selector)?.textContent?.trim() ?? '';

describe('languages', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('re-renders every element when the page’s lang changes, and back', async () => {
    const root = await fixture<HTMLElement>(html`<div>
      <latch-login issuer=${OFFLINE} client-id="web"></latch-login>
      <latch-passkeys issuer=${OFFLINE} client-id="web"></latch-passkeys>
      <latch-security issuer=${OFFLINE} client-id="web"></latch-security>
      <latch-step-up issuer=${OFFLINE} client-id="web"></latch-step-up>
      <latch-session-timeout issuer=${OFFLINE} client-id="web"></latch-session-timeout>
    </div>`);
    const shadow = (tag: string) => (root.querySelector(tag) as HTMLElement).shadowRoot as ShadowRoot;
    const headings = () => [
      text(root, 'latch-login h2'),
      text(root, 'latch-passkeys h2'),
      text(root, 'latch-security h2'),
      text(shadow('latch-step-up'), 'h2'),
      text(shadow('latch-session-timeout'), 'h2'),
    ];
    await waitUntil(() => headings().every(Boolean), 'every element drew its heading');
    expect(headings()).to.deep.equal(['Sign in', 'Passkeys', 'Account security', "Confirm it's you", 'Are you still there?']);

    document.documentElement.lang = 'de';
    await waitUntil(() => text(root, 'latch-login h2') === 'Anmelden', 'German arrives');
    await waitUntil(() => headings()[2] === 'Kontosicherheit');
    expect(headings()).to.deep.equal(['Anmelden', 'Passkeys', 'Kontosicherheit', 'Bestätigen Sie, dass Sie es sind', 'Sind Sie noch da?']);
    expect(text(root, 'latch-passkeys p')).to.match(/^Mit Passkeys melden Sie sich/);

    document.documentElement.lang = 'en-GB';
    await waitUntil(() => text(root, 'latch-login h2') === 'Sign in', 'back in English');
    expect(headings()[4]).to.equal('Are you still there?');
  });

  it('lang="ar" draws Arabic right to left, unless the page set dir itself', async () => {
    const root = await fixture<HTMLElement>(html`<div>
      <div lang="ar"><latch-login issuer=${OFFLINE} client-id="web" site-name="متجر"></latch-login></div>
      <div lang="ar" dir="ltr"><latch-login issuer=${OFFLINE} client-id="web"></latch-login></div>
    </div>`);
    const [arabic, pageDir] = [...root.querySelectorAll('latch-login')] as HTMLElement[];
    const card = (element: HTMLElement) => element.shadowRoot?.querySelector('.card') as HTMLElement;
    // The site's name is a bidi isolate inside the Arabic sentence (format.ts).
    await waitUntil(() => text(arabic!, 'h2') === 'تسجيل الدخول إلى \u2068متجر\u2069', 'Arabic arrives');
    expect(card(arabic!).getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(card(arabic!)).direction).to.equal('rtl');
    expect(getComputedStyle(arabic!.querySelector('h2') as HTMLElement).direction, 'the form in the light DOM too').to.equal('rtl');
    await waitUntil(() => text(pageDir!, 'h2') === 'تسجيل الدخول');
    expect(card(pageDir!).hasAttribute('dir'), 'the page chose the direction').to.equal(false);
    expect(getComputedStyle(card(pageDir!)).direction).to.equal('ltr');
  });

  it('counts in Arabic with its plural forms and the locale\'s digits, and in German with one and other', async () => {
    const root = await fixture<HTMLElement>(html`<div>
      <locale-probe lang="ar"></locale-probe>
      <locale-probe lang="de"></locale-probe>
    </div>`);
    const [ar, de] = [...root.querySelectorAll('locale-probe')] as LocaleProbe[];
    await waitUntil(() => ar!.locale.key === 'ar' && de!.locale.key === 'de', 'both locales arrive');
    const resend = ar!.locale.texts('loginSteps', loginSteps).resendIn;
    // The digits are Intl's for `ar` (Latin in current CLDR; `ar-EG` pages get Arabic-Indic ones).
    const n = (value: number) => new Intl.NumberFormat('ar').format(value);
    expect([1, 2, 3, 11, 100].map((count) => resend({ count }))).to.deep.equal([
      'يمكنك طلب رمز جديد بعد ثانية واحدة.',
      'يمكنك طلب رمز جديد بعد ثانيتين.',
      `يمكنك طلب رمز جديد بعد ${n(3)} ثوانٍ.`,
      `يمكنك طلب رمز جديد بعد ${n(11)} ثانيةً.`,
      `يمكنك طلب رمز جديد بعد ${n(100)} ثانية.`,
    ]);
    expect(ar!.locale.error('LATCH_INVALID_CODE', { attemptsRemaining: 2 })).to.equal('هذا الرمز غير صحيح. تبقّت لديك محاولتان.');
    expect(ar!.locale.error('LATCH_INVALID_CODE', { attemptsRemaining: 0 })).to.equal('هذا الرمز غير صحيح، ولم تتبقَّ لديك أي محاولة.');
    expect(de!.locale.error('LATCH_INVALID_CODE', { attemptsRemaining: 1 })).to.equal('Der Code hat nicht funktioniert. Noch 1 Versuch.');
    expect(de!.locale.error('LATCH_INVALID_CODE', { attemptsRemaining: 3 })).to.equal('Der Code hat nicht funktioniert. Noch 3 Versuche.');
    expect(de!.locale.texts('loginSteps', loginSteps).resendIn({ count: 1 })).to.equal('Einen neuen Code können Sie in 1 Sekunde anfordern.');
    expect(de!.locale.error('LATCH_ACCOUNT_LOCKED', { retryAfter: 90 })).to.match(/in 2 Minuten erneut\.$/);
  });

  it('takes a site’s own wording over a locale, and a whole new locale, at once', async () => {
    const root = await fixture<HTMLElement>(html`<div lang="de-CH">
      <latch-login issuer=${OFFLINE} client-id="web"></latch-login>
    </div>`);
    const element = root.querySelector('latch-login') as HTMLElement;
    await waitUntil(() => text(element, 'h2') === 'Anmelden', 'de-CH uses German');
    registerTranslation('de', { login: { signInTitle: 'Einloggen' } });
    await waitUntil(() => text(element, 'h2') === 'Einloggen', 'the override shows');
    expect(text(element, 'button[type="submit"]'), 'the rest stays German').to.equal('Weiter');
    registerTranslation('x-pirate', { $dir: 'ltr', login: { signInTitle: 'Come aboard' } });
    root.lang = 'x-pirate';
    await waitUntil(() => text(element, 'h2') === 'Come aboard', 'a new locale');
    expect(text(element, 'button[type="submit"]'), 'its missing keys in English').to.equal('Continue');
    expect(element.querySelector<HTMLInputElement>('input[type="email"]'), 'still a working form').to.exist;
  });

  it('keeps showing the words it has while a locale loads, then switches', async () => {
    let arrive: (words: { login: { signInTitle: string } }) => void = () => undefined;
    let asked = 0;
    registerTranslation('zz', () => {
      asked += 1;
      return new Promise((resolve) => (arrive = resolve));
    });
    const root = await fixture<HTMLElement>(html`<div><latch-login issuer=${OFFLINE} client-id="web"></latch-login></div>`);
    const element = root.querySelector('latch-login') as HTMLElement & { updateComplete: Promise<boolean> };
    await waitUntil(() => text(element, 'h2') === 'Sign in');
    root.lang = 'zz';
    await waitUntil(() => asked === 1, 'the locale is asked for');
    await element.updateComplete;
    expect(text(element, 'h2'), 'English while it loads, never blank').to.equal('Sign in');
    arrive({ login: { signInTitle: 'Zz zz' } });
    await waitUntil(() => text(element, 'h2') === 'Zz zz', 'the locale once it has arrived');
    expect(asked, 'fetched once').to.equal(1);
  });

  it('follows navigator.languages without a lang anywhere', async () => {
    const probe = await fixture<LocaleProbe>(html`<locale-probe></locale-probe>`);
    // Chromium under test runs in English: the best match is English.
    expect(navigator.languages[0]).to.match(/^en/);
    expect(probe.locale.key).to.equal('en');
    expect(probe.locale.dir).to.equal('ltr');
  });
});
