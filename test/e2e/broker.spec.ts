import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { AuthorizationServerMetadata } from '../../src/protocol/index.js';
import { codeFor } from './support/flows.js';
import { decodeJwtPayload, E2E_BASE_URL, pkcePair, readMailbox, uniqueEmail } from './support/backend.js';
import { widget } from './support/widget.js';

// The reference backend as a broker (docs/protocol.md §11): a plain OIDC code flow at /auth with a
// connection, through the local upstream sandboxes, without the widget's social buttons.

const CLIENT_ID = 'latchkey-demo';
const REDIRECT_URI = `${E2E_BASE_URL}/callback`;

interface Authorization {
  url: string;
  verifier: string;
  state: string;
}

/** An authorization request (OIDC Core §3.1.2.1) with PKCE S256, state and nonce, plus `extra`. */
function authorizationRequest(extra: Record<string, string>): Authorization {
  const pkce = pkcePair();
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const url = new URL('/auth', E2E_BASE_URL);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid email profile',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    state,
    nonce: 'nonce-broker',
    ...extra,
  }).toString();
  return { url: url.href, verifier: pkce.verifier, state };
}

const callbacks = new WeakMap<Page, URL[]>();

/**
 * Records every navigation to the redirect URI. The callback page's own widget cleans `code` and `state`
 * out of the address bar as soon as it runs, so the URL is taken from the request, not from the page.
 */
function trackCallbacks(page: Page): void {
  const seen: URL[] = [];
  callbacks.set(page, seen);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.isNavigationRequest() && url.pathname === '/callback') seen.push(url);
  });
}

test.beforeEach(({ page }) => trackCallbacks(page));

/** The parameters the client's callback receives. */
async function callbackParams(page: Page): Promise<URLSearchParams> {
  await expect.poll(() => callbacks.get(page)?.length ?? 0).toBeGreaterThan(0);
  return (callbacks.get(page)?.at(-1) as URL).searchParams;
}

/** Types an email on the sandbox's sign-in page and continues. */
async function continueAtSandbox(page: Page, email: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toContainText('sandbox');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Redeems the code at /token with the verifier; answers the ID token's claims and the access token. */
async function redeem(
  request: APIRequestContext,
  params: URLSearchParams,
  auth: Authorization,
): Promise<{ claims: Record<string, unknown>; accessToken: string }> {
  expect(params.get('state')).toBe(auth.state);
  expect(params.get('iss')).toBe(E2E_BASE_URL);
  const response = await request.post('/token', {
    form: { grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: REDIRECT_URI, client_id: CLIENT_ID, code_verifier: auth.verifier },
  });
  expect(response.status()).toBe(200);
  const body = await response.json();
  const claims = decodeJwtPayload(String(body.id_token));
  expect(claims.nonce).toBe('nonce-broker');
  return { claims, accessToken: String(body.access_token) };
}

/** A whole brokered sign-in in a fresh browser context; answers the ID token's claims. */
async function signInThrough(browser: Browser, request: APIRequestContext, extra: Record<string, string>, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  trackCallbacks(page);
  const auth = authorizationRequest(extra);
  await page.goto(auth.url);
  await continueAtSandbox(page, email);
  const { claims, accessToken } = await redeem(request, await callbackParams(page), auth);
  // The provider finishing its side starts no first-party session; presenting the token does.
  expect((await (await page.request.get('/session')).json()).active).toBe(false);
  // A browser names the client's page in Origin; the token starts a session only for its own client.
  const started = await page.request.post('/session', { headers: { authorization: `Bearer ${accessToken}`, origin: E2E_BASE_URL } });
  expect(started.status()).toBe(200);
  // It says who signed in, and how: federated, with no method of ours.
  const session = (await (await page.request.get('/session')).json()) as Record<string, unknown>;
  expect(session).toMatchObject({ active: true, user: { email }, amr: ['fed'] });
  expect(session.method).toBeUndefined();
  expect((await page.request.post('/session', { headers: { authorization: 'Bearer forged' } })).status()).toBe(401);
  await context.close();
  return claims;
}

/** An account made by email code over the challenge endpoint, as the widget would; answers its sub. */
async function signUpByEmailCode(request: APIRequestContext, email: string): Promise<string> {
  const pkce = pkcePair();
  const start = await request.post('/authorize-challenge', {
    form: { client_id: CLIENT_ID, response_type: 'code', scope: 'openid', code_challenge: pkce.challenge, code_challenge_method: 'S256', login_hint: email },
  });
  const authSession = String((await start.json()).auth_session);
  await request.post('/authorize-challenge', { data: { auth_session: authSession, step: { type: 'sign_up' } } });
  const code = (await readMailbox(request, email))?.code ?? '';
  const done = await request.post('/authorize-challenge', {
    data: { auth_session: authSession, step: { type: 'email_otp', action: 'verify', code } },
  });
  const tokens = await request.post('/token', {
    form: { grant_type: 'authorization_code', code: String((await done.json()).authorization_code), client_id: CLIENT_ID, code_verifier: pkce.verifier },
  });
  return String(decodeJwtPayload(String((await tokens.json()).id_token)).sub);
}

/** Signs in with an email code in the `<latch-login>` on the current page. */
async function signInWithEmailCode(page: Page, email: string): Promise<void> {
  const ui = widget(page);
  await ui.email.fill(email);
  await ui.button(/^Continue$/).click();
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeFor(email));
  await ui.button('Verify').click();
}

