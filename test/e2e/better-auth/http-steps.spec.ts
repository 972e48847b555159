import { expect, test } from '@playwright/test';
import { AuthorizationServerMetadata } from '../../../src/protocol/index.js';
import { backendURL, PASSWORD, readOutbox, uniqueEmail } from '../support/backend.js';
import { checkedAnswer, ciamOf, mailedCode, ROUTES, signUpOverHttp, walkersClosedAfterEach } from './support.js';

// The profile's steps over HTTP against better-auth with the Latchkey plugin (demo/better-auth): each answer
// validated against the profile's schemas.

const browserJar = walkersClosedAfterEach();

test('discovery advertises what better-auth does: profile 2026-12, the OAuth endpoints of oauth-provider, no step-up levels', async ({ request }) => {
  const response = await request.get('/.well-known/openid-configuration');
  expect(response.status()).toBe(200);
  const raw = (await response.json()) as Record<string, unknown>;
  const metadata = AuthorizationServerMetadata.parse(raw);
  const origin = backendURL();
  expect(metadata).toMatchObject({
    issuer: origin,
    authorization_challenge_endpoint: `${origin}${ROUTES.challenge}`,
    ciam_passkey_options_endpoint: `${origin}${ROUTES.passkeyOptions}`,
    ciam_session_endpoint: `${origin}${ROUTES.session}`,
    ciam_profile_versions_supported: ['2026-12'],
    code_challenge_methods_supported: ['S256'],
    ciam_password_min_length: 15,
    ciam_sign_up_enabled: true,
    ciam_email_code_ttl: 600,
  });
  expect(metadata.ciam_step_types_supported).toEqual(['identifier', 'password', 'email_otp', 'sign_up', 'webauthn', 'select_factor', 'totp', 'recovery_code']);
  expect(raw).not.toHaveProperty('acr_values_supported');
  // The OAuth endpoints are @better-auth/oauth-provider's own, and `iss` is on every authorization answer (§1, §11).
  expect(metadata).toMatchObject({
    authorization_endpoint: `${origin}/api/auth/oauth2/authorize`,
    token_endpoint: `${origin}/api/auth/oauth2/token`,
    authorization_response_iss_parameter_supported: true,
  });
  expect(metadata.ciam_connections?.map((connection) => connection.authorization_params)).toEqual([{ connection: 'google' }, { connection: 'github' }, { connection: 'bigcorp' }]);
});

test('an email code signs a new address up and a known one in; a wrong code counts down', async () => {
  const origin = backendURL();
  const email = uniqueEmail('ba-code');
  const first = await browserJar();
  expect(ciamOf(await first.start(email.toUpperCase()))).toMatchObject({ step: 'select_method', login_hint: email, methods: ['passkey', 'password', 'email_otp'], sign_up: true });
  expect(ciamOf(await first.step({ type: 'email_otp', action: 'send' }))).toMatchObject({ step: 'email_otp', purpose: 'sign_in', code_length: 6, expires_in: 600, resend_after: 30 });
  const code = await mailedCode(origin, email);
  const wrong = await first.step({ type: 'email_otp', action: 'verify', code: code === '000000' ? '111111' : '000000' });
  expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_code', attempts_remaining: 4, auth_session: first.authSession } });
  const resend = await first.step({ type: 'email_otp', action: 'send' });
  expect(resend.status).toBe(429);
  expect(Number(resend.headers['retry-after'])).toBeGreaterThan(0);
  expect(resend.body).toMatchObject({ error: 'rate_limited' });

  const done = await first.step({ type: 'email_otp', action: 'verify', code });
  expect(done.status).toBe(200);
  expect(done.body['authorization_code']).toEqual(expect.any(String));
  expect(await first.cookieNames()).toContain('better-auth.session_token');
  expect(await first.session()).toMatchObject({ active: true, user: { email }, amr: ['otp'], method: 'email_otp', has_passkey: false });
  // The auth session ended with its code (profile §2.2).
  expect((await first.step({ type: 'email_otp', action: 'send' })).body).toMatchObject({ error: 'invalid_session' });

  // The same address again, from another browser: a sign-in now, no sign-up mail.
  const second = await browserJar();
  ciamOf(await second.start(email));
  ciamOf(await second.step({ type: 'email_otp', action: 'send' }));
  const again = await mailedCode(origin, email, code);
  expect((await second.step({ type: 'email_otp', action: 'verify', code: again })).status).toBe(200);
  expect((await second.session()).user?.sub).toBe((await first.session()).user?.sub);
});

