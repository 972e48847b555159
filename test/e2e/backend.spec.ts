import { request as playwrightRequest } from '@playwright/test';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceBackend } from '../../demo/server/app.js';
import {
  AuthorizationServerMetadata,
  ChallengeErrorResponse,
  ChallengeSuccessResponse,
  PasskeyCreationOptionsResponse,
  PasskeyOptionsResponse,
  PROFILE_VERSION,
  SessionStatus,
} from '../../src/protocol/index.js';
import {
  advanceServerClock,
  decodeJwtPayload,
  E2E_BASE_URL,
  pkcePair,
  readMailbox,
  uniqueEmail,
} from './support/backend.js';

// Contract tests of the reference backend (docs/protocol.md), against the real server over HTTP.

const CLIENT_ID = 'latchkey-demo';
const PASSWORD = 'correct horse battery staple';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

async function answer(response: APIResponse): Promise<Answer> {
  const text = await response.text();
  return { status: response.status(), body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers() };
}

/** FiPA §5.1 initial request; returns the answer and the PKCE verifier for the later token request. */
async function startChallenge(request: APIRequestContext, params: Record<string, string> = {}, path = '/authorize-challenge') {
  const pkce = pkcePair();
  const response = await request.post(path, {
    form: {
      client_id: CLIENT_ID,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      ...params,
    },
  });
  const result = await answer(response);
  return { ...result, verifier: pkce.verifier, authSession: String(result.body.auth_session) };
}

/** One intermediate request (FiPA §5.3, the profile's JSON step). */
async function sendStep(request: APIRequestContext, authSession: string, step: Record<string, unknown>): Promise<Answer> {
  return answer(await request.post('/authorize-challenge', { data: { auth_session: authSession, step } }));
}

/** The body without the per-request auth_session handle, for "identical answer" comparisons. */
function withoutSession(body: Record<string, unknown>): Record<string, unknown> {
  const { auth_session: _ignored, ...rest } = body;
  return rest;
}

/** Signs up with a password through the emailed code; answers the code response and PKCE verifier. */
async function signUp(request: APIRequestContext, email: string, password: string | undefined = PASSWORD) {
  const start = await startChallenge(request, { login_hint: email, nonce: 'n-signup' });
  const sent = await sendStep(request, start.authSession, password === undefined ? { type: 'sign_up' } : { type: 'sign_up', password });
  expect(sent.status).toBe(400);
  const mail = await readMailbox(request, email);
  expect(mail?.code).toMatch(/^\d{6}$/);
  const done = await sendStep(request, start.authSession, { type: 'email_otp', action: 'verify', code: mail!.code! });
  expect(done.status).toBe(200);
  return { ...done, verifier: start.verifier };
}

async function sendCode(request: APIRequestContext, email: string) {
  const start = await startChallenge(request, { login_hint: email });
  const sent = await sendStep(request, start.authSession, { type: 'email_otp', action: 'send' });
  return { start, sent };
}

test.describe('discovery', () => {
  test('parses with the profile schema and lists the ciam keys', async ({ request }) => {
    const response = await request.get('/.well-known/openid-configuration');
    expect(response.status()).toBe(200);
    const metadata = AuthorizationServerMetadata.parse(await response.json());
    expect(metadata.issuer).toBe(E2E_BASE_URL);
    expect(metadata.token_endpoint).toBe(`${E2E_BASE_URL}/token`);
    expect(metadata.authorization_challenge_endpoint).toBe(`${E2E_BASE_URL}/authorize-challenge`);
    expect(metadata.ciam_profile_versions_supported).toContain(PROFILE_VERSION);
    expect(metadata.ciam_step_types_supported).toEqual([
      'identifier',
      'password',
      'email_otp',
      'webauthn',
      'sign_up',
      'select_factor',
      'totp',
      'sms_otp',
      'recovery_code',
      'password_reset',
      'new_password',
      'account_recovery',
      'email_link',
    ]);
    expect(metadata.ciam_passkeys_endpoint).toBe(`${E2E_BASE_URL}/passkeys`);
    expect(metadata.ciam_factors_endpoint).toBe(`${E2E_BASE_URL}/factors`);
    expect(metadata.acr_values_supported).toEqual(['urn:latch:acr:1fa', 'urn:latch:acr:mfa']);
    expect(metadata.ciam_session_endpoint).toBe(`${E2E_BASE_URL}/session`);
    expect(metadata.ciam_passkey_registration_endpoint).toBe(`${E2E_BASE_URL}/passkeys/register`);
    expect(metadata.ciam_password_min_length).toBe(15);
    expect(metadata.ciam_sign_up_enabled).toBe(true);
    expect(metadata.ciam_email_code_ttl).toBe(600);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
  });
});

