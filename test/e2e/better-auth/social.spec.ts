import type { Page } from '@playwright/test';
import { buildAppClient } from '../support/app-client.js';
import { backendURL, uniqueEmail } from '../support/backend.js';
import { codeFor, submitEmail } from '../support/flows.js';
import { expect, test, widget } from '../support/widget.js';
import { ROUTES } from './support.js';

// Redirect sign-in on better-auth (profile §11): @better-auth/oauth-provider is the authorization and token endpoint,
// the reference demo's sandbox OpenID providers are genericOAuth upstreams, and the widget's buttons run the whole
// OIDC code flow in real Chromium.

/** Signs in at a sandbox provider's page as `email` (or cancels there). */
async function atSandbox(page: Page, email: string, action: 'Continue' | 'Cancel' = 'Continue'): Promise<void> {
  await expect(page.getByText('Test sandbox')).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: action, exact: true }).click();
}

async function sessionOf(page: Page): Promise<Record<string, unknown>> {
  return (await page.request.get(ROUTES.session)).json();
}

test('a sandbox button signs a new customer in by redirect; the session knows it was federated', async ({ page }) => {
  const ui = widget(page);
  const email = uniqueEmail('ba-google');
  const callbacks: URL[] = [];
  const sessionStarts: number[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.isNavigationRequest() && url.pathname === '/callback') callbacks.push(url);
  });
  page.on('response', (response) => {
    if (response.request().method() === 'POST' && new URL(response.url()).pathname === ROUTES.session) sessionStarts.push(response.status());
  });
  await page.goto('/');
  await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
  await atSandbox(page, email);
  await expect(ui.heading).toHaveText("You're signed in");
  await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
  // RFC 9207: oauth-provider's answer names the issuer discovery names.
  expect(callbacks[0]?.searchParams.get('iss')).toBe(backendURL());
  expect(callbacks[0]?.searchParams.has('code')).toBe(true);
  // The client redeemed the code and started the session with the access token (§4).
  expect(sessionStarts).toEqual([200]);
  expect(await sessionOf(page)).toMatchObject({ active: true, user: { email }, amr: ['fed'] });
  expect(await sessionOf(page)).not.toHaveProperty('method');
});

test('cancelling at the provider and a provider that is down come back to the form with their messages', async ({ page }) => {
  const ui = widget(page);
  await page.goto('/');
  await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
  await atSandbox(page, uniqueEmail('ba-cancel'), 'Cancel');
  await expect(ui.alert).toHaveText('Sign-in was cancelled at the provider. Choose another way to sign in.');
  await expect(ui.email).toBeVisible();
  expect((await sessionOf(page))['active']).toBe(false);

  await fetch(new URL('/dev/sandbox/github/down', backendURL()), { method: 'POST' });
  try {
    await ui.root.getByRole('button', { name: 'Continue with GitHub' }).click();
    await expect(ui.alert).toHaveText("That sign-in provider isn't answering right now. Try again, or use another method.");
  } finally {
    await fetch(new URL('/dev/sandbox/github/up', backendURL()), { method: 'POST' });
  }
});

test('an upstream account with the address of an existing account is not linked to it (§11.4.5)', async ({ page }) => {
  const ui = widget(page);
  const email = uniqueEmail('ba-taken');
  await page.goto('/');
  await submitEmail(page, email);
  await ui.code.fill(await codeFor(email));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
  // §11.4.2: with a session, a request naming a connection still goes to it (oauth-provider alone would answer a code).
  const authorize = new URL('/api/auth/oauth2/authorize', backendURL());
  const params = { client_id: 'latchkey-demo', response_type: 'code', redirect_uri: `${backendURL()}/callback`, scope: 'openid', state: 's', connection: 'github' };
  for (const [name, value] of Object.entries({ ...params, code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })) authorize.searchParams.set(name, value);
  const answer = await page.request.get(authorize.href, { maxRedirects: 0, headers: { Accept: 'text/html', 'Sec-Fetch-Mode': 'navigate' } });
  expect(new URL(answer.headers()['location'] ?? '', backendURL()).pathname).toBe('/api/auth/latchkey/oauth/login');
  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');

  // better-auth would link the verified upstream address by default; with implicit linking off it refuses.
  await ui.root.getByRole('button', { name: 'Continue with GitHub' }).click();
  await atSandbox(page, email);
  // The refusal comes back as `access_denied`, which the widget can only call a cancellation.
  await expect(ui.alert).toHaveText('Sign-in was cancelled at the provider. Choose another way to sign in.');
  await expect(ui.email).toBeVisible();
  expect((await sessionOf(page))['active']).toBe(false);
});

