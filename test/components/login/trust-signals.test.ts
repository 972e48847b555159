import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/login/login.js';
import type { LatchLogin } from '../../../src/components/login/login.component.js';
import { createClient } from '../../../src/client/client.js';
import { memoryStore } from '../../../src/client/storage.js';
import { accountDiscovery, ISSUER, json } from '../../helpers/account-backend.js';

// <latch-login>'s origin check (profile §26.2) against a backend answered in the page: by the branding's
// allowed origins before any step, and by a step the backend refuses with `origin_not_allowed`.
// origin-allow-list.spec.ts runs the first against the reference backend, from a real foreign origin.

function backend(allowed: string[], challenge: () => Response) {
  const fetchImpl: typeof fetch = async (input) => {
    const { pathname } = new URL(String(input));
    if (pathname === '/.well-known/openid-configuration') {
      return accountDiscovery({
        authorization_challenge_endpoint: `${ISSUER}/authorize-challenge`,
        ciam_session_endpoint: `${ISSUER}/session`,
        ciam_branding_endpoint: `${ISSUER}/branding`,
      });
    }
    if (pathname === '/session') return json(200, { active: false });
    if (pathname === '/branding') return json(200, { client_id: 'web', client_name: 'Acme', allowed_origins: allowed });
    if (pathname === '/authorize-challenge') return challenge();
    return json(404, { error: 'not_found' });
  };
  return createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() });
}

const identifierStep = () =>
  json(400, { error: 'insufficient_authorization', auth_session: 'a'.repeat(32), ciam: { step: 'identifier' } });
const refused = () => json(403, { error: 'origin_not_allowed', error_description: 'not an allowed origin' });

async function mount(client: ReturnType<typeof backend>): Promise<LatchLogin> {
  const element = await fixture<LatchLogin>(html`<latch-login .client=${client} theme="light"></latch-login>`);
  await element.updateComplete;
  return element;
}

const refusalShown = (element: LatchLogin) => element.querySelector('h2')?.textContent === "Sign-in isn't available here";

describe('<latch-login> on an origin the backend does not allow', () => {
  it('replaces the form once the branding does not list this page’s origin', async () => {
    const element = await mount(backend(['https://shop.example'], identifierStep));
    expect(element.querySelector('input[name="username"]')).to.exist;
    await waitUntil(() => refusalShown(element), 'the refusal replaced the form');
    expect(element.querySelectorAll('input, button, latch-social-buttons')).to.have.length(0);
    expect(element.querySelector('[role="alert"]')!.textContent).to.contain(`This page (${location.origin})`);
    await expect(element).to.be.accessible();
  });

  it('replaces the form when a step answers origin_not_allowed', async () => {
    const element = await mount(backend([location.origin], refused));
    await waitUntil(() => element.querySelector('[part="brand"]'), 'the branding arrived and allows this origin');
    element.querySelector<HTMLInputElement>('input[name="username"]')!.focus();
    await sendKeys({ type: 'amy@example.com' });
    const failed = oneEvent(element, 'latch-error');
    await sendKeys({ press: 'Enter' });
    expect((await failed).detail.code).to.equal('LATCH_ORIGIN_NOT_ALLOWED');
    await waitUntil(() => refusalShown(element), 'the refusal replaced the form');
    expect(element.querySelectorAll('input')).to.have.length(0);
    expect(element.querySelector('.latch-alert')!.textContent).to.contain("Sign-in isn't available at this page's address.");
  });
});