test('discovery lists the three connections and prompt=create', async ({ request }) => {
  const metadata = AuthorizationServerMetadata.parse(await (await request.get('/.well-known/openid-configuration')).json());
  expect(metadata.ciam_connections?.map((c) => [c.id, c.kind, c.brand, c.authorization_params?.connection])).toEqual([
    ['google', 'social', 'google', 'google'],
    ['github', 'social', 'github', 'github'],
    ['bigcorp', 'enterprise', 'oidc', 'bigcorp'],
  ]);
  expect(metadata.ciam_connections?.[2]?.domains).toEqual(['bigcorp.example']);
  expect(metadata.prompt_values_supported).toContain('create');
  expect(metadata.end_session_endpoint).toBe(`${E2E_BASE_URL}/session/end`);
});

for (const connection of ['google', 'github']) {
  test(`signing in with ${connection} creates an account, and the next sign-in reuses it`, async ({ browser, request }) => {
    const email = uniqueEmail(connection);
    const first = await signInThrough(browser, request, { connection }, email);
    expect(first.email).toBe(email);
    expect(first.amr).toEqual(['fed']);
    const second = await signInThrough(browser, request, { connection }, email);
    expect(second.sub).toBe(first.sub);
  });
}

test('a login_hint in an SSO domain goes to BigCorp without a connection (home-realm discovery)', async ({ page, request }) => {
  const email = `jane-${Math.random().toString(36).slice(2, 8)}@bigcorp.example`;
  const auth = authorizationRequest({ login_hint: email });
  await page.goto(auth.url);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('BigCorp SSO (sandbox');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByLabel('Email').fill('someone@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toHaveText('Only @bigcorp.example accounts can sign in here.');
  await continueAtSandbox(page, email);
  expect((await redeem(request, await callbackParams(page), auth)).claims.email).toBe(email);
});

test('Cancel at the upstream ends with access_denied, state and iss, and no code', async ({ page }) => {
  const auth = authorizationRequest({ connection: 'google' });
  await page.goto(auth.url);
  await page.getByRole('button', { name: 'Cancel' }).click();
  const params = await callbackParams(page);
  expect(params.get('error')).toBe('access_denied');
  expect(params.get('state')).toBe(auth.state);
  expect(params.get('iss')).toBe(E2E_BASE_URL);
  expect(params.has('code')).toBe(false);
});

test('an upstream that is down ends with temporarily_unavailable', async ({ page, request }) => {
  expect((await request.post('/dev/sandbox/github/down')).status()).toBe(200);
  try {
    const auth = authorizationRequest({ connection: 'github' });
    await page.goto(auth.url);
    const params = await callbackParams(page);
    expect(params.get('error')).toBe('temporarily_unavailable');
    expect(params.get('state')).toBe(auth.state);
    expect(params.get('iss')).toBe(E2E_BASE_URL);
  } finally {
    await request.post('/dev/sandbox/github/up');
  }
});

test('an unknown connection ends with invalid_request', async ({ page }) => {
  await page.goto(authorizationRequest({ connection: 'myspace' }).url);
  expect((await callbackParams(page)).get('error')).toBe('invalid_request');
});

test.describe('linking', () => {
  test('an email already in use is linked only after signing in to that account', async ({ page, request }) => {
    const email = uniqueEmail('link');
    const sub = await signUpByEmailCode(request, email);

    const auth = authorizationRequest({ connection: 'google' });
    await page.goto(auth.url);
    await continueAtSandbox(page, email);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Link Google to your Acme account');
    await expect(page.getByText(`An Acme account already uses ${email}; sign in to it to link Google.`)).toBeVisible();
    expect(new URL(page.url()).pathname).toMatch(/^\/interaction\//);

    await signInWithEmailCode(page, email);
    const { claims } = await redeem(request, await callbackParams(page), auth);
    expect(claims.sub).toBe(sub);
    expect(claims.amr).toEqual(expect.arrayContaining(['fed', 'otp']));

    // Linked now: the next Google sign-in goes straight through to the same account.
    expect((await signInThrough(page.context().browser()!, request, { connection: 'google' }, email)).sub).toBe(sub);
  });

  test('signing in to a different account on the link page is refused', async ({ page, request }) => {
    const email = uniqueEmail('owner');
    const other = uniqueEmail('other');
    await signUpByEmailCode(request, email);
    await signUpByEmailCode(request, other);

    await page.goto(authorizationRequest({ connection: 'github' }).url);
    await continueAtSandbox(page, email);
    await signInWithEmailCode(page, other);
    await expect(page.locator('[data-status]')).toHaveText(
      `You signed in to a different account. Sign in to the account that uses ${email} to link GitHub.`,
    );
    expect(new URL(page.url()).pathname).toMatch(/^\/interaction\//);
  });
});

test('a customer already signed in on the site gets a code at once, without signing in again', async ({ page }) => {
  const email = uniqueEmail('signed-in');
  // page.request shares the page's cookies: this is the session the widget would have started.
  const sub = await signUpByEmailCode(page.request, email);
  expect((await (await page.request.get('/session')).json()).active).toBe(true);
  const auth = authorizationRequest({});
  await page.goto(auth.url);
  const { claims } = await redeem(page.request, await callbackParams(page), auth);
  expect(claims.sub).toBe(sub);
  expect(claims.amr).toEqual(['otp']);
});

test('without a connection, <latch-login> is the provider login page', async ({ page, request }) => {
  const email = uniqueEmail('plain');
  const sub = await signUpByEmailCode(request, email);
  const auth = authorizationRequest({});
  await page.goto(auth.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Acme');
  await signInWithEmailCode(page, email);
  const { claims } = await redeem(request, await callbackParams(page), auth);
  expect(claims.sub).toBe(sub);
  expect(claims.amr).toEqual(['otp']);
});
