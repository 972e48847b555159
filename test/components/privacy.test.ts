import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import '../../src/components/privacy/privacy.js';
import type { LatchPrivacy } from '../../src/components/privacy/privacy.component.js';
import { createClient } from '../../src/client/client.js';
import { memoryStore } from '../../src/client/storage.js';
import type { ConsentReceipt, PrivacyOverview } from '../../src/protocol/index.js';
import { accountDiscovery, ISSUER, json, recentAuthNeeded } from '../helpers/account-backend.js';

// <latch-privacy> in each state against a backend answered in the page (privacy-center.spec.ts runs the same
// flows against the reference backend, with the real step-up prompt). Here the step-up prompt is a handler that
// records what it was asked and succeeds: the element's part is to send the request again, not to run the prompt.

const CHOSEN = Date.UTC(2026, 11, 1, 9, 30);

function receipt(policy: string, granted: boolean, method: ConsentReceipt['method'] = 'sign_up'): ConsentReceipt {
  return { id: `r-${policy}-${String(granted)}`, policy, version: '2026-12', granted, method, chosen_at: CHOSEN, recorded_at: CHOSEN, text_hash: `sha256:${policy}hash` };
}

function backend(options: { malformed?: boolean } = {}) {
  const consents: ConsentReceipt[] = [receipt('terms', true), receipt('marketing', true)];
  const sent: string[] = [];
  const stepUps: unknown[] = [];
  let steppedUp = false;
  const overview = (): PrivacyOverview => ({
    profile: { email: 'ada@example.com', name: 'Ada Lovelace', created_at: CHOSEN / 1000 },
    consents,
    withdrawable: consents.at(-1)?.granted ? ['marketing'] : [],
    sign_ins: [{ at: CHOSEN / 1000, method: 'passkey', device: 'Chrome on Linux' }],
    passkeys: [{ name: 'Work laptop', created_at: CHOSEN / 1000, last_used_at: null }],
    factors: ['password', 'totp'],
    deletion: { backups_days: 0, retained: { en: 'One line saying an account was erased, and when.' } },
  });
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname === '/.well-known/openid-configuration') {
      // A first-party backend (it has the challenge endpoint): the step-up runs in the page's prompt.
      return accountDiscovery({ ciam_privacy_endpoint: `${ISSUER}/privacy`, authorization_challenge_endpoint: `${ISSUER}/authorize-challenge` });
    }
    sent.push(`${method} ${url.pathname}${init?.body ? ` ${String(init.body)}` : ''}`);
    if (method === 'GET' && (url.pathname === '/privacy' || url.pathname === '/privacy/export')) {
      return json(200, options.malformed ? { ...overview(), consents: 'none' } : overview());
    }
    if (method === 'POST' && url.pathname === '/privacy/consents/marketing') {
      const withdrawn = { ...receipt('marketing', false, 'privacy_center'), chosen_at: CHOSEN + 1000 };
      consents.push(withdrawn);
      return json(201, withdrawn);
    }
    if (method === 'DELETE' && url.pathname === '/privacy') {
      if (!steppedUp) {
        return recentAuthNeeded();
      }
      return json(200, { deleted_at: CHOSEN / 1000 + 60, retained: { en: 'One line saying an account was erased, and when.' } });
    }
    return json(404, { error: 'not_found' });
  };
  const client = createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() });
  client.onStepUp(async (request) => {
    stepUps.push({ maxAge: request.maxAge });
    steppedUp = true;
  });
  return { client, sent, stepUps };
}

async function mount() {
  const { client, sent, stepUps } = backend();
  const element = await fixture<LatchPrivacy>(html`<latch-privacy .client=${client} theme="light"></latch-privacy>`);
  await waitUntil(() => element.querySelector('[data-profile]'), 'the overview loaded');
  return { element, sent, stepUps };
}

