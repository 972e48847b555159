import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  ChallengeErrorResponse,
  ChallengeSuccessResponse,
  SessionStatus,
} from '../../src/protocol/index.js';
import {
  advanceServerClock,
  answer,
  decodeJwtPayload,
  HttpCustomer,
  newBrowser,
  readMailbox,
  serverNow,
  SoftAuthenticator,
  uniqueEmail,
  type Answer,
} from './support/backend.js';

// HTTP contract tests of step-up, second factors, risk rules, account resources and session idle
// (docs/protocol.md §12–§16) against the real reference backend.

const MFA = 'urn:latch:acr:mfa';
const ONE_FA = 'urn:latch:acr:1fa';

/** A new account with a password, signed up (by email code) in `request`'s cookie jar. */
async function signedUp(request: APIRequestContext, baseURL: string, prefix = 'factor'): Promise<HttpCustomer> {
  const customer = new HttpCustomer(request, uniqueEmail(prefix), baseURL);
  const done = await customer.signUp();
  expect(done.status).toBe(200);
  return customer;
}

/** The same account signed in again with its password in the same browser (no risk rule applies). */
async function passwordSession(request: APIRequestContext, baseURL: string, prefix?: string): Promise<HttpCustomer> {
  const customer = await signedUp(request, baseURL, prefix);
  const signedIn = await customer.signInWithPassword();
  expect(signedIn.status).toBe(200);
  return customer;
}

function step(result: Answer) {
  expect(result.status, JSON.stringify(result.body)).toBe(400);
  const body = ChallengeErrorResponse.parse(result.body);
  expect(body.error).toBe('insufficient_authorization');
  return body.ciam!;
}

async function status(request: APIRequestContext): Promise<SessionStatus> {
  return SessionStatus.parse(await (await request.get('/session')).json());
}

/** Equal to the second, allowing for the wall clock ticking between two requests. */
function expectNear(actual: number | undefined, expected: number): void {
  expect(actual).toBeGreaterThanOrEqual(expected - 1);
  expect(actual).toBeLessThanOrEqual(expected + 1);
}

/** The value of the `latch_session` cookie a response set. */
function setSessionCookie(result: Answer): string | undefined {
  return /latch_session=([^;]*)/.exec(result.headers['set-cookie'] ?? '')?.[1];
}

test.describe('acr and amr', () => {
  test('a password sign-in is 1fa in the session, the ID token and the access token', async ({ request, baseURL }) => {
    const customer = await signedUp(request, baseURL!, 'acr');
    expect(await status(request)).toMatchObject({ acr: ONE_FA, amr: ['otp'], method: 'email_otp' });

    const signedIn = await customer.signInWithPassword();
    expect(signedIn.status).toBe(200);
    const session = await status(request);
    expect(session).toMatchObject({ active: true, acr: ONE_FA, amr: ['pwd'], method: 'password' });
    expectNear(session.auth_time, await serverNow(baseURL!));

    const tokens = await customer.redeem(ChallengeSuccessResponse.parse(signedIn.body).authorization_code);
    expect(tokens.status).toBe(200);
    expect(decodeJwtPayload(String(tokens.body.id_token))).toMatchObject({ acr: ONE_FA, amr: ['pwd'], auth_time: session.auth_time });

    // A resource server reads acr and auth_time for a Bearer token too: fresh enough now, not in 5 minutes.
    const bearer = await newBrowser(baseURL!);
    const headers = { Authorization: `Bearer ${String(tokens.body.access_token)}` };
    expect((await bearer.get('/api/profile', { headers })).status()).toBe(200);
    expect((await bearer.get('/api/payment-methods', { headers })).status()).toBe(200);
    const email = await answer(await bearer.put('/api/email', { headers, data: { email: uniqueEmail('new') } }));
    expect(email.status).toBe(401);
    expect(email.headers['www-authenticate']).toContain(`acr_values="${MFA}"`);
    await advanceServerClock(baseURL!, 301);
    const stale = await answer(await bearer.get('/api/payment-methods', { headers }));
    expect(stale.status).toBe(401);
    expect(stale.headers['www-authenticate']).toContain('max_age="300"');
    await bearer.dispose();
  });
});

