import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import '../../../src/components/login/login.js';
import type { LatchLogin } from '../../../src/components/login/login.component.js';
import { createClient } from '../../../src/client/client.js';
import { memoryStore } from '../../../src/client/storage.js';
import { accountDiscovery, ISSUER, json } from '../../helpers/account-backend.js';

// The options a variant sets (README "Options a variant sets"), each an ordinary attribute of <latch-login>:
// what the first step draws with each, from its first render on. The flows behind them (a combined-layout
// password sign-in, a passkey-first passkey sign-in) run against the reference backend in widget-options.spec.ts.

/**
 * A backend answered in the page: one social connection, no session, an identifier step; it notes each path asked.
 * `oauth: false` is a session-completion backend (profile 2026-12, §1): no authorization or token endpoint.
 */
function backend({ oauth = true } = {}) {
  const asked: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const { pathname } = new URL(String(input));
    asked.push(pathname);
    if (pathname === '/.well-known/openid-configuration') {
      return accountDiscovery({
        authorization_challenge_endpoint: `${ISSUER}/authorize-challenge`,
        ciam_session_endpoint: `${ISSUER}/session`,
        ciam_connections: [{ id: 'google', kind: 'social', name: 'Google', brand: 'google' }],
        ...(oauth ? {} : { authorization_endpoint: undefined, token_endpoint: undefined, ciam_profile_versions_supported: ['2026-12'] }),
      });
    }
    if (pathname === '/session') return json(200, { active: false });
    if (pathname === '/authorize-challenge') {
      return json(400, { error: 'insufficient_authorization', auth_session: 'a'.repeat(32), ciam: { step: 'identifier' } });
    }
    return json(404, { error: 'not_found' });
  };
  return { asked, client: createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() }) };
}

type Options = Partial<Record<'lead' | 'layout' | 'social-position' | 'sign-up-cta' | 'methods' | 'trust-signals', string>>;

/**
 * Builds the element with `options` and watches its light DOM from before it is connected: `drawn` keeps, for
 * every change while the first step is up, whether the passkey button preceded the email field.
 */
async function mount(options: Options, client = backend().client, lang = 'en') {
  const element = document.createElement('latch-login') as LatchLogin;
  for (const [name, value] of Object.entries(options)) element.setAttribute(name, value);
  element.setAttribute('theme', 'light');
  element.setAttribute('site-name', 'Acme');
  element.client = client;
  const drawn: Array<'passkey-first' | 'email-first' | 'no-passkey'> = [];
  new MutationObserver(() => {
    const email = emailInput(element);
    const passkey = passkeyButton(element);
    if (email) drawn.push(!passkey ? 'no-passkey' : passkey.compareDocumentPosition(email) & Node.DOCUMENT_POSITION_FOLLOWING ? 'passkey-first' : 'email-first');
  }).observe(element, { childList: true, subtree: true });
  const page = await fixture<HTMLDivElement>(html`<div lang=${lang}></div>`);
  page.append(element);
  await element.updateComplete;
  return { element, drawn };
}

const emailInput = (element: LatchLogin) => element.querySelector<HTMLInputElement>('input[name="username"]');
const passwordInput = (element: LatchLogin) => element.querySelector<HTMLInputElement>('input[name="password"]');
const buttons = (element: LatchLogin) => [...element.querySelectorAll<HTMLButtonElement>('form button')];
const button = (element: LatchLogin, name: string) => buttons(element).find((candidate) => candidate.textContent?.trim() === name);
const passkeyButton = (element: LatchLogin) => button(element, 'Sign in with a passkey');
/** Whether `a` comes before `b` in the document. */
const before = (a: Node, b: Node) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
/** Waits until the client has answered and the step is ready (the social buttons drawn). */
const settled = (element: LatchLogin) =>
  waitUntil(() => element.querySelector('latch-social-buttons'), 'the social buttons were drawn');

