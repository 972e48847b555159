import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { LatchClient } from '../../src/client/client.js';
import { choiceFor, writeChoice, type StoredChoice } from '../../src/consent/choice.js';
import { announceChoice } from '../../src/consent/signals.js';
import '../../src/components/consent/consent-banner.js';
import type { LatchConsentBanner } from '../../src/components/consent/consent-banner.component.js';
import type { ConsentConfig, Purpose } from '../../src/protocol/consent.js';
import type { ConsentMethod } from '../../src/protocol/policies.js';

const PURPOSES: Purpose[] = [
  { id: 'necessary', legal_basis: 'contract', required: true, consent_mode: ['security_storage'] },
  { id: 'analytics', legal_basis: 'consent', required: false, consent_mode: ['analytics_storage'] },
  { id: 'advertising', legal_basis: 'consent', required: false, gpc: 'opt_out', consent_mode: ['ad_storage'] },
];
const CONFIG: ConsentConfig = { policy: 'cookies', version: '2', purposes: PURPOSES, expiry: { refused_days: 182, accepted_days: 365 } };

interface Recorded {
  purposes: Record<string, boolean>;
  method: ConsentMethod;
  text: string;
}

/**
 * The client's consent API as the banner sees it (`client.consent()`), applying choices the way the real one
 * does (stored, signalled) and keeping what it was asked to record; `calls` counts every use, requests included.
 */
class FakeClient {
  readonly issuer = 'https://id.example.com';
  readonly clientId = `web-${Math.random()}`;
  calls = 0;
  recorded: Recorded[] = [];
  private config: ConsentConfig | undefined;
  consent = async () => {
    this.calls++;
    return {
      useConfig: (config: ConsentConfig) => void (this.config = config),
      loadConfig: async () => CONFIG,
      set: async (purposes: Record<string, boolean>, options: { method: ConsentMethod; text: string }): Promise<StoredChoice> => {
        this.recorded.push({ purposes, ...options });
        const choice = choiceFor(this.config!, purposes, options.method, false);
        writeChoice(choice);
        announceChoice(choice);
        return choice;
      },
    };
  };
}

const shadow = (element: LatchConsentBanner) => element.shadowRoot!;
const region = (element: LatchConsentBanner) => shadow(element).querySelector<HTMLElement>('[role="region"]');
const buttons = (element: LatchConsentBanner) => [...shadow(element).querySelectorAll<HTMLButtonElement>('.actions button')];
const button = (element: LatchConsentBanner, name: string) => buttons(element).find((b) => b.textContent?.trim() === name)!;
const live = (element: LatchConsentBanner) => shadow(element).querySelector('[role="status"]')!.textContent!.trim();