test.describe('step-up over FiPA', () => {
  test('without a session answers login_required', async ({ request, baseURL }) => {
    const anonymous = new HttpCustomer(request, uniqueEmail('anon'), baseURL!);
    const result = await anonymous.stepUp({ acr_values: MFA });
    expect(result.status).toBe(400);
    expect(ChallengeErrorResponse.parse(result.body).error).toBe('login_required');
  });

  test('an unsupported acr, or one the user has no factor for, is unmet_authentication_requirements', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'unmet');
    const unsupported = await customer.stepUp({ acr_values: 'urn:latch:acr:hwk' });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.error).toBe('unmet_authentication_requirements');

    // Signed in with an email code and nothing else: a second email code proves nothing new.
    const other = await newBrowser(baseURL!);
    const passwordless = new HttpCustomer(other, uniqueEmail('emailonly'), baseURL!);
    await passwordless.start({ login_hint: passwordless.email });
    await passwordless.step({ type: 'email_otp', action: 'send' });
    const code = (await readMailbox(other, passwordless.email))!.code!;
    expect((await passwordless.step({ type: 'email_otp', action: 'verify', code })).status).toBe(200);
    const noFactor = await passwordless.stepUp({ acr_values: MFA });
    expect(noFactor.body.error).toBe('unmet_authentication_requirements');
    // Freshness alone is reachable with the same factor.
    expect(step(await passwordless.stepUp({ max_age: 0 }))).toMatchObject({ step: 'email_otp', reason: 'step_up' });
    await other.dispose();
  });

  test('a password session steps up to mfa with an email code, upgraded in place under a new session id', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'stepup');
    const before = await status(request);
    const oldCookie = await customer.sessionCookie();
    await advanceServerClock(baseURL!, 60);

    const challenge = step(await customer.stepUp({ acr_values: MFA }));
    expect(challenge).toEqual({
      step: 'email_otp',
      purpose: 'sign_in',
      destination_hint: `s•••@example.com`,
      code_length: 6,
      expires_in: 600,
      resend_after: 30,
      reason: 'step_up',
      alternatives: [],
    });
    const mail = await readMailbox(request, customer.email);
    expect(mail).toMatchObject({ channel: 'email', purpose: 'step_up' });
    const done = await customer.step({ type: 'email_otp', action: 'verify', code: mail!.code! });
    expect(done.status).toBe(200);
    const { authorization_code } = ChallengeSuccessResponse.parse(done.body);

    // OWASP: a privilege change renews the session id; the old one is dead.
    const newCookie = setSessionCookie(done);
    expect(newCookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCookie).not.toBe(oldCookie);
    expect(done.headers['set-cookie']).toContain('HttpOnly');
    const stale = await newBrowser(baseURL!);
    const withOld = await stale.get('/session', { headers: { Cookie: `latch_session=${oldCookie}` } });
    expect(await withOld.json()).toEqual({ active: false });
    await stale.dispose();

    const after = await status(request);
    expect(after).toMatchObject({ active: true, acr: MFA, amr: ['pwd', 'otp'], method: 'password', expires_at: before.expires_at });
    expectNear(after.auth_time, before.auth_time! + 60);

    const tokens = await customer.redeem(authorization_code);
    expect(decodeJwtPayload(String(tokens.body.id_token))).toMatchObject({ acr: MFA, amr: ['pwd', 'otp'], auth_time: after.auth_time });
    const changed = await answer(await request.put('/api/email', { data: { email: customer.email.replace('stepup', 'changed') } }));
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ email: customer.email.replace('stepup', 'changed') });
  });

  test('a passkey step-up takes exactly two requests and answers options naming the user\'s passkeys', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'pkstep');
    const authenticator = new SoftAuthenticator(baseURL!);
    const passkey = await customer.registerPasskey(authenticator);
    await advanceServerClock(baseURL!, 301);
    const refused = await answer(await request.get('/api/payment-methods'));
    expect(refused.status).toBe(401);

    const first = step(await customer.stepUp({ max_age: 300 }));
    expect(first).toMatchObject({ step: 'webauthn', reason: 'step_up', alternatives: ['email_otp'] });
    const options = first.step === 'webauthn' ? first.request_options : undefined;
    expect(options?.userVerification).toBe('required');
    expect(options?.allowCredentials?.map((credential) => credential.id)).toEqual([passkey.id]);
    const second = await customer.step({ type: 'webauthn', action: 'verify', response: authenticator.get(options!) });
    expect(second.status).toBe(200);
    ChallengeSuccessResponse.parse(second.body);
    expect(setSessionCookie(second)).toBeTruthy();

    const upgraded = await status(request);
    expect(upgraded).toMatchObject({ acr: MFA, amr: ['pwd', 'hwk', 'user'] });
    expectNear(upgraded.auth_time, await serverNow(baseURL!));
    const retried = await answer(await request.get('/api/payment-methods'));
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ cards: [{ brand: 'visa', last4: '4242' }, { brand: 'mastercard', last4: '4444' }] });
  });

  test('select_factor switches to an alternative; a factor not offered is refused', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'select');
    const authenticator = new SoftAuthenticator(baseURL!);
    await customer.registerPasskey(authenticator);
    expect(step(await customer.stepUp({ acr_values: MFA }))).toMatchObject({ step: 'webauthn', alternatives: ['email_otp'] });

    const switched = step(await customer.step({ type: 'select_factor', factor: 'email_otp' }));
    expect(switched).toMatchObject({ step: 'email_otp', reason: 'step_up', alternatives: ['passkey'] });
    expect(await readMailbox(request, customer.email)).toMatchObject({ purpose: 'step_up' });
    const notOffered = await customer.step({ type: 'select_factor', factor: 'totp' });
    expect(notOffered.status).toBe(400);
    expect(notOffered.body).toMatchObject({ error: 'invalid_request', auth_session: customer.authSession });
    // First-factor steps have no place in a step-up.
    expect((await customer.step({ type: 'password', password: 'anything at all here' })).body.error).toBe('invalid_request');

    // Back to the passkey: fresh options, and the assertion finishes the step-up.
    const back = step(await customer.step({ type: 'select_factor', factor: 'passkey' }));
    const options = back.step === 'webauthn' ? back.request_options : undefined;
    expect((await customer.step({ type: 'webauthn', action: 'verify', response: authenticator.get(options!) })).status).toBe(200);
  });

  test('a session that already satisfies the request gets its code at once', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'satisfied');
    const cookie = await customer.sessionCookie();
    const result = await customer.stepUp({ acr_values: ONE_FA, max_age: 300 });
    expect(result.status).toBe(200);
    ChallengeSuccessResponse.parse(result.body);
    expect(result.headers['set-cookie']).toBeUndefined();
    expect(await customer.sessionCookie()).toBe(cookie);
  });

  test('a step-up finished after the session ended is refused with login_required', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'ended');
    step(await customer.stepUp({ acr_values: MFA }));
    const code = (await readMailbox(request, customer.email))!.code!;
    expect((await request.delete('/session')).status()).toBe(204);
    const result = await customer.step({ type: 'email_otp', action: 'verify', code });
    expect(result.status).toBe(400);
    expect(result.body.error).toBe('login_required');
  });

  test('a step-up cannot reach urn:latch:acr:hwk, so DELETE /api/account stays refused', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'hwk');
    const refused = await answer(await request.delete('/api/account'));
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_user_authentication", error_description="deleting your account needs a stronger sign-in", acr_values="urn:latch:acr:hwk"',
    );
    expect(refused.body).toMatchObject({ error: 'insufficient_user_authentication', acr_values: 'urn:latch:acr:hwk' });
    expect((await customer.stepUp({ acr_values: 'urn:latch:acr:hwk' })).body.error).toBe('unmet_authentication_requirements');
  });
});