describe('<latch-login> options a variant sets', () => {
  describe('lead', () => {
    it('passkey: draws the passkey button first, as the primary button, on the very first render', async () => {
      const { element, drawn } = await mount({ lead: 'passkey' });
      const passkey = passkeyButton(element)!;
      expect(passkey, 'on the first render').to.exist;
      expect(before(passkey, emailInput(element)!)).to.equal(true);
      expect(passkey.getAttribute('part')).to.equal('button button-primary');
      expect(button(element, 'Continue')!.getAttribute('part')).to.equal('button button-secondary');
      await settled(element);
      // Never another order, before or after the client's answer.
      expect(drawn.length).to.be.greaterThan(0);
      expect(new Set(drawn)).to.deep.equal(new Set(['passkey-first']));
    });

    it('email (the default, and any unknown word): the email field and Continue first, the passkey button under them', async () => {
      for (const lead of ['email', 'sideways']) {
        const { element } = await mount({ lead });
        await settled(element);
        const passkey = passkeyButton(element)!;
        expect(before(emailInput(element)!, passkey), lead).to.equal(true);
        expect(button(element, 'Continue')!.getAttribute('part')).to.equal('button button-primary');
        expect(passkey.getAttribute('part')).to.equal('button button-secondary');
      }
    });

    it('passkey without passkey among the methods: no passkey button at all', async () => {
      const { element, drawn } = await mount({ lead: 'passkey', methods: 'email_otp password' });
      await settled(element);
      expect(passkeyButton(element)).to.equal(undefined);
      expect(new Set(drawn)).to.deep.equal(new Set(['no-passkey']));
    });
  });

  describe('layout', () => {
    it('combined: the email and the password on the first step, with "Sign in" and a way to the other methods', async () => {
      const { element } = await mount({ layout: 'combined' });
      const password = passwordInput(element)!;
      expect(password, 'on the first render').to.exist;
      expect(password.form).to.equal(emailInput(element)!.form);
      expect(password.type).to.equal('password');
      expect(password.autocomplete).to.equal('current-password');
      expect(element.querySelector(`label[for="${password.id}"]`)!.textContent).to.equal('Password');
      expect(button(element, 'Sign in')!.type).to.equal('submit');
      expect(button(element, 'Use another method')).to.exist;
      expect(button(element, 'Continue')).to.equal(undefined);
    });

    it('combined: an empty password is refused at its field, announced, and nothing is sent', async () => {
      const { asked, client } = backend();
      const { element } = await mount({ layout: 'combined' }, client);
      await settled(element);
      const before = asked.length;
      emailInput(element)!.value = 'amy@example.com';
      emailInput(element)!.form!.requestSubmit();
      await element.updateComplete;
      const password = passwordInput(element)!;
      expect(password.getAttribute('aria-invalid')).to.equal('true');
      expect(document.getElementById(password.getAttribute('aria-describedby')!)!.textContent).to.equal('Enter your password.');
      expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Enter your password.');
      expect(document.activeElement).to.equal(password);
      expect(emailInput(element)!.value).to.equal('amy@example.com');
      expect(asked.slice(before)).to.deep.equal([]);
    });

    it('identifier-first (the default): no password on the first step', async () => {
      const { element } = await mount({});
      expect(passwordInput(element)).to.equal(null);
      expect(button(element, 'Continue')).to.exist;
    });
  });

  describe('social-position', () => {
    it('top: the social buttons above the email, "or" between them', async () => {
      const { element } = await mount({ 'social-position': 'top' });
      await settled(element);
      const social = element.querySelector('latch-social-buttons')!;
      const divider = element.querySelector('[part="divider"]')!;
      expect(before(social, divider) && before(divider, emailInput(element)!)).to.equal(true);
      // The passkey button stays with the email's group, under it.
      expect(before(emailInput(element)!, passkeyButton(element)!)).to.equal(true);
    });

    it('bottom (the default): the social buttons under the email and the passkey button', async () => {
      const { element } = await mount({});
      await settled(element);
      expect(before(passkeyButton(element)!, element.querySelector('latch-social-buttons')!)).to.equal(true);
    });

    it('top with passkey first: social, passkey, email, each group separated by "or"', async () => {
      const { element } = await mount({ 'social-position': 'top', lead: 'passkey' });
      await settled(element);
      const order = [element.querySelector('latch-social-buttons')!, passkeyButton(element)!, emailInput(element)!];
      expect(before(order[0]!, order[1]!) && before(order[1]!, order[2]!)).to.equal(true);
      expect(element.querySelectorAll('[part="divider"]')).to.have.length(2);
    });
  });

  it('draws no social buttons for a backend without an authorization endpoint, even with connections listed', async () => {
    const { asked, client } = backend({ oauth: false });
    const { element } = await mount({ 'social-position': 'top' }, client);
    await waitUntil(() => asked.includes('/authorize-challenge'), 'the sign-in started');
    await waitUntil(() => emailInput(element) && passkeyButton(element), 'the first step is drawn');
    await element.updateComplete;
    expect(element.querySelector('latch-social-buttons')).to.equal(null);
    expect(element.textContent).not.to.contain('Google');
  });

  // axe's first run in a page loads and compiles its rules, seconds on a busy machine: this test allows for it.
  it('passes axe with every option set, right to left too', async function () {
    this.timeout(20_000);
    const all = { lead: 'passkey', layout: 'combined', 'social-position': 'top', 'sign-up-cta': 'free' };
    for (const [options, lang] of [[all, 'en'], [all, 'ar'], [{ layout: 'combined' }, 'en']] as const) {
      const { element } = await mount(options, backend().client, lang);
      await settled(element);
      await expect(element).to.be.accessible();
    }
  });

  describe('sign-up-cta', () => {
    it('words the sign-up link as asked, and an unknown word as standard', async () => {
      const words = { standard: 'Create an account', free: 'Create a free account', quick: 'Create an account in a minute', loud: 'Create an account' };
      for (const [cta, text] of Object.entries(words)) {
        const { element } = await mount({ 'sign-up-cta': cta });
        // The link is drawn once discovery has answered (it may say sign-up is off).
        await waitUntil(() => button(element, text), `${cta}: the link says "${text}"`);
      }
    });

    it('is translated, and still switches to creating an account', async () => {
      const { element } = await mount({ 'sign-up-cta': 'free' }, backend().client, 'de');
      await waitUntil(() => button(element, 'Kostenloses Konto erstellen'), 'the German wording arrived');
      button(element, 'Kostenloses Konto erstellen')!.click();
      await element.updateComplete;
      expect(element.querySelector('h2')!.textContent).to.equal('Ihr Acme-Konto erstellen');
    });
  });
});

// README "Nothing moves under a finger": this backend serves no branding (§26.1, no `ciam_branding_endpoint`).
describe('<latch-login> on a backend without branding', () => {
  it('holds a line for the brand, then gives it back', async () => {
    const { element } = await mount({});
    expect(element.querySelector('.latch-brand'), 'held on the first render').to.exist;
    await waitUntil(() => !element.querySelector('.latch-brand'), 'the held line was given back');
  });

  it('without `brand` in trust-signals holds no line, and the heading never moves', async () => {
    const { element } = await mount({ 'trust-signals': 'site links passkey last-sign-in last-used new-device' });
    const heading = () => element.querySelector('[part~="heading"]')!.getBoundingClientRect().top;
    const top = heading();
    expect(element.querySelector('.latch-brand')).to.equal(null);
    expect(element.querySelector('.latch-site'), 'the site line is held').to.exist;
    await settled(element);
    await waitUntil(() => element.querySelector('[part~="site"]')?.textContent?.trim(), 'the site line was filled');
    expect(element.querySelector('.latch-brand')).to.equal(null);
    expect(heading()).to.equal(top);
  });
});