test('five wrong codes burn the code', async () => {
  const email = uniqueEmail('ba-burn');
  const walker = await browserJar();
  ciamOf(await walker.start(email));
  ciamOf(await walker.step({ type: 'email_otp', action: 'send' }));
  const code = await mailedCode(backendURL(), email);
  const wrong = code === '000000' ? '111111' : '000000';
  const left: unknown[] = [];
  for (let i = 0; i < 5; i++) {
    const answer = await walker.step({ type: 'email_otp', action: 'verify', code: wrong });
    left.push([answer.body['error'], answer.body['attempts_remaining']]);
  }
  expect(left).toEqual([
    ['invalid_code', 4],
    ['invalid_code', 3],
    ['invalid_code', 2],
    ['invalid_code', 1],
    ['too_many_attempts', 0],
  ]);
  expect((await walker.step({ type: 'email_otp', action: 'verify', code })).body).toMatchObject({ error: 'too_many_attempts' });
});

test('sign-up with a password, then a password sign-in; a wrong password and an unknown address answer alike', async () => {
  const origin = backendURL();
  const email = uniqueEmail('ba-pwd');
  const signUp = await browserJar();
  ciamOf(await signUp.start(email));
  const weak = await signUp.step({ type: 'sign_up', password: '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑' });
  expect(weak).toMatchObject({ status: 400, body: { error: 'weak_password', field_errors: [{ field: 'password', code: 'too_short' }] } });
  await signUpOverHttp(signUp, origin, email, PASSWORD);
  expect((await readOutbox(origin)).find((mail) => mail.to === email)).toMatchObject({ purpose: 'sign_up' });
  expect(await signUp.session()).toMatchObject({ active: true, user: { email } });

  const signIn = await browserJar();
  ciamOf(await signIn.start(email));
  const wrongPassword = await signIn.step({ type: 'password', password: `${PASSWORD}!` });
  const done = await signIn.step({ type: 'password', password: PASSWORD });
  expect(done.status).toBe(200);
  expect(await signIn.session()).toMatchObject({ active: true, user: { email }, amr: ['pwd'], method: 'password' });

  const stranger = await browserJar();
  ciamOf(await stranger.start(uniqueEmail('ba-nobody')));
  const unknown = await stranger.step({ type: 'password', password: PASSWORD });
  expect(wrongPassword.status).toBe(400);
  expect(withoutSession(unknown)).toEqual(withoutSession(wrongPassword));
  expect(wrongPassword.body['error']).toBe('invalid_credentials');
});

test('identifier, select_method and sign_up answer the same for a registered and an unknown address', async () => {
  const origin = backendURL();
  const known = uniqueEmail('ba-known');
  await signUpOverHttp(await browserJar(), origin, known, PASSWORD);
  const unknown = uniqueEmail('ba-unknown');
  const answers = async (email: string) => {
    const walker = await browserJar();
    const initial = await walker.start();
    const selected = await walker.step({ type: 'identifier', login_hint: email });
    const hinted = await (await browserJar()).start(email);
    const signUp = await walker.step({ type: 'sign_up', password: PASSWORD });
    return [initial, selected, hinted, signUp].map((answer) => {
      const ciam = { ...(answer.body['ciam'] as Record<string, unknown>) };
      delete ciam['webauthn'];
      delete ciam['login_hint'];
      delete ciam['destination_hint'];
      return { status: answer.status, error: answer.body['error'], ciam, headers: stableHeaders(answer.headers) };
    });
  };
  expect(await answers(known)).toEqual(await answers(unknown));
  // The registered address got an "already registered" mail without a code; the unknown one a code.
  expect((await readOutbox(origin)).find((mail) => mail.to === known)).toMatchObject({ purpose: 'account_exists', code: null });
  expect((await readOutbox(origin)).find((mail) => mail.to === unknown)).toMatchObject({ purpose: 'sign_up', code: expect.stringMatching(/^\d{6}$/) });
});