test.describe('demo protected API', () => {
  test('answers RFC 9470 challenges with quoted auth-params and JSON bodies', async ({ request, baseURL }) => {
    const anonymous = await answer(await request.get('/api/profile'));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    expect(anonymous.body.error).toBe('login_required');
    const badToken = await answer(await request.get('/api/profile', { headers: { Authorization: 'Bearer not-a-token' } }));
    expect(badToken.status).toBe(401);
    expect(badToken.headers['www-authenticate']).toBe('Bearer error="invalid_token"');

    const customer = await passwordSession(request, baseURL!, 'api');
    const profile = await answer(await request.get('/api/profile'));
    expect(profile).toMatchObject({ status: 200, body: { email: customer.email } });
    expect(profile.headers['cache-control']).toBe('no-store');

    const email = await answer(await request.put('/api/email', { data: { email: uniqueEmail('x') } }));
    expect(email.status).toBe(401);
    expect(email.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_user_authentication", error_description="changing your email needs a stronger sign-in", acr_values="urn:latch:acr:mfa"',
    );
    expect(email.body).toEqual({
      error: 'insufficient_user_authentication',
      error_description: 'changing your email needs a stronger sign-in',
      acr_values: MFA,
    });

    await advanceServerClock(baseURL!, 301);
    const cards = await answer(await request.get('/api/payment-methods'));
    expect(cards.status).toBe(401);
    expect(cards.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_user_authentication", error_description="confirm it\'s you to see your payment methods", max_age="300"',
    );
    expect(cards.body).toMatchObject({ error: 'insufficient_user_authentication', max_age: 300 });
  });

  test('/dev/api/stubborn refuses even a freshly stepped-up mfa session', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'stubborn');
    step(await customer.stepUp({ acr_values: MFA }));
    const code = (await readMailbox(request, customer.email))!.code!;
    expect((await customer.step({ type: 'email_otp', action: 'verify', code })).status).toBe(200);
    expect((await status(request)).acr).toBe(MFA);
    const result = await answer(await request.get('/dev/api/stubborn'));
    expect(result.status).toBe(401);
    expect(result.headers['www-authenticate']).toContain(`error="insufficient_user_authentication"`);
    expect(result.headers['www-authenticate']).toContain(`acr_values="${MFA}"`);
  });
});

