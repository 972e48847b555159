import type { Page, Request } from '@playwright/test';
import type { createClient } from '../../src/client/index.js';
import { decodeJwtPayload, E2E_BASE_URL, HttpCustomer, PASSWORD, uniqueEmail } from './support/backend.js';
import { buildAppClient } from './support/app-client.js';
import { codeFor } from './support/flows.js';
import { expect, expectAccessible, servePage, test, widget } from './support/widget.js';

// Step-up (RFC 9470) for an app whose backend is NOT first-party to it: no challenge endpoint, so the app
// signs in and steps up through the backend's own sign-in page in a popup (an OIDC code flow with
// `acr_values` and `prompt=login`), holds the tokens in memory (`completion: 'tokens'`), and calls the demo
// API with `Authorization: Bearer`.
//
// The setup: the app page's discovery document is the provider's own minus `authorization_challenge_endpoint`
// (a route on the app page only). That is the one fact that makes a backend "not first-party" to a client;
// everything else — the provider, its sign-in page in the popup (which keeps using its own challenge
// endpoint, as a provider's login UI does), the tokens, the API — is the real reference backend.

const MFA = 'urn:latch:acr:mfa';

/**
 * The app's own bundle of `latchkey/client` (src/client/index.ts with its dependencies, one file), as an app
 * that imports the client from the npm package would ship it; the script-tag bundle exports no client.
 */
let appBundle = '';

test.beforeAll(async () => {
  appBundle = await buildAppClient();
});

/** The app: a sign-in button, an email change and an account closure, all through one client's fetch. */
const APP = `<h1>Your account</h1>
<button type="button" id="sign-in">Sign in</button>
<label>New email <input id="new-email" type="email"></label>
<button type="button" id="save-email">Save email</button>
<button type="button" id="close-account">Close my account</button>
<p id="result" role="status"></p>`;

type AppWindow = Window & { __app: ReturnType<typeof createClient> };

/** Opens the app page on a backend without the first-party endpoint and wires its buttons to a token client. */
async function openApp(page: Page): Promise<void> {
  await page.route('**/.well-known/openid-configuration', async (route) => {
    const response = await route.fetch();
    const metadata = (await response.json()) as Record<string, unknown>;
    delete metadata.authorization_challenge_endpoint;
    await route.fulfill({ response, json: metadata });
  });
  await page.route('**/app/client.js', (route) => route.fulfill({ contentType: 'text/javascript', body: appBundle }));
  await servePage(page, '/app.html', APP);
  await page.goto('/app.html');
  await page.evaluate(async () => {
    const entry = '/app/client.js';
    const { createClient } = (await import(entry)) as { createClient: typeof import('../../src/client/index.js').createClient };
    const client = createClient({ issuer: location.origin, clientId: 'latchkey-demo', completion: 'tokens' });
    (window as unknown as AppWindow).__app = client;
    const result = document.querySelector('#result') as HTMLElement;
    const show = (text: string) => (result.textContent = text);
    const failed = (error: unknown) => show(`Failed: ${(error as { code?: string }).code ?? String(error)}`);
    document.querySelector('#sign-in')?.addEventListener('click', () => {
      const popup = window.open('about:blank', 'latchkey-popup', 'popup,width=480,height=720');
      if (!popup) return show('Popup blocked');
      client.signInWithPopup({ popup }).then((signedIn) => show(`Signed in as ${signedIn.user.email}`), failed);
    });
    document.querySelector('#save-email')?.addEventListener('click', () => {
      const email = (document.querySelector('#new-email') as HTMLInputElement).value;
      client
        .fetch('/api/email', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'start', email }) })
        .then(async (response) => show(`${response.status}: ${((await response.json()) as { destination_hint?: string }).destination_hint ?? ''}`), failed);
    });
    document.querySelector('#close-account')?.addEventListener('click', () => {
      client.fetch('/api/account', { method: 'DELETE' }).then((response) => show(`${response.status}`), failed);
    });
  });
}

/** A password account, signed out, in this browser (its device is remembered, so no second factor at sign-in). */
async function passwordAccount(page: Page, prefix: string): Promise<string> {
  const customer = new HttpCustomer(page.request, uniqueEmail(prefix), E2E_BASE_URL);
  expect((await customer.signUp()).status).toBe(200);
  expect((await page.request.delete('/session')).status()).toBe(204);
  return customer.email;
}