async function mount(client: FakeClient, attributes = html``, lang = 'en'): Promise<LatchConsentBanner> {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}>
    <latch-consent-banner .client=${client as unknown as LatchClient} .purposes=${PURPOSES} policy-version="2" theme="light"></latch-consent-banner>
    ${attributes}
  </div>`);
  const element = wrapper.querySelector('latch-consent-banner')!;
  await element.updateComplete;
  return element;
}

describe('<latch-consent-banner>', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    localStorage.clear();
    delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
  });

  it('shows a new visitor the banner in the first frame after it is defined, from the purposes in its attribute', async () => {
    const host = document.createElement('div');
    host.innerHTML = `<latch-consent-banner policy-version="2" purposes='${JSON.stringify(PURPOSES)}'></latch-consent-banner>`;
    const element = host.firstElementChild as LatchConsentBanner;
    element.client = new FakeClient() as unknown as LatchClient;
    document.body.append(host);
    try {
      const inFirstFrame = await new Promise<HTMLElement | null>((done) => requestAnimationFrame(() => done(region(element))));
      expect(inFirstFrame, 'the region in the first frame').to.exist;
      expect(inFirstFrame!.getAttribute('aria-labelledby')).to.equal('title');
      expect(shadow(element).getElementById('title')!.textContent).to.equal('Your privacy choices');
      const listed = [...shadow(element).querySelectorAll('[part="purposes"] li')].map((li) => li.textContent);
      expect(listed).to.deep.equal(['Strictly necessary', 'Analytics', 'Advertising']);
      expect(getComputedStyle(inFirstFrame!).position).to.equal('fixed');
      await waitUntil(() => live(element) === 'Your privacy choices', 'its appearance announced politely');
    } finally {
      host.remove();
    }
  });

  it('asks the client it was given before its code arrived for the backend\'s purposes', async () => {
    // A page sets `client` on the tag before the lazy chunk defines it; Lit restores it only at the first update.
    const client = new FakeClient();
    const element = document.createElement('latch-consent-banner-late') as LatchConsentBanner;
    element.client = client as unknown as LatchClient;
    document.body.append(element);
    customElements.define('latch-consent-banner-late', class extends (customElements.get('latch-consent-banner') as typeof HTMLElement) {});
    try {
      await waitUntil(() => region(element), 'the banner drawn from the given client\'s config');
      expect(client.calls).to.be.greaterThan(0);
    } finally {
      element.remove();
    }
  });

  it('offers "Reject all", "Accept all" and "Choose" as equal buttons, rejecting first in the tab order', async () => {
    const element = await mount(new FakeClient());
    const [reject, accept, choose] = buttons(element);
    expect([reject, accept, choose].map((b) => b!.textContent!.trim())).to.deep.equal(['Reject all', 'Accept all', 'Choose']);
    const look = (b: HTMLButtonElement) => {
      const style = getComputedStyle(b);
      const box = b.getBoundingClientRect();
      return [style.color, style.backgroundColor, style.fontWeight, style.fontSize, style.borderColor, box.width, box.height];
    };
    expect(look(reject!)).to.deep.equal(look(accept!));
    expect(look(choose!)).to.deep.equal(look(accept!));
    for (const b of [reject, accept, choose]) expect(b!.localName).to.equal('button');
  });

  it('records "Reject all" with every optional purpose off and the words shown, then goes and says so', async () => {
    const client = new FakeClient();
    const element = await mount(client);
    button(element, 'Reject all').click();
    await waitUntil(() => client.recorded.length === 1 && live(element).startsWith('Your choices are saved'));
    expect(client.recorded[0]!.purposes).to.deep.equal({});
    expect(client.recorded[0]!.method).to.equal('banner');
    expect(client.recorded[0]!.text).to.equal(
      [
        'We use cookies and similar tools for the purposes below: strictly necessary ones are always on, the others only if you agree, and you can change your mind at any time.',
        'Strictly necessary',
        'Analytics',
        'Advertising',
      ].join('\n'),
    );
    expect(region(element) === null, 'no region').to.equal(true);
  });

  it('"Choose" shows a switch per purpose, none ticked, necessary ones on and fixed, each described', async () => {
    const client = new FakeClient();
    const element = await mount(client);
    button(element, 'Choose').click();
    await element.updateComplete;
    const switches = [...shadow(element).querySelectorAll<HTMLInputElement>('input[role="switch"]')];
    expect(switches.map((input) => [input.dataset.purpose, input.checked, input.disabled])).to.deep.equal([
      ['necessary', true, true],
      ['analytics', false, false],
      ['advertising', false, false],
    ]);
    for (const input of switches) expect(shadow(element).getElementById(input.getAttribute('aria-describedby')!)!.textContent).to.not.equal('');
    expect(shadow(element).activeElement?.localName, 'focus moves to the choices').to.equal('h2');
    switches[1]!.click();
    button(element, 'Save choices').click();
    await waitUntil(() => client.recorded.length === 1);
    expect(client.recorded[0]!.purposes).to.deep.equal({ analytics: true, advertising: false });
  });

  it('with Global Privacy Control says advertising stays off, and "Accept all" leaves it off', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const client = new FakeClient();
    const element = await mount(client);
    const sentences = [...shadow(element).querySelectorAll('[part="text"]')].map((p) => p.textContent);
    expect(sentences).to.include(
      'Your browser sends Global Privacy Control, so advertising and selling or sharing your data stay off unless you switch them on.',
    );
    button(element, 'Accept all').click();
    await waitUntil(() => client.recorded.length === 1);
    expect(client.recorded[0]!.purposes).to.deep.equal({ analytics: true, advertising: false });
  });

  it('without Global Privacy Control says nothing of it, and "Accept all" accepts every purpose', async () => {
    const client = new FakeClient();
    const element = await mount(client);
    expect(shadow(element).textContent).to.not.include('Global Privacy Control');
    button(element, 'Accept all').click();
    await waitUntil(() => client.recorded.length === 1);
    expect(client.recorded[0]!.purposes).to.deep.equal({ analytics: true, advertising: true });
  });

  it('renders nothing and asks nothing of the client for a returning visitor with a valid choice', async () => {
    writeChoice(choiceFor(CONFIG, { analytics: true }, 'banner', false));
    const client = new FakeClient();
    const element = await mount(client);
    await new Promise((done) => requestAnimationFrame(done));
    expect(region(element) === null, 'no region').to.equal(true);
    expect(shadow(element).querySelector('dialog, button')).to.equal(null);
    expect(client.calls).to.equal(0);
  });

  it('asks again, saying what changed, when the stored choice is for an older version', async () => {
    writeChoice(choiceFor({ ...CONFIG, version: '1' }, { analytics: true }, 'banner', false));
    const element = await mount(new FakeClient());
    expect(region(element)).to.exist;
    expect(shadow(element).textContent).to.include('We changed how we use cookies since you last chose, so we ask again.');
  });

  it('speaks the page language: German words, and right to left in Arabic', async () => {
    const german = await mount(new FakeClient(), html``, 'de');
    await waitUntil(() => buttons(german)[0]?.textContent?.trim() === 'Alle ablehnen', 'German arrives');
    expect(buttons(german).map((b) => b.textContent!.trim())).to.deep.equal(['Alle ablehnen', 'Alle akzeptieren', 'Auswählen']);
    const arabic = await mount(new FakeClient(), html``, 'ar');
    await waitUntil(() => buttons(arabic)[0]?.textContent?.trim() === 'رفض الكل', 'Arabic arrives');
    expect(shadow(arabic).querySelector('.content')!.getAttribute('dir')).to.equal('rtl');
    const [reject, accept] = buttons(arabic);
    expect(reject!.getBoundingClientRect().left, 'the first button on the right').to.be.greaterThan(accept!.getBoundingClientRect().left);
  });

  it('follows the dark theme with the dark surface and text colours', async () => {
    const light = await mount(new FakeClient());
    const dark = await mount(new FakeClient());
    dark.theme = 'dark';
    await dark.updateComplete;
    const colours = (element: LatchConsentBanner) => {
      const style = getComputedStyle(region(element)!);
      return [style.backgroundColor, style.color];
    };
    expect(colours(light)).to.deep.equal(['rgb(255, 255, 255)', 'rgb(27, 31, 36)']);
    expect(colours(dark)).to.deep.equal(['rgb(22, 27, 34)', 'rgb(230, 237, 243)']);
  });

  it('in preferences mode draws "Privacy choices", which reopens the current choice and gives focus back', async () => {
    writeChoice(choiceFor(CONFIG, { analytics: true, advertising: false }, 'banner', false));
    const client = new FakeClient();
    const wrapper = await fixture<HTMLElement>(html`<div>
      <latch-consent-banner mode="preferences" .client=${client as unknown as LatchClient} .purposes=${PURPOSES} policy-version="2"></latch-consent-banner>
    </div>`);
    const element = wrapper.querySelector('latch-consent-banner')!;
    await element.updateComplete;
    const control = shadow(element).querySelector<HTMLButtonElement>('[part="preferences"]')!;
    expect(control.textContent).to.equal('Privacy choices');
    control.focus();
    control.click();
    await element.updateComplete;
    const checked = [...shadow(element).querySelectorAll<HTMLInputElement>('input[role="switch"]')].map((input) => input.checked);
    expect(checked).to.deep.equal([true, true, false]);
    button(element, 'Save choices').click();
    await waitUntil(() => client.recorded.length === 1);
    expect(client.recorded[0]).to.include({ method: 'preferences' });
    await waitUntil(() => shadow(element).activeElement === control, 'focus back on "Privacy choices"');
  });

  it('as a modal dialog takes focus, and Escape accepts nothing and keeps it open', async () => {
    const client = new FakeClient();
    const wrapper = await fixture<HTMLElement>(html`<div>
      <latch-consent-banner modal .client=${client as unknown as LatchClient} .purposes=${PURPOSES} policy-version="2"></latch-consent-banner>
    </div>`);
    const element = wrapper.querySelector('latch-consent-banner')!;
    await element.updateComplete;
    const dialog = shadow(element).querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(shadow(element).activeElement?.id, 'focus on the dialog\'s heading').to.equal('title');
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(shadow(element).querySelector('dialog')?.open).to.equal(true);
    expect(client.recorded).to.deep.equal([]);
    expect(localStorage.getItem('latch-consent')).to.equal(null);
    button(element, 'Reject all').click();
    await waitUntil(() => client.recorded.length === 1);
  });
});