test('the page-load start answers 200 with discoverable passkey options', async ({ request }) => {
  const form = { client_id: 'latchkey-demo', response_type: 'code', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' };
  const answer = await checkedAnswer(await request.post(ROUTES.passkeyOptions, { form }));
  expect(answer.status).toBe(200);
  const options = ((answer.body['ciam'] as Record<string, unknown>)['webauthn'] as { request_options: Record<string, unknown> }).request_options;
  expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
  expect(options).not.toHaveProperty('allowCredentials');
  expect((await checkedAnswer(await request.post(ROUTES.passkeyOptions, { form: { ...form, login_hint: 'a@example.com' } }))).status).toBe(400);
});

test('the endpoint refuses what the profile refuses', async ({ request }) => {
  const walker = await browserJar();
  ciamOf(await walker.start());
  // 415: a step that is not JSON (JSON forces the CORS preflight).
  expect((await request.post(ROUTES.challenge, { headers: { 'content-type': 'text/plain' }, data: '{}' })).status()).toBe(415);
  // 413: over 64 KB.
  const big = await request.post(ROUTES.challenge, { data: { auth_session: walker.authSession, step: { type: 'identifier', login_hint: 'x'.repeat(70_000) } } });
  expect(big.status()).toBe(413);
  expect((await walker.step({ type: 'password', password: PASSWORD })).body).toMatchObject({ error: 'invalid_request' });
  expect(await checkedAnswer(await request.post(ROUTES.challenge, { data: { auth_session: 'nope', step: { type: 'identifier', login_hint: 'a@example.com' } } }))).toMatchObject({
    status: 400,
    body: { error: 'invalid_session' },
  });
  expect((await walker.start(undefined, { code_challenge: '' })).body).toMatchObject({ error: 'invalid_request' });
  expect((await walker.start(undefined, { client_id: 'someone-else' })).body).toMatchObject({ error: 'invalid_client' });
  // No levels (profile §12, 2026-12): a requested level is never reached.
  expect((await walker.start(undefined, { acr_values: 'urn:latch:acr:mfa' })).body).toMatchObject({ error: 'unmet_authentication_requirements' });
  // §26.2: a page of an origin the client does not allow is refused before anything happens, with cookies or
  // without, and cannot read the refusal (no CORS headers).
  const initial = { client_id: 'latchkey-demo', response_type: 'code', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', login_hint: 'a@example.com' };
  for (const foreign of [
    await request.post(ROUTES.challenge, { headers: { origin: 'http://evil.example', cookie: 'better-auth.session_token=x' }, form: initial }),
    await request.post(ROUTES.challenge, { headers: { origin: 'http://evil.example' }, form: initial }),
    await request.post(ROUTES.challenge, { headers: { origin: 'null' }, data: { auth_session: 'x', step: { type: 'identifier', login_hint: 'a@example.com' } } }),
    await request.get(ROUTES.session, { headers: { origin: 'http://evil.example' } }),
  ]) {
    expect(foreign.status()).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: 'origin_not_allowed' });
    expect(foreign.headers()['access-control-allow-origin']).toBeUndefined();
  }
  // CORS: a first-party origin gets credentials, another none.
  const preflight = await request.fetch(ROUTES.challenge, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
  expect(preflight.headers()['access-control-allow-origin']).toBeUndefined();
  const own = await request.fetch(ROUTES.challenge, { method: 'OPTIONS', headers: { origin: backendURL(), 'access-control-request-method': 'POST' } });
  expect(own.headers()).toMatchObject({ 'access-control-allow-origin': backendURL(), 'access-control-allow-credentials': 'true' });
});

test('the session endpoint reads and ends better-auth session', async () => {
  const email = uniqueEmail('ba-session');
  const walker = await browserJar();
  expect(await walker.session()).toEqual({ active: false });
  await signUpOverHttp(walker, backendURL(), email);
  const status = await walker.session();
  expect(status).toMatchObject({ active: true, user: { email }, method: 'email_otp', amr: ['otp'], has_passkey: false });
  expect(status.expires_at! - status.auth_time!).toBeGreaterThan(3600);
  const ended = await walker.http.delete(ROUTES.session, { headers: { origin: backendURL() } });
  expect(ended.status()).toBe(204);
  expect(await walker.cookieNames()).not.toContain('better-auth.session_token');
  expect(await walker.session()).toEqual({ active: false });
});

function withoutSession(answer: { status: number; body: Record<string, unknown> }) {
  const { auth_session: _ignored, ...body } = answer.body;
  return { status: answer.status, body };
}

/** Headers that must match between two answers (date and length aside). */
function stableHeaders(headers: Record<string, string>): Record<string, string> {
  const { date: _date, 'content-length': _length, ...rest } = headers;
  return rest;
}
