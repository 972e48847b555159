import { test as apiTest } from '@playwright/test';
import type { ReferenceBackend } from '../../demo/server/app.js';
import { CLIENT_ID, E2E_BASE_URL, pkcePair } from './support/backend.js';
import { SPARE_PORT, startSpareBackend } from './support/spare-backend.js';
import { expect, expectAccessible, latchEvents, servePage, test, widget } from './support/widget.js';

// Profile §26.2: the backend lists, per client, the web origins its sign-in may run on, and refuses every
// credentialed step from any other with `403 origin_not_allowed`. A copied or misconfigured embed shows no
// credential field at all and says why, at once — not after the customer typed a password.

/** The spare backend's issuer, and an origin it serves its pages on without allowing it (a copied embed). */
const SPARE_ISSUER = `http://localhost:${SPARE_PORT}`;
const COPIED = `http://127.0.0.1:${SPARE_PORT}`;
/** An origin the suite's backend does not allow. */
const FOREIGN = 'https://acme-login.example';

test.describe('a page on an origin the client does not allow', () => {
  let spare: ReferenceBackend | undefined;
  test.beforeAll(async () => {
    spare = await startSpareBackend({ dev: true, pageOrigins: [COPIED] });
  });
  test.afterAll(async () => {
    await spare?.close();
  });

  test('shows no credential fields, says why with the origin, announces it, and is accessible', async ({ page }) => {
    await page.goto(`${COPIED}/plain.html`);
    const ui = widget(page);
    await expect(ui.heading).toHaveText("Sign-in isn't available here");
    const why = ui.root.locator('p[role="alert"]');
    await expect(why).toContainText(`This page (${COPIED}) isn't an address this site's sign-in service accepts`);
    await expect(why).toContainText(`add ${COPIED} to the allowed origins`);
    // No email, password or code input, no passkey or social button: nothing to type a secret into.
    await expect(ui.root.locator('input, latch-social-buttons')).toHaveCount(0);
    await expect(ui.root.getByRole('button')).toHaveCount(0);
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-error').map((event) => event.code)).toEqual(['LATCH_CONFIG_CORS_REFUSED']);
    await expectAccessible(page, 'origin refused');
  });

  test('the same backend on its own origin shows the form', async ({ page }) => {
    await page.goto(`${SPARE_ISSUER}/plain.html`);
    await expect(widget(page).email).toBeVisible();
    await expect(widget(page).root.getByText('Acme', { exact: true })).toBeVisible();
  });
});

apiTest('the backend answers 403 origin_not_allowed to every credentialed step from that origin, before doing anything', async ({ request }) => {
  const start = { client_id: CLIENT_ID, response_type: 'code', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' };
  const refusals = [
    request.post(`${E2E_BASE_URL}/authorize-challenge`, { form: start, headers: { origin: FOREIGN } }),
    request.post(`${E2E_BASE_URL}/passkey-options`, { data: { client_id: CLIENT_ID }, headers: { origin: FOREIGN } }),
    request.get(`${E2E_BASE_URL}/session`, { headers: { origin: FOREIGN } }),
    request.post(`${E2E_BASE_URL}/session`, { headers: { origin: FOREIGN, authorization: 'Bearer x' } }),
    request.get(`${E2E_BASE_URL}/passkeys`, { headers: { origin: FOREIGN } }),
    request.get(`${E2E_BASE_URL}/privacy`, { headers: { origin: FOREIGN } }),
  ];
  for (const refused of await Promise.all(refusals)) {
    expect(refused.status(), refused.url()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'origin_not_allowed' });
    // Like every answer to a foreign origin: nothing a page there may read.
    expect(refused.headers()['access-control-allow-origin']).toBeUndefined();
  }

  // The allowed origin, and a request without Origin (a server, the same-origin GET), get the step.
  for (const headers of [{ origin: E2E_BASE_URL }, {}] as Array<Record<string, string>>) {
    const started = await request.post(`${E2E_BASE_URL}/authorize-challenge`, { form: start, headers });
    expect(await started.json()).toMatchObject({ error: 'insufficient_authorization', ciam: { step: 'identifier' } });
  }

  // Discovery and the branding stay public: a page anywhere may read who the client is and where it runs.
  const branding = await request.get(`${E2E_BASE_URL}/branding?client_id=${CLIENT_ID}`, { headers: { origin: FOREIGN } });
  expect(branding.status()).toBe(200);
  expect(branding.headers()['access-control-allow-origin']).toBe('*');
  expect(branding.headers()['cache-control']).toBe('public, max-age=300');
  expect(await branding.json()).toMatchObject({ client_id: CLIENT_ID, client_name: 'Acme', allowed_origins: expect.arrayContaining([E2E_BASE_URL]) });
  expect((await request.get(`${E2E_BASE_URL}/branding?client_id=nobody`)).status()).toBe(404);
});

test('on an allowed origin: the brand, the site and the policy links, each switchable', async ({ page }) => {
  await page.goto('/plain.html');
  const ui = widget(page);
  await expect(ui.email).toBeVisible();
  await expect(ui.root.locator('[part="brand"]')).toContainText('Acme');
  await expect(ui.root.locator('[part="logo"]')).toHaveAttribute('src', `${E2E_BASE_URL}/branding/logo.svg`);
  await expect(ui.root.locator('[part="site"]')).toHaveText('Signing in to localhost');
  const privacy = ui.root.getByRole('link', { name: 'Privacy policy (opens in a new tab)' });
  await expect(privacy).toHaveAttribute('href', `${E2E_BASE_URL}/policies/privacy`);
  await expect(privacy).toHaveAttribute('target', '_blank');
  await expect(privacy).toHaveAttribute('rel', 'noopener');
  await expect(ui.root.getByRole('link', { name: 'Terms (opens in a new tab)' })).toHaveAttribute('href', `${E2E_BASE_URL}/policies/terms`);
  await expectAccessible(page, 'trust signals on the form');

  // Only the links: they prove the branding arrived, and the brand and the site are not drawn.
  await servePage(page, '/links-only.html', `<latch-login issuer="/" client-id="${CLIENT_ID}" trust-signals="links"></latch-login>`);
  await page.goto('/links-only.html');
  await expect(ui.root.getByRole('link', { name: /Privacy policy/ })).toBeVisible();
  await expect(ui.root.locator('[part="brand"], [part="site"]')).toHaveCount(0);
});