/** Signs in with the password in the provider's sign-in popup; the app holds a 1fa access token after it. */
async function signInInPopup(page: Page, email: string): Promise<void> {
  const opened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const popup = await opened;
  const ui = widget(popup);
  await ui.email.fill(email);
  await ui.button('Continue').click();
  await ui.button('Use another method').click();
  await ui.button('Use my password').click();
  await ui.password.fill(PASSWORD);
  await ui.button('Sign in').click();
  await popup.waitForEvent('close');
  await expect(page.locator('#result')).toHaveText(`Signed in as ${email}`);
  expect(await (await page.request.get('/session')).json()).toMatchObject({ active: true, acr: 'urn:latch:acr:1fa', amr: ['pwd'] });
}

/** Requests the app page sends to `path` with `method`. */
function recordRequests(page: Page, path: string, method: string): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === path && request.method() === method) sent.push(request);
  });
  return sent;
}

/** The ID tokens the app page redeems at the token endpoint, decoded. */
function recordIdTokens(page: Page): Array<Record<string, unknown>> {
  const claims: Array<Record<string, unknown>> = [];
  page.on('response', async (response) => {
    if (new URL(response.url()).pathname !== '/token' || !response.ok()) return;
    const body = (await response.json().catch(() => undefined)) as { id_token?: string } | undefined;
    if (body?.id_token) claims.push(decodeJwtPayload(body.id_token));
  });
  return claims;
}

