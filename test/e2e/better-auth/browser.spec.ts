import { uniqueEmail } from '../support/backend.js';
import { codeFor, submitEmail } from '../support/flows.js';
import type { Page } from '@playwright/test';
import { addVirtualAuthenticator, expect, expectAccessible, freshPage, latchEvents, test, virtualCredentials, widget, type VirtualCredential, useBrowserLayer } from '../support/widget.js';
import { ROUTES } from './support.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

// The demo pages, unchanged, against better-auth with the Latchkey plugin, in real Chromium.

test.use({ viewport: { width: 1280, height: 800 } });

test('an email code signs a new customer in on the demo page, and the session endpoint knows them', async ({ page }, testInfo) => {
  const ui = widget(page);
  const email = uniqueEmail('ba-page');
  await page.goto('/');
  await expect(ui.heading).toHaveText('Sign in to Acme');
  // With @better-auth/oauth-provider the demo names both OAuth endpoints and brokers its connections (§11).
  await expect(ui.root.getByRole('button', { name: /^Continue with/ })).toHaveCount(3);
  await submitEmail(page, email);
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeFor(email));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
  await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
  // The passkey nudge only where the backend registers passkeys (its account endpoints): never a dead button.
  const metadata = await (await page.request.get('/.well-known/openid-configuration')).json();
  const nudge = ui.button('Create a passkey');
  if (metadata.ciam_passkey_registration_endpoint) await expect(nudge).toBeVisible();
  else await expect(nudge).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('signed-in-1280.png'), fullPage: true });
  const session = await (await page.request.get(ROUTES.session)).json();
  expect(session).toMatchObject({ active: true, user: { email }, amr: ['otp'], method: 'email_otp' });
  // Nothing of the sign-in is kept in web storage (profile §8).
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toMatch(/auth_session|authorization_code|better-auth/);

  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');
  expect((await (await page.request.get(ROUTES.session)).json()).active).toBe(false);
});