test.describe('session idle timeout', () => {
  test('GET /session never extends it, PATCH does, and an idle session ends', async ({ request, baseURL }) => {
    await passwordSession(request, baseURL!, 'idle');
    const started = await status(request);
    const now = await serverNow(baseURL!);
    expect(started.idle_timeout).toBe(900);
    expectNear(started.idle_expires_at, now + 900);

    await advanceServerClock(baseURL!, 600);
    expect((await status(request)).idle_expires_at).toBe(started.idle_expires_at);

    const extended = SessionStatus.parse(await (await request.patch('/session')).json());
    expect(extended.active).toBe(true);
    expectNear(extended.idle_expires_at, (await serverNow(baseURL!)) + 900);
    expect(extended.idle_expires_at).toBeGreaterThan(started.idle_expires_at!);

    await advanceServerClock(baseURL!, 890);
    expect((await status(request)).active).toBe(true);
    await advanceServerClock(baseURL!, 10);
    expect(await status(request)).toEqual({ active: false });
    expect(await (await request.patch('/session')).json()).toEqual({ active: false });
  });

  test('a demo API call counts as activity', async ({ request, baseURL }) => {
    await passwordSession(request, baseURL!, 'activity');
    await advanceServerClock(baseURL!, 800);
    expect((await request.get('/api/profile')).status()).toBe(200);
    await advanceServerClock(baseURL!, 800);
    expect((await status(request)).active).toBe(true);
    expectNear((await status(request)).idle_expires_at, (await serverNow(baseURL!)) + 100);
  });

  test('GET /dev/clock answers the backend\'s now, which POST moves forward', async ({ request, baseURL }) => {
    const before = await serverNow(baseURL!);
    expect(Number.isInteger(before)).toBe(true);
    const moved = await (await request.post('/dev/clock', { data: { advance_seconds: 120 } })).json();
    expect(moved.now).toBeGreaterThanOrEqual(before + 120);
    expect(await serverNow(baseURL!)).toBe(moved.now);
  });
});