test.describe('POST /passkey-options (the page load\'s start)', () => {
  test('opens a sign-in with 200 and discoverable passkey options; its steps go on at /authorize-challenge', async ({ request }) => {
    const start = await startChallenge(request, { nonce: 'n-load' }, '/passkey-options');
    expect(start.status).toBe(200);
    expect(start.headers['cache-control']).toBe('no-store');
    const body = PasskeyOptionsResponse.parse(start.body);
    const options = body.ciam.step === 'identifier' ? body.ciam.webauthn?.request_options : undefined;
    expect(options?.rpId).toBe('localhost');
    expect(options?.allowCredentials).toBeUndefined();
    const next = await sendStep(request, body.auth_session, { type: 'identifier', login_hint: uniqueEmail('load') });
    expect(next.status).toBe(400);
    expect(ChallengeErrorResponse.parse(next.body).ciam?.step).toBe('select_method');
  });

  for (const [name, params] of [
    ['names the user', { login_hint: 'someone@example.com' }],
    ['asks for a step-up', { acr_values: 'urn:latch:acr:mfa' }],
  ] as const) {
    test(`refuses a start that ${name}: that is FiPA's initial request`, async ({ request }) => {
      const start = await startChallenge(request, params, '/passkey-options');
      expect(start.status).toBe(400);
      expect(start.body.error).toBe('invalid_request');
    });
  }
});