test.describe('a copied embed', () => {
  // The demo's own page, served by the same server on another origin (127.0.0.1, which the plugin does not allow),
  // its widget pointed at the real issuer: a copy of the embed on someone else's site. The demo's CSP allows only
  // its own origin to be called; a copier's page has a CSP of its own, so this page runs without the demo's.
  test.use({ bypassCSP: true });

  test('on an origin the plugin does not allow shows no credential field, and the plugin refuses its calls (profile §26.2)', async ({ page, baseURL }) => {
    const copied = baseURL!.replace('//localhost:', '//127.0.0.1:');
    await page.addInitScript((issuer) => {
      new MutationObserver((_, observer) => {
        const login = document.querySelector('latch-login');
        if (!login) return;
        login.setAttribute('issuer', issuer);
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    }, baseURL!);
    await page.goto(`${copied}/plain.html`);
    const ui = widget(page);
    await expect(ui.heading).toHaveText("Sign-in isn't available here");
    await expect(ui.root.locator('p[role="alert"]').last()).toContainText(`add ${copied} to the allowed origins`);
    await expect(ui.root.locator('input, latch-social-buttons')).toHaveCount(0);
    await expect(ui.root.getByRole('button')).toHaveCount(0);
    // The form goes by the branding's allowed origins at once; the page hears why once the refused call is diagnosed.
    await expect.poll(async () => (await latchEvents(page)).filter((event) => event.type === 'latch-error').map((event) => event.code)).toContain('LATCH_CONFIG_CORS_REFUSED');
    await expectAccessible(page, 'origin refused on better-auth');
    // A script on that page gets nothing from the session endpoint: the plugin refuses it, unreadably.
    const read = await page.evaluate((url) => fetch(url, { credentials: 'include' }).then(() => 'read', () => 'refused'), new URL(ROUTES.session, baseURL).href);
    expect(read).toBe('refused');
  });
});

test('the form names the site with its logo from the plugin\'s branding (profile §26.1), public and cacheable', async ({ page }) => {
  const ui = widget(page);
  await page.goto('/');
  const brand = ui.root.locator('[part="brand"]');
  await expect(brand).toHaveText('Acme');
  // The logo is on the page's own origin, so the widget shows it (decorative: the name says it in words).
  await expect(brand.locator('img')).toHaveAttribute('alt', '');
  await expect.poll(() => brand.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  const metadata = await (await page.request.get('/.well-known/openid-configuration')).json();
  const answer = await page.request.get(`${metadata.ciam_branding_endpoint}?client_id=latchkey-demo`);
  expect(answer.headers()).toMatchObject({ 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' });
  expect(await answer.json()).toEqual({
    client_id: 'latchkey-demo',
    client_name: 'Acme',
    logo_uri: new URL('/branding/logo.svg', page.url()).href,
    allowed_origins: expect.arrayContaining([new URL(page.url()).origin]),
  });
  const unknown = await page.request.get(`${metadata.ciam_branding_endpoint}?client_id=someone-else`);
  expect([unknown.status(), (await unknown.json()).error]).toEqual([404, 'invalid_client']);
});

/**
 * A new account signed in by email code on the demo page, with a passkey registered through better-auth's own
 * `/passkey/*` registration (the profile's account endpoints are another module's), then signed out.
 */
async function accountWithPasskey(page: Page, prefix: string): Promise<{ email: string; credential: VirtualCredential }> {
  const ui = widget(page);
  const email = uniqueEmail(prefix);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  await page.goto('/');
  await submitEmail(page, email);
  await ui.code.fill(await codeFor(email));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
  const registered = await page.evaluate(async () => {
    const options = await (await fetch('/api/auth/passkey/generate-register-options', { credentials: 'include' })).json();
    const credential = (await navigator.credentials.create({
      publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options),
    })) as PublicKeyCredential;
    const response = await fetch('/api/auth/passkey/verify-registration', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: credential.toJSON(), name: 'Test passkey' }),
    });
    return response.status;
  });
  expect(registered).toBe(200);
  expect(await (await page.request.get(ROUTES.session)).json()).toMatchObject({ has_passkey: true });
  const credentials = await virtualCredentials(cdp, authenticatorId);
  expect(credentials).toHaveLength(1);
  // The passkey leaves this page with its authenticator, so the sign-out's autofill cannot use it here.
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');
  return { email, credential: credentials[0]! };
}

test('a passkey registered with better-auth signs in with the passkey button', async ({ page, browser }) => {
  const { email, credential } = await accountWithPasskey(page, 'ba-passkey');
  const { page: returning, done } = await freshPage(browser);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
  await returning.addInitScript(() => {
    const counted = window as unknown as { __gets: number };
    counted.__gets = 0;
    const get = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = (options?: CredentialRequestOptions) => ((counted.__gets += 1), get(options));
  });
  const ui = widget(returning);
  await returning.goto('/');
  // The passkey arrives once the page load's autofill request is out, so it is the button that uses it.
  await expect.poll(() => returning.evaluate(() => (window as unknown as { __gets: number }).__gets)).toBe(1);
  await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
  await ui.button('Sign in with a passkey').click();
  await expect(ui.heading).toHaveText("You're signed in");
  await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
  expect(await (await returning.request.get(ROUTES.session)).json()).toMatchObject({ active: true, user: { email }, method: 'passkey', amr: ['hwk', 'user'] });
  await done();
});

test('a returning customer signs in by passkey autofill, with the page load\'s options', async ({ page, browser }) => {
  const { email, credential } = await accountWithPasskey(page, 'ba-autofill');
  const { page: returning, done } = await freshPage(browser);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
  await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
  const sent: string[] = [];
  returning.on('request', (request) => {
    if (request.url().includes('/api/auth/latchkey/')) sent.push(`${request.url()} ${request.postData() ?? ''}`);
  });
  await returning.goto('/');
  const ui = widget(returning);
  // Chromium's virtual authenticator answers a conditional request at once: this proves the wiring
  // (options from the page load's start → assertion → better-auth's verification), not the dropdown.
  await expect(ui.heading).toHaveText("You're signed in");
  await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
  expect(sent.some((line) => line.includes('/passkey-options'))).toBe(true);
  expect(sent.some((line) => line.includes('"action":"options"'))).toBe(false);
  expect(await (await returning.request.get(ROUTES.session)).json()).toMatchObject({ active: true, user: { email }, method: 'passkey' });
  await done();
});