const button = (root: ParentNode, name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
const live = (element: LatchPrivacy, role: 'status' | 'alert') => element.shadowRoot!.querySelector(`[role="${role}"]`)!.textContent ?? '';
const headings = (element: LatchPrivacy) => [...element.querySelectorAll('h2, h3')].map((h) => h.textContent?.trim());

describe('<latch-privacy>', () => {
  it('shows what the backend holds: profile, consents with their receipts, sign-ins, passkeys and methods', async () => {
    const { element } = await mount();
    expect(headings(element)).to.deep.equal([
      'Your privacy and data',
      'Your profile',
      'Your consents',
      'Sign-in history',
      'Passkeys and sign-in methods',
      'Download your data',
      'Delete your account',
    ]);
    const profile = element.querySelector('[data-profile]')!.textContent!;
    expect(profile).to.contain('ada@example.com').and.contain('Ada Lovelace').and.contain('Account created');
    const marketing = element.querySelector('[data-consent="marketing"]')!.textContent!;
    expect(marketing).to.contain('Marketing emails').and.contain('Given').and.contain('2026-12').and.contain('When you signed up').and.contain('sha256:marketinghash');
    // Terms are accepted to have an account: deleting the account is how to take them back, not a button here.
    expect(element.querySelector('[data-consent="terms"] [data-withdraw]')).to.equal(null);
    expect(element.querySelector('[data-consent="marketing"] [data-withdraw]')).to.exist;
    expect(element.querySelector('[data-sign-ins]')!.textContent).to.contain('Passkey · Chrome on Linux');
    expect(element.querySelector('[data-passkeys]')!.textContent).to.contain('Work laptop').and.contain('Never');
    expect(element.querySelector('[data-factors]')!.textContent).to.contain('Code by email').and.contain('Password').and.contain('Authenticator app');
    expect(element.querySelector('[data-retained]')!.textContent).to.equal('One line saying an account was erased, and when.');
    await expect(element).to.be.accessible();
  });

  it('withdraws marketing in one action: one request, the receipt shown, and an announcement', async () => {
    const { element, sent } = await mount();
    button(element, 'Withdraw').click();
    await waitUntil(() => live(element, 'status').includes('withdrawn'), 'the withdrawal was announced');
    expect(live(element, 'status')).to.contain('Marketing emails: your consent is withdrawn, and we recorded it.');
    const posts = sent.filter((line) => line.startsWith('POST'));
    expect(posts).to.have.length(1);
    expect(JSON.parse(posts[0]!.slice('POST /privacy/consents/marketing '.length))).to.deep.equal({ granted: false, text: 'Withdraw: Marketing emails' });
    const marketing = element.querySelector('[data-consent="marketing"]')!;
    expect(marketing.textContent).to.contain('Not given').and.contain('In this privacy center');
    expect(marketing.querySelector('[data-withdraw]')).to.equal(null);
    expect(document.activeElement?.textContent).to.equal('Marketing emails');
  });

  it('downloads the data from the export resource and says so', async () => {
    const { element, sent } = await mount();
    button(element, 'Download my data').click();
    await waitUntil(() => live(element, 'status').includes('latchkey-data.json'), 'the download was announced');
    expect(sent).to.include('GET /privacy/export');
  });

  it('asks for the tick first, then steps up, erases, and shows the final screen with latch-account-deleted and latch-signed-out', async () => {
    const { element, sent, stepUps } = await mount();
    button(element, 'Delete my account').click();
    await element.updateComplete;
    const box = element.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(document.activeElement).to.equal(box);
    button(element, 'Delete my account for good').click();
    await waitUntil(() => box.getAttribute('aria-invalid') === 'true', 'the missing tick is shown');
    expect(element.textContent).to.contain('Tick the box to confirm first.');
    expect(sent.some((line) => line.startsWith('DELETE'))).to.equal(false);
    await expect(element).to.be.accessible();

    box.click();
    const deleted = oneEvent(element, 'latch-account-deleted');
    const signedOut = oneEvent(element, 'latch-signed-out');
    button(element, 'Delete my account for good').click();
    expect((await deleted).detail.deleted_at).to.equal(CHOSEN / 1000 + 60);
    await signedOut;
    expect(stepUps).to.deep.equal([{ maxAge: 300 }]);
    expect(sent.filter((line) => line.startsWith('DELETE'))).to.deep.equal(['DELETE /privacy', 'DELETE /privacy']);
    await waitUntil(() => element.querySelector('[data-deleted]'), 'the final screen');
    expect(element.querySelector('h2')!.textContent).to.equal('Your account is deleted');
    expect(document.activeElement).to.equal(element.querySelector('h2'));
    await expect(element).to.be.accessible();
  });

  it("speaks the page's language: German words, and Arabic right to left", async () => {
    const { client } = backend();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de"><latch-privacy .client=${client}></latch-privacy></div>`);
    const element = wrapper.querySelector('latch-privacy')!;
    await waitUntil(() => element.querySelector('h2')?.textContent === 'Ihre Privatsphäre und Daten', 'German words');
    await waitUntil(() => element.querySelector('[data-profile]'), 'the overview loaded');
    expect(headings(element)).to.include('Ihr Konto löschen');
    wrapper.lang = 'ar';
    await waitUntil(() => element.querySelector('h2')?.textContent === 'خصوصيتك وبياناتك', 'Arabic words');
    expect(element.shadowRoot!.querySelector('[part="card"]')!.getAttribute('dir')).to.equal('rtl');
  });

  it('shows a malformed overview as a typed failure with "Try again", never a half-drawn page', async () => {
    const { client } = backend({ malformed: true });
    const failures: string[] = [];
    const element = await fixture<LatchPrivacy>(html`<latch-privacy .client=${client} @latch-error=${(event: Event) => failures.push((event as Event & { detail: { code: string } }).detail.code)}></latch-privacy>`);
    await waitUntil(() => button(element, 'Try again'), 'the retry');
    expect(failures).to.deep.equal(['LATCH_INVALID_RESPONSE']);
    expect(live(element, 'alert').trim()).to.equal('Something went wrong on our side. Try again in a moment.');
    expect(element.querySelector('[data-profile]')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('is not shown at all on a backend whose discovery names no privacy resource (issue 16: no "Try again" that could never work)', async () => {
    const asked: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      asked.push(new URL(String(input)).pathname);
      return accountDiscovery();
    };
    const client = createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() });
    const element = await fixture<LatchPrivacy>(html`<latch-privacy .client=${client}></latch-privacy>`);
    await waitUntil(() => element.hidden, 'the element hid itself');
    expect(getComputedStyle(element).display).to.equal('none');
    expect(asked).to.deep.equal(['/.well-known/openid-configuration']);
  });
});