test.describe('POST /authorize-challenge', () => {
  test('starts with the identifier step and discoverable passkey options', async ({ request }) => {
    const start = await startChallenge(request);
    expect(start.status).toBe(400);
    expect(start.headers['cache-control']).toBe('no-store');
    const body = ChallengeErrorResponse.parse(start.body);
    expect(body.error).toBe('insufficient_authorization');
    expect(body.auth_session?.length).toBeGreaterThanOrEqual(43);
    expect(body.ciam?.step).toBe('identifier');
    const options = body.ciam?.step === 'identifier' ? body.ciam.webauthn?.request_options : undefined;
    expect(options?.rpId).toBe('localhost');
    expect(options?.userVerification).toBe('required');
    expect(options?.allowCredentials).toBeUndefined();
  });

  test('answers the identifier step identically for known and unknown emails', async ({ request }) => {
    const known = uniqueEmail('known');
    await signUp(request, known);

    const answers: Record<string, unknown>[] = [];
    for (const email of [known, uniqueEmail('unknown')]) {
      const start = await startChallenge(request);
      const result = await sendStep(request, start.authSession, { type: 'identifier', login_hint: email });
      expect(result.status).toBe(400);
      const body = ChallengeErrorResponse.parse(result.body);
      expect(body.ciam).toMatchObject({ step: 'select_method', methods: ['passkey', 'password', 'email_otp'], sign_up: true, password_min_length: 15 });
      answers.push({ ...withoutSession(result.body), ciam: { ...(result.body.ciam as object), login_hint: '<email>' } });
    }
    expect(answers[0]).toEqual(answers[1]);
  });

  test('with login_hint goes straight to select_method', async ({ request }) => {
    const email = uniqueEmail('hint');
    const start = await startChallenge(request, { login_hint: email });
    expect(ChallengeErrorResponse.parse(start.body).ciam).toMatchObject({ step: 'select_method', login_hint: email });
  });

  test('signs up with a password, signs in, and the code redeems once at /token without redirect_uri', async ({ request }) => {
    const email = uniqueEmail('Signup');
    const created = await signUp(request, email);
    ChallengeSuccessResponse.parse(created.body);

    const start = await startChallenge(request, { login_hint: email, nonce: 'nonce-123' });
    const signedIn = await sendStep(request, start.authSession, { type: 'password', password: PASSWORD });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    const { authorization_code } = ChallengeSuccessResponse.parse(signedIn.body);

    const form = { grant_type: 'authorization_code', code: authorization_code, code_verifier: start.verifier, client_id: CLIENT_ID };
    const tokens = await answer(await request.post('/token', { form }));
    expect(tokens.status).toBe(200);
    const claims = decodeJwtPayload(String(tokens.body.id_token));
    expect(claims).toMatchObject({ iss: E2E_BASE_URL, aud: CLIENT_ID, nonce: 'nonce-123', email: email.toLowerCase(), amr: ['pwd'] });
    expect(typeof claims.auth_time).toBe('number');

    const replay = await answer(await request.post('/token', { form }));
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
  });

  test('refuses a code exchanged with the wrong PKCE verifier', async ({ request }) => {
    const created = await signUp(request, uniqueEmail('pkce'));
    const { authorization_code } = ChallengeSuccessResponse.parse(created.body);
    const tokens = await answer(
      await request.post('/token', {
        form: { grant_type: 'authorization_code', code: authorization_code, code_verifier: pkcePair().verifier, client_id: CLIENT_ID },
      }),
    );
    expect(tokens.status).toBe(400);
    expect(tokens.body.error).toBe('invalid_grant');
  });

  test('gives the same answer for a wrong password and an unknown user', async ({ request }) => {
    const email = uniqueEmail('pwd');
    await signUp(request, email);
    const bodies: Record<string, unknown>[] = [];
    for (const who of [email, uniqueEmail('nobody')]) {
      const start = await startChallenge(request, { login_hint: who });
      const result = await sendStep(request, start.authSession, { type: 'password', password: 'not the right password' });
      expect(result.status).toBe(400);
      bodies.push(withoutSession(ChallengeErrorResponse.parse(result.body)));
    }
    expect(bodies[0]).toEqual({ error: 'invalid_credentials', error_description: expect.any(String) });
    expect(bodies[0]).toEqual(bodies[1]);
  });

  test('locks the identifier after ten wrong passwords, with Retry-After', async ({ request }) => {
    test.slow();
    const email = uniqueEmail('lockout');
    await signUp(request, email);
    const start = await startChallenge(request, { login_hint: email });
    let last: Answer | undefined;
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      last = await sendStep(request, start.authSession, { type: 'password', password: `wrong password ${attempt}` });
      if (attempt < 10) expect(last.body.error).toBe('invalid_credentials');
    }
    expect(last?.body.error).toBe('too_many_attempts');
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    const right = await sendStep(request, start.authSession, { type: 'password', password: PASSWORD });
    expect(right.body.error).toBe('too_many_attempts');
  });

  test('counts down attempts_remaining for wrong codes and burns the code after five', async ({ request }) => {
    const email = uniqueEmail('otp');
    const { start, sent } = await sendCode(request, email);
    expect(ChallengeErrorResponse.parse(sent.body).ciam).toEqual({
      step: 'email_otp',
      purpose: 'sign_in',
      destination_hint: `o•••@example.com`,
      code_length: 6,
      expires_in: 600,
      resend_after: 30,
    });
    const code = (await readMailbox(request, email))!.code!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (const remaining of [4, 3, 2, 1]) {
      const result = await sendStep(request, start.authSession, { type: 'email_otp', action: 'verify', code: wrong });
      expect(ChallengeErrorResponse.parse(result.body)).toMatchObject({ error: 'invalid_code', attempts_remaining: remaining });
    }
    const fifth = await sendStep(request, start.authSession, { type: 'email_otp', action: 'verify', code: wrong });
    expect(fifth.body.error).toBe('too_many_attempts');
    const burnt = await sendStep(request, start.authSession, { type: 'email_otp', action: 'verify', code });
    expect(burnt.body.error).toBe('too_many_attempts');
  });

  test('refuses a code after 600 seconds with expired_code', async ({ request, baseURL }) => {
    const email = uniqueEmail('expiry');
    const { start } = await sendCode(request, email);
    const code = (await readMailbox(request, email))!.code!;
    await advanceServerClock(baseURL!, 601);
    const result = await sendStep(request, start.authSession, { type: 'email_otp', action: 'verify', code });
    expect(ChallengeErrorResponse.parse(result.body).error).toBe('expired_code');
  });

  test('makes a resend wait 30 seconds, and the resent code replaces the old one', async ({ request, baseURL }) => {
    const email = uniqueEmail('resend');
    const { start } = await sendCode(request, email);
    const first = (await readMailbox(request, email))!.code!;

    const early = await sendStep(request, start.authSession, { type: 'email_otp', action: 'send' });
    expect(early.status).toBe(429);
    expect(early.body.error).toBe('rate_limited');
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);

    await advanceServerClock(baseURL!, 30);
    const resent = await sendStep(request, start.authSession, { type: 'email_otp', action: 'send' });
    expect(ChallengeErrorResponse.parse(resent.body).ciam?.step).toBe('email_otp');
    const second = (await readMailbox(request, email))!.code!;

    if (first !== second) {
      const old = await sendStep(request, start.authSession, { type: 'email_otp', action: 'verify', code: first });
      expect(old.body.error).toBe('invalid_code');
    }
    const ok = await sendStep(request, start.authSession, { type: 'email_otp', action: 'verify', code: second });
    expect(ok.status).toBe(200);
    ChallengeSuccessResponse.parse(ok.body);
  });

  test('signs up an unknown email through an email code, passwordless', async ({ request }) => {
    const email = uniqueEmail('passwordless');
    const { start } = await sendCode(request, email);
    const code = (await readMailbox(request, email))!.code!;
    const done = await sendStep(request, start.authSession, { type: 'email_otp', action: 'verify', code });
    expect(done.status).toBe(200);
    const status = SessionStatus.parse(await (await request.get('/session')).json());
    expect(status).toMatchObject({ active: true, method: 'email_otp', amr: ['otp'], user: { email } });
  });

  test('rejects a short sign-up password with weak_password', async ({ request }) => {
    const start = await startChallenge(request, { login_hint: uniqueEmail('weak') });
    const result = await sendStep(request, start.authSession, { type: 'sign_up', password: 'short pass 14c' });
    expect(result.status).toBe(400);
    expect(ChallengeErrorResponse.parse(result.body)).toMatchObject({
      error: 'weak_password',
      field_errors: [{ field: 'password', code: 'too_short' }],
    });
  });

  test('counts password length in code points, so 15 emoji are long enough', async ({ request }) => {
    const start = await startChallenge(request, { login_hint: uniqueEmail('emoji') });
    const result = await sendStep(request, start.authSession, { type: 'sign_up', password: '🔑'.repeat(15) });
    expect(ChallengeErrorResponse.parse(result.body).ciam).toMatchObject({ step: 'email_otp', purpose: 'sign_up' });
  });

  test('answers sign_up for a taken email the same way, and mails no code', async ({ request, baseURL }) => {
    const taken = uniqueEmail('signup');
    await signUp(request, taken);
    // Past the resend cooldown of the sign-up code just sent to the same address.
    await advanceServerClock(baseURL!, 30);
    const bodies: Record<string, unknown>[] = [];
    for (const email of [taken, uniqueEmail('signup')]) {
      const start = await startChallenge(request, { login_hint: email });
      const result = await sendStep(request, start.authSession, { type: 'sign_up', password: PASSWORD });
      expect(result.status).toBe(400);
      bodies.push(withoutSession(ChallengeErrorResponse.parse(result.body)));
    }
    expect(bodies[0]).toEqual(bodies[1]);
    const mail = await readMailbox(request, taken);
    expect(mail).toMatchObject({ purpose: 'account_exists', code: null });
    expect(mail?.text).toContain('already have');
  });

  test('answers invalid_session for an unknown auth_session', async ({ request }) => {
    const result = await sendStep(request, 'not-a-real-session', { type: 'identifier', login_hint: uniqueEmail() });
    expect(result.status).toBe(400);
    expect(ChallengeErrorResponse.parse(result.body).error).toBe('invalid_session');
  });

  test('rejects a malformed step, an unknown client, a text/plain body and a huge body', async ({ request }) => {
    const start = await startChallenge(request);
    const malformed = await sendStep(request, start.authSession, { type: 'identifier', login_hint: 'not an email' });
    expect(malformed.body.error).toBe('invalid_request');

    const client = await startChallenge(request, { client_id: 'someone-else' });
    expect(client.body.error).toBe('invalid_client');

    const plain = await request.post('/authorize-challenge', {
      headers: { 'Content-Type': 'text/plain' },
      data: JSON.stringify({ auth_session: start.authSession, step: { type: 'email_otp', action: 'send' } }),
    });
    expect(plain.status()).toBe(415);

    const huge = await request.post('/authorize-challenge', {
      data: { auth_session: start.authSession, step: { type: 'password', password: 'x'.repeat(70_000) } },
    });
    expect(huge.status()).toBe(413);
  });

  test('answers unknown_credential for a passkey it never registered', async ({ request }) => {
    const start = await startChallenge(request);
    const options = await sendStep(request, start.authSession, { type: 'webauthn', action: 'options' });
    expect(ChallengeErrorResponse.parse(options.body).ciam?.step).toBe('webauthn');
    const fake = Buffer.from('no such credential').toString('base64url');
    const result = await sendStep(request, start.authSession, {
      type: 'webauthn',
      action: 'verify',
      response: {
        id: fake,
        rawId: fake,
        type: 'public-key',
        response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
        clientExtensionResults: {},
      },
    });
    expect(ChallengeErrorResponse.parse(result.body).error).toBe('unknown_credential');
  });
});