test('an in-widget email-code sign-in completes by tokens: oauth-provider redeems the code once, the token starts one session', async ({ page }) => {
  const email = uniqueEmail('ba-tokens');
  // The headless client as an app ships it (one bundle), for an app that keeps tokens.
  const appBundle = await buildAppClient();
  await page.route('**/app/client.js', (route) => route.fulfill({ contentType: 'text/javascript', body: appBundle }));
  await page.goto('/plain.html');
  type Held = { client: { verifyEmailCode(input: { code: string }): Promise<{ type: string; signedIn?: { user: { email?: string } } }>; getAccessToken(): Promise<string | undefined> } };
  const asked = await page.evaluate(async (loginHint) => {
    const entry = '/app/client.js';
    const { createClient } = (await import(entry)) as typeof import('../../../src/client/index.js');
    const client = createClient({ issuer: location.origin, clientId: 'latchkey-demo', completion: 'tokens' });
    (window as unknown as Held).client = client as unknown as Held['client'];
    const started = await client.startSignIn({ loginHint });
    if (started.type !== 'step') throw new Error(`unexpected ${JSON.stringify(started)}`);
    const sent = await client.requestEmailCode();
    return sent.type === 'step' ? sent.state.step : sent.type;
  }, email);
  expect(asked).toBe('email_otp');
  const code = await codeFor(email);
  // The challenge's code goes to oauth-provider's /oauth2/token with the PKCE verifier and no redirect_uri (FiPA §6).
  const tokenAnswer = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/auth/oauth2/token');
  const signedIn = await page.evaluate(async (code) => {
    const { client } = window as unknown as Held;
    const outcome = await client.verifyEmailCode({ code });
    return { type: outcome.type, email: outcome.signedIn?.user.email, token: typeof (await client.getAccessToken()) === 'string' };
  }, code);
  expect(signedIn).toEqual({ type: 'signed-in', email, token: true });
  const redeemed = await tokenAnswer;
  expect([redeemed.status(), await redeemed.json()]).toMatchObject([200, { token_type: 'Bearer', id_token: expect.any(String) }]);
  const sent = new URLSearchParams(redeemed.request().postData() ?? '');
  expect([sent.get('grant_type'), sent.has('code_verifier'), sent.has('redirect_uri')]).toEqual(['authorization_code', true, false]);
  // §4: the access token starts a session from the client's page once; a forged token never does.
  const start = () =>
    page.evaluate(async (route) => {
      const token = await (window as unknown as Held).client.getAccessToken();
      return (await fetch(route, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status;
    }, ROUTES.session);
  const forged = await page.evaluate(async (route) => (await fetch(route, { method: 'POST', headers: { Authorization: 'Bearer forged' } })).status, ROUTES.session);
  expect([forged, await start(), await start()]).toEqual([401, 200, 401]);
  // Single use: the same code again is refused, and oauth-provider revokes what it issued (RFC 6749 §4.1.2).
  const again = await page.evaluate(async (body) => {
    const answer = await fetch('/api/auth/oauth2/token', { method: 'POST', body: new URLSearchParams(body) });
    return [answer.status, ((await answer.json()) as { error?: string }).error];
  }, sent.toString());
  expect(again).toEqual([400, 'invalid_grant']);
  const active = await page.evaluate(async () => (await fetch('/api/auth/oauth2/userinfo', { headers: { Authorization: `Bearer ${await (window as unknown as Held).client.getAccessToken()}` } })).status);
  expect(active).toBe(401);
});