test.describe('step-up through the provider sign-in page in a popup (backend not first-party)', () => {
  test('a signed-in user confirms with an emailed code in the popup and the email change is retried with the stronger token', async ({ page }) => {
    const email = await passwordAccount(page, 'popup-stepup');
    await openApp(page);
    await signInInPopup(page, email);
    const puts = recordRequests(page, '/api/email', 'POST');
    const idTokens = recordIdTokens(page);
    const firstToken = await page.evaluate(() => (window as unknown as AppWindow).__app.getAccessToken());
    expect(firstToken).toBeTruthy();

    const authorizations: URL[] = [];
    page.context().on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/auth') authorizations.push(url);
    });

    // The sign-in form emailed a code before the password was chosen; signing in ended that code's resend
    // cooldown, so the step-up emails its own at once.
    const changed = uniqueEmail('changed');
    await page.getByLabel('New email').fill(changed);
    const opened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Save email', exact: true }).click();
    const popup = await opened;

    // The authorization request carries the challenge (RFC 9470 §4) and asks for a fresh authentication.
    await expect.poll(() => authorizations.length).toBeGreaterThan(0);
    const authorize = authorizations[0] as URL;
    expect(authorize.searchParams.get('acr_values')).toBe(MFA);
    expect(authorize.searchParams.get('prompt')).toBe('login');

    // The provider's page: already signed in, so no sign-in form, only "Confirm it's you" with a code.
    const prompt = popup.locator('latch-step-up');
    const dialog = prompt.getByRole('dialog', { name: "Confirm it's you" });
    await expect(dialog).toBeVisible();
    await expect(popup.locator('latch-login')).toHaveCount(0);
    await expect(prompt.getByLabel('Code', { exact: true })).toBeFocused();
    await expectAccessible(popup, 'popup step-up, emailed code');
    expect(await popup.evaluate(() => document.querySelector('main')?.dataset.acrValues)).toBe(MFA);

    await prompt.getByLabel('Code', { exact: true }).fill(await codeFor(email));
    await prompt.getByRole('button', { name: 'Verify', exact: true }).click();
    await popup.waitForEvent('close');

    // The original request went out again, with the new token, and went through.
    // The change started: its code went to the new address (docs/protocol.md §21.2).
    await expect(page.locator('#result')).toHaveText('200: c•••@example.com');
    expect(puts).toHaveLength(2);
    const [first, retry] = await Promise.all(puts.map((request) => request.allHeaders()));
    expect(first?.authorization).toBe(`Bearer ${firstToken}`);
    expect(retry?.authorization).toMatch(/^Bearer /);
    expect(retry?.authorization).not.toBe(first?.authorization);
    expect(await puts[1]?.postDataJSON()).toEqual({ action: 'start', email: changed });

    // The new ID token says so: acr mfa, amr of both factors, and a fresh auth_time (OIDC Core §2).
    expect(idTokens).toHaveLength(1);
    const claims = idTokens[0] ?? {};
    expect(claims).toMatchObject({ acr: MFA, amr: ['pwd', 'otp'] });
    const now = ((await (await page.request.get('/dev/clock')).json()) as { now: number }).now;
    expect(now - Number(claims.auth_time)).toBeLessThan(60);
    // Not yet the account's: the address changes once its code is entered.
    expect(await (await page.request.get('/session')).json()).toMatchObject({ active: true, acr: MFA, user: { email } });
  });

  /** Asks for the email change, which needs mfa: the provider's step-up page opens in a popup. */
  async function changeEmailInPopup(page: Page, prefix: string) {
    const email = await passwordAccount(page, prefix);
    await openApp(page);
    await signInInPopup(page, email);
    const puts = recordRequests(page, '/api/email', 'POST');
    await page.getByLabel('New email').fill(uniqueEmail('unchanged'));
    const opened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Save email', exact: true }).click();
    const popup = await opened;
    await expect(popup.locator('latch-step-up').getByRole('dialog', { name: "Confirm it's you" })).toBeVisible();
    return { email, popup, puts };
  }

  /** The step-up was declined: the app hears it, the refused request is not sent again, nothing changed. */
  async function expectDeclined(page: Page, email: string, puts: Request[]): Promise<void> {
    await expect(page.locator('#result')).toHaveText('Failed: LATCH_STEP_UP_CANCELLED');
    expect(puts).toHaveLength(1);
    expect(await (await page.request.get('/session')).json()).toMatchObject({
      active: true,
      acr: 'urn:latch:acr:1fa',
      user: { email },
    });
  }

  test('closing the popup declines the step-up: LATCH_STEP_UP_CANCELLED, and the email change is not retried', async ({ page }) => {
    const { email, popup, puts } = await changeEmailInPopup(page, 'popup-closed');
    await popup.close();
    await expectDeclined(page, email, puts);
  });

  test("with Cross-Origin-Opener-Policy on the provider's page (window.opener severed), the step-up completes and the email change is retried", async ({ page }) => {
    // The reference backend sends COOP: same-origin on its pages to a browser with this test-only cookie.
    await page.context().addCookies([{ name: 'latch_test_coop', value: '1', url: E2E_BASE_URL }]);
    const { email, popup, puts } = await changeEmailInPopup(page, 'popup-coop');
    const changed = await page.getByLabel('New email').inputValue();
    expect(await popup.evaluate(() => window.opener)).toBeNull();
    const prompt = popup.locator('latch-step-up');
    await prompt.getByLabel('Code', { exact: true }).fill(await codeFor(email));
    const closed = popup.waitForEvent('close');
    await prompt.getByRole('button', { name: 'Verify', exact: true }).click();
    await closed;

    await expect(page.locator('#result')).toHaveText(`200: ${changed.slice(0, 1)}•••@example.com`);
    expect(puts).toHaveLength(2);
    expect(await (await page.request.get('/session')).json()).toMatchObject({ active: true, acr: MFA, user: { email } });
  });

  test("cancelling on the provider's page declines the step-up the same way", async ({ page }) => {
    const { email, popup, puts } = await changeEmailInPopup(page, 'popup-cancel');
    const prompt = popup.locator('latch-step-up');
    await prompt.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(prompt.getByRole('dialog')).toBeHidden();
    // The page offers to try again or to cancel the sign-in: the latter ends it with access_denied.
    await expect(popup.getByRole('button', { name: "Confirm it's you", exact: true })).toBeFocused();
    await expectAccessible(popup, 'popup step-up, declined');
    const closed = popup.waitForEvent('close');
    await popup.locator('main').getByRole('button', { name: 'Cancel', exact: true }).click();
    await closed;
    await expectDeclined(page, email, puts);
  });

  test('a level the provider cannot reach ends the popup by itself with LATCH_STEP_UP_UNMET', async ({ page }) => {
    const email = await passwordAccount(page, 'popup-unmet');
    await openApp(page);
    await signInInPopup(page, email);
    const deletes = recordRequests(page, '/api/account', 'DELETE');

    const opened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Close my account', exact: true }).click();
    const popup = await opened;
    // No prompt to answer: the provider finishes the request with unmet_authentication_requirements at once.
    await popup.waitForEvent('close');

    await expect(page.locator('#result')).toHaveText('Failed: LATCH_STEP_UP_UNMET');
    // Terminal: the refused request is not sent again.
    expect(deletes).toHaveLength(1);
    expect(await (await page.request.get('/session')).json()).toMatchObject({ active: true, acr: 'urn:latch:acr:1fa' });
  });
});