test.describe('session and passkey registration', () => {
  test('GET /session reports the session before, after sign-in and after DELETE', async ({ request }) => {
    expect(SessionStatus.parse(await (await request.get('/session')).json())).toEqual({ active: false });

    const email = uniqueEmail('session');
    const done = await signUp(request, email);
    const cookie = done.headers['set-cookie'] ?? '';
    expect(cookie).toMatch(/^latch_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Max-Age=28800');

    const status = SessionStatus.parse(await (await request.get('/session')).json());
    expect(status).toMatchObject({ active: true, user: { email }, amr: ['otp'], method: 'email_otp', has_passkey: false });
    expect(status.expires_at! - status.auth_time!).toBe(8 * 3600);

    const signedOut = await request.delete('/session');
    expect(signedOut.status()).toBe(204);
    expect(SessionStatus.parse(await (await request.get('/session')).json())).toEqual({ active: false });
  });

  test('POST /passkeys/register needs the session cookie and our Origin', async ({ request }) => {
    const anonymous = await request.post('/passkeys/register', { data: { action: 'options' }, headers: { Origin: E2E_BASE_URL } });
    expect(anonymous.status()).toBe(401);
    expect((await anonymous.json()).error).toBe('login_required');

    const email = uniqueEmail('passkey');
    await signUp(request, email);
    const foreign = await request.post('/passkeys/register', { data: { action: 'options' }, headers: { Origin: 'http://evil.example' } });
    expect(foreign.status()).toBe(403);

    const options = await request.post('/passkeys/register', { data: { action: 'options' }, headers: { Origin: E2E_BASE_URL } });
    expect(options.status()).toBe(200);
    const { creation_options } = PasskeyCreationOptionsResponse.parse(await options.json());
    expect(creation_options).toMatchObject({
      rp: { id: 'localhost', name: 'Acme' },
      user: { name: email },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
  });
});

test.describe('static files and dev pages', () => {
  /** Sends the path byte for byte (fetch would normalise `..` away). */
  function rawGet(path: string): Promise<number> {
    const { port } = new URL(E2E_BASE_URL);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('refuse path traversal', async () => {
    for (const path of ['/..%2fpackage.json', '/dist/../package.json', '/dist/..%2f..%2fpackage.json', '/%2e%2e/package.json', '/.gitignore']) {
      expect(await rawGet(path), path).toBe(404);
    }
  });

  test('the dev mailbox page is escaped and served with the strict CSP', async ({ request }) => {
    const email = uniqueEmail('mailpage');
    await sendCode(request, email);
    const page = await request.get('/dev/mailbox');
    expect(page.status()).toBe(200);
    const csp = page.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(page.headers()['x-content-type-options']).toBe('nosniff');
    const html = await page.text();
    expect(html).toContain(email);
    expect(html).not.toMatch(/<script|style=/);
  });

  test('POST /dev/clock refuses nonsense', async ({ request }) => {
    const bad = await request.post('/dev/clock', { data: { advance_seconds: -5 } });
    expect(bad.status()).toBe(400);
  });
});

test.describe('in-process backends', () => {
  async function withBackend<T>(
    options: { dataDir: string; port: number; challengeRequestsPerMinute?: number },
    run: (request: APIRequestContext) => Promise<T>,
    storageState?: Awaited<ReturnType<APIRequestContext['storageState']>>,
  ): Promise<T> {
    const backend = await startReferenceBackend({ ...options, testClock: true });
    const request = await playwrightRequest.newContext({ baseURL: backend.url, ...(storageState ? { storageState } : {}) });
    try {
      return await run(request);
    } finally {
      await request.dispose();
      await backend.close();
    }
  }

  test('accounts and their remembered browsers survive a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latch-restart-'));
    const email = uniqueEmail('restart');
    // The same browser (its latch_device cookie) comes back, so no new_device second factor is asked.
    const browser = await withBackend({ dataDir, port: 4174 }, async (request) => {
      await signUp(request, email);
      return request.storageState();
    });
    await withBackend(
      { dataDir, port: 4174 },
      async (request) => {
        const start = await startChallenge(request, { login_hint: email });
        const result = await sendStep(request, start.authSession, { type: 'password', password: PASSWORD });
        expect(result.status).toBe(200);
        ChallengeSuccessResponse.parse(result.body);
      },
      browser,
    );
  });

  test('rate-limits /authorize-challenge per client with 429 and Retry-After', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latch-ratelimit-'));
    await withBackend({ dataDir, port: 4175, challengeRequestsPerMinute: 2 }, async (request) => {
      expect((await startChallenge(request)).status).toBe(400);
      expect((await startChallenge(request)).status).toBe(400);
      const limited = await startChallenge(request);
      expect(limited.status).toBe(429);
      expect(limited.body.error).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});
