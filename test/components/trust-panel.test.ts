import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import '../../src/components/trust/trust-panel.js';
import type { LatchTrustPanel } from '../../src/components/trust/trust-panel.component.js';
import { createClient } from '../../src/client/client.js';
import { memoryStore } from '../../src/client/storage.js';
import { LatchSignedInEvent } from '../../src/events/index.js';
import type { Branding, SessionStatus } from '../../src/protocol/index.js';
import { accountDiscovery, ISSUER, json } from '../helpers/account-backend.js';

// <latch-trust-panel> against a backend answered in the page (origin-allow-list.spec.ts and site-identity.spec.ts
// run <latch-login>'s same signals against the reference backend). The page is the test runner's: its own host
// is the site identity shown.

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const NOW = Math.floor(Date.now() / 1000);

function backend(branding: Partial<Branding> = {}, session: SessionStatus = { active: false }) {
  const asked: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const url = new URL(String(input));
    asked.push(`${url.pathname}${url.search}`);
    if (url.pathname === '/.well-known/openid-configuration') {
      return accountDiscovery({ ciam_branding_endpoint: `${ISSUER}/branding`, ciam_session_endpoint: `${ISSUER}/session` });
    }
    if (url.pathname === '/branding') {
      return json(200, {
        client_id: 'web',
        client_name: 'Acme',
        logo_uri: PNG,
        policy_uri: 'https://acme.example/privacy',
        tos_uri: 'https://acme.example/terms',
        allowed_origins: [location.origin],
        ...branding,
      });
    }
    if (url.pathname === '/session') return json(200, session);
    return json(404, { error: 'not_found' });
  };
  return { client: createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() }), asked };
}

async function mount(client: ReturnType<typeof backend>['client'], signals?: string) {
  const element = await fixture<LatchTrustPanel>(
    signals === undefined
      ? html`<latch-trust-panel .client=${client}></latch-trust-panel>`
      : html`<latch-trust-panel .client=${client} trust-signals=${signals}></latch-trust-panel>`,
  );
  return { element, root: element.shadowRoot! };
}

const part = (root: ShadowRoot, name: string) => root.querySelector(`[part~="${name}"]`);

describe('<latch-trust-panel>', () => {
  it('shows the brand, this page’s own host as the site, and the policy links in a new tab', async () => {
    const { client, asked } = backend();
    const { root } = await mount(client);
    await waitUntil(() => part(root, 'site'), 'the site identity arrived');
    expect(part(root, 'brand')!.textContent).to.contain('Acme');
    expect(part(root, 'logo')!.getAttribute('src')).to.equal(PNG);
    expect(part(root, 'logo')!.getAttribute('alt')).to.equal('');
    expect(part(root, 'site')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Signing in to ${location.hostname}`);
    const links = [...root.querySelectorAll('a')].map((a) => [a.textContent!.trim(), a.href, a.target, a.rel]);
    expect(links).to.deep.equal([
      ['Privacy policy (opens in a new tab)', 'https://acme.example/privacy', '_blank', 'noopener'],
      ['Terms (opens in a new tab)', 'https://acme.example/terms', '_blank', 'noopener'],
    ]);
    expect(asked).to.include('/branding?client_id=web');
    expect(root.querySelector('section')!.getAttribute('aria-label')).to.equal('About this sign-in');
  });

  it('leaves out a logo from another origin, an SVG data URL, and links that are not https', async () => {
    for (const logo of ['https://tracker.example/pixel.png', 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>', 'javascript:alert(1)']) {
      const { client } = backend({ logo_uri: logo, policy_uri: 'http://acme.example/privacy', tos_uri: 'https://acme.example/terms' });
      const { root } = await mount(client);
      await waitUntil(() => part(root, 'brand'), 'the branding arrived');
      expect(part(root, 'logo'), logo).to.equal(null);
      expect([...root.querySelectorAll('a')].map((a) => a.href)).to.deep.equal(['https://acme.example/terms']);
    }
  });

  it('after a passkey sign-in on the page: the passkey cue and the last sign-in from the event', async () => {
    const { client } = backend();
    const { element, root } = await mount(client);
    await waitUntil(() => part(root, 'brand'), 'the branding arrived');
    expect(part(root, 'passkey-cue')).to.equal(null);
    document.body.dispatchEvent(
      new LatchSignedInEvent({
        user: { sub: 'u1' },
        method: 'passkey',
        amr: ['hwk'],
        lastSignIn: { at: NOW - 3 * 86_400, method: 'password', device: { browser: 'Chrome', os: 'macOS', location: { city: 'Lisbon', country: 'PT' } } },
      }),
    );
    await element.updateComplete;
    expect(part(root, 'passkey-cue')!.textContent).to.equal("You signed in with a passkey. Passkeys can't be phished: they only work on this site.");
    expect(part(root, 'last-sign-in')!.textContent).to.equal('Last signed in 3 days ago on Chrome, macOS, Lisbon');
  });

  it('reads a signed-in customer’s last sign-in from the session', async () => {
    const { client } = backend({}, { active: true, user: { sub: 'u1' }, last_sign_in: { at: NOW - 2 * 3600 } });
    const { root } = await mount(client);
    await waitUntil(() => part(root, 'last-sign-in'), 'the session arrived');
    expect(part(root, 'last-sign-in')!.textContent).to.equal('Last signed in 2 hours ago');
  });

  it('shows only the signals `trust-signals` lists', async () => {
    const { client, asked } = backend();
    const { root } = await mount(client, 'links');
    await waitUntil(() => part(root, 'links'), 'the links arrived');
    expect(part(root, 'brand')).to.equal(null);
    expect(part(root, 'site')).to.equal(null);
    expect(asked).to.include('/branding?client_id=web');
    const quiet = backend();
    const none = await mount(quiet.client, 'none');
    await waitUntil(() => quiet.asked.includes('/session'), 'the branding and the session were read');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await none.element.updateComplete;
    expect(none.root.querySelector('section')!.children.length).to.equal(0);
  });
});
