import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  ChallengeErrorResponse,
  ChallengeSuccessResponse,
  Passkey,
  PasskeyList,
  SessionStatus,
} from '../../src/protocol/index.js';
import {
  advanceServerClock,
  answer,
  decodeJwtPayload,
  HttpCustomer,
  newBrowser,
  PASSWORD,
  readMailbox,
  readOutbox,
  readSms,
  serverNow,
  SoftAuthenticator,
  totpCode,
  uniqueEmail,
  uniquePhone,
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
    const email = await answer(await bearer.post('/api/email', { headers, data: { action: 'start', email: uniqueEmail('new') } }));
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
    // The email change starts (its code goes to the new address, docs/protocol.md §21.2).
    const changed = await answer(await request.post('/api/email', { data: { action: 'start', email: customer.email.replace('stepup', 'changed') } }));
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ destination_hint: 'c•••@example.com' });
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

    const email = await answer(await request.post('/api/email', { data: { action: 'start', email: uniqueEmail('x') } }));
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

test.describe('authenticator app (TOTP)', () => {
  test('enrolls, then is the second factor: wrong, reused and next-step codes', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'totp');
    const started = await answer(await request.post('/factors/totp', { data: { action: 'start' } }));
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ digits: 6, period: 30 });
    expect(String(started.body.secret)).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(String(started.body.otpauth_uri)).toMatch(/^otpauth:\/\/totp\/Acme:.+\?.*secret=[A-Z2-7]+.*algorithm=SHA1&digits=6&period=30/);
    const secret = String(started.body.secret).replace(/\s/g, '');
    const wrong = await answer(await request.post('/factors/totp', { data: { action: 'verify', code: '000000' === (await totpCode(baseURL!, secret)) ? '111111' : '000000' } }));
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_code' } });
    const enrolled = await answer(await request.post('/factors/totp', { data: { action: 'verify', code: await totpCode(baseURL!, secret) } }));
    expect(enrolled.body).toEqual({ totp: true, recovery_codes_remaining: 0, password: true });
    const usedAtEnrollment = await totpCode(baseURL!, secret);

    // mfa_enrolled: the password is no longer enough on its own.
    const second = step(await customer.signInWithPassword());
    expect(second).toEqual({ step: 'totp', code_length: 6, reason: 'mfa_enrolled', alternatives: ['email_otp'] });
    // RFC 6238 §5.2: the code that finished enrollment does not work a second time.
    expect((await customer.step({ type: 'totp', code: usedAtEnrollment })).body).toMatchObject({ error: 'invalid_code', auth_session: customer.authSession });
    // Two steps back is outside the ±1 window.
    expect((await customer.step({ type: 'totp', code: await totpCode(baseURL!, secret, -2) })).body.error).toBe('invalid_code');
    await advanceServerClock(baseURL!, 30);
    const code = await totpCode(baseURL!, secret);
    const done = await customer.step({ type: 'totp', code });
    expect(done.status).toBe(200);
    expect(await status(request)).toMatchObject({ acr: MFA, amr: ['pwd', 'otp'], method: 'password' });

    step(await customer.signInWithPassword());
    expect((await customer.step({ type: 'totp', code })).body.error).toBe('invalid_code');
    // One step of drift is tolerated (a step after the one last used).
    await advanceServerClock(baseURL!, 60);
    expect((await customer.step({ type: 'totp', code: await totpCode(baseURL!, secret, -1) })).status).toBe(200);
  });

  test('locks app codes after five wrong ones, with Retry-After', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'totplock');
    const secret = await customer.enrollTotp();
    step(await customer.signInWithPassword());
    await advanceServerClock(baseURL!, 30);
    const right = await totpCode(baseURL!, secret);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 4; attempt += 1) expect((await customer.step({ type: 'totp', code: wrong })).body.error).toBe('invalid_code');
    const fifth = await customer.step({ type: 'totp', code: wrong });
    expect(fifth.body.error).toBe('too_many_attempts');
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
    expect((await customer.step({ type: 'totp', code: right })).body.error).toBe('too_many_attempts');
  });
});

test.describe('text message codes (SMS)', () => {
  test('enrolls a phone by a texted code whose last line is bound to the site', async ({ request, baseURL }) => {
    await passwordSession(request, baseURL!, 'phone');
    const phone = uniquePhone();
    const started = await answer(await request.post('/factors/phone', { data: { action: 'start', phone_number: phone }, headers: { Origin: baseURL! } }));
    expect(started.body).toEqual({ destination_hint: `•••${phone.slice(-4)}`, code_length: 6, resend_after: 30 });
    const sms = await readSms(request, phone);
    expect(sms).toMatchObject({ channel: 'sms', to: phone, purpose: 'verify_phone' });
    expect(sms!.text).toBe(`Your Latchkey code is ${sms!.code}.\n\n@localhost #${sms!.code}`);
    expect(sms!.subject).toBeUndefined();

    const wrong = sms!.code === '000000' ? '111111' : '000000';
    expect((await answer(await request.post('/factors/phone', { data: { action: 'verify', code: wrong } }))).body).toMatchObject({ error: 'invalid_code', attempts_remaining: 4 });
    const verified = await answer(await request.post('/factors/phone', { data: { action: 'verify', code: sms!.code } }));
    expect(verified.body).toEqual({ totp: false, phone: { hint: `•••${phone.slice(-4)}` }, recovery_codes_remaining: 0, password: true });

    // The dev mailbox page shows text messages too.
    const page = await (await request.get('/dev/mailbox')).text();
    expect(page).toContain(`SMS to ${phone}`);
    expect(page).toContain(`@localhost #${sms!.code}`);
  });

  test('a foreign Origin never gets a code bound to its own site', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'smsorigin');
    const phone = uniquePhone();
    await customer.enrollPhone(phone);
    const signIn = await customer.start({ login_hint: customer.email });
    expect(signIn.status).toBe(400);
    const texts = async () => (await readOutbox(request)).filter((mail) => mail.channel === 'sms' && mail.to === phone);
    const before = (await texts()).length;
    // The client's origin allow-list (profile §26.2) refuses the relayed step before any text goes out.
    const relayed = await customer.step({ type: 'password', password: PASSWORD }, { Origin: 'https://evil.example' });
    expect(relayed).toMatchObject({ status: 403, body: { error: 'origin_not_allowed' } });
    expect(await texts()).toHaveLength(before);
    for (const sms of await texts()) expect(sms.text).not.toContain('evil');
  });

  test('second factor by SMS: wrong code, cooldown, resend invalidates, expiry, single use', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'sms');
    const phone = uniquePhone();
    await customer.enrollPhone(phone);

    const challenge = step(await customer.signInWithPassword());
    expect(challenge).toEqual({
      step: 'sms_otp',
      destination_hint: `•••${phone.slice(-4)}`,
      code_length: 6,
      expires_in: 300,
      resend_after: 30,
      reason: 'mfa_enrolled',
      alternatives: ['email_otp'],
    });
    const first = (await readSms(request, phone))!;
    expect(first.purpose).toBe('sign_in');
    const wrong = first.code === '000000' ? '111111' : '000000';
    expect((await customer.step({ type: 'sms_otp', action: 'verify', code: wrong })).body).toMatchObject({ error: 'invalid_code', attempts_remaining: 4 });

    const early = await customer.step({ type: 'sms_otp', action: 'send' });
    expect(early.status).toBe(429);
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
    await advanceServerClock(baseURL!, 30);
    expect(step(await customer.step({ type: 'sms_otp', action: 'send' }))).toMatchObject({ step: 'sms_otp', reason: 'mfa_enrolled' });
    const second = (await readSms(request, phone))!;
    expect(second.id).not.toBe(first.id);
    if (second.code !== first.code) {
      expect((await customer.step({ type: 'sms_otp', action: 'verify', code: first.code! })).body.error).toBe('invalid_code');
    }
    await advanceServerClock(baseURL!, 301);
    expect((await customer.step({ type: 'sms_otp', action: 'verify', code: second.code! })).body.error).toBe('expired_code');

    await advanceServerClock(baseURL!, 30);
    step(await customer.step({ type: 'sms_otp', action: 'send' }));
    const third = (await readSms(request, phone))!;
    const done = await customer.step({ type: 'sms_otp', action: 'verify', code: third.code! });
    expect(done.status).toBe(200);
    expect(await status(request)).toMatchObject({ acr: MFA, amr: ['pwd', 'sms'] });
    // The auth_session is gone with its code: nothing can be verified twice.
    expect((await customer.step({ type: 'sms_otp', action: 'verify', code: third.code! })).body.error).toBe('invalid_session');
  });

  test('burns a texted code after five wrong tries', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'smsburn');
    const phone = uniquePhone();
    await customer.enrollPhone(phone);
    step(await customer.signInWithPassword());
    const code = (await readSms(request, phone))!.code!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (const remaining of [4, 3, 2, 1]) {
      expect((await customer.step({ type: 'sms_otp', action: 'verify', code: wrong })).body.attempts_remaining).toBe(remaining);
    }
    expect((await customer.step({ type: 'sms_otp', action: 'verify', code: wrong })).body.error).toBe('too_many_attempts');
    expect((await customer.step({ type: 'sms_otp', action: 'verify', code })).body.error).toBe('too_many_attempts');
  });

  test('steps up by SMS when there is no passkey or app, sent with the first answer', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'smsstep');
    const phone = uniquePhone();
    await customer.enrollPhone(phone);
    await advanceServerClock(baseURL!, 30);
    const challenge = step(await customer.stepUp({ acr_values: MFA }));
    expect(challenge).toMatchObject({ step: 'sms_otp', reason: 'step_up', alternatives: ['email_otp'] });
    const sms = (await readSms(request, phone))!;
    expect(sms.purpose).toBe('step_up');
    expect((await customer.step({ type: 'sms_otp', action: 'verify', code: sms.code! })).status).toBe(200);
    expect(await status(request)).toMatchObject({ acr: MFA, amr: ['pwd', 'sms'] });
  });
});

test.describe('recovery codes', () => {
  test('ten single-use codes, any spelling, replaced by a new set', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'recovery');
    await customer.enrollTotp();
    const codes = await customer.newRecoveryCodes();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[34679acdefghjkmnpqrtuvwxy]{4}-[34679acdefghjkmnpqrtuvwxy]{4}$/);
    expect(new Set(codes).size).toBe(10);
    expect((await answer(await request.get('/factors'))).body).toEqual({ totp: true, recovery_codes_remaining: 10, password: true });

    expect(step(await customer.signInWithPassword())).toMatchObject({ step: 'totp', alternatives: ['email_otp', 'recovery_code'] });
    expect(step(await customer.step({ type: 'select_factor', factor: 'recovery_code' }))).toEqual({
      step: 'recovery_code',
      reason: 'mfa_enrolled',
      alternatives: ['totp', 'email_otp'],
    });
    expect((await customer.step({ type: 'recovery_code', code: 'aaaa-aaaa' })).body.error).toBe('invalid_code');
    const spelled = ` ${codes[0]!.toUpperCase().replace('-', ' ')} `;
    expect((await customer.step({ type: 'recovery_code', code: spelled })).status).toBe(200);
    expect(await status(request)).toMatchObject({ acr: MFA, amr: ['pwd', 'kba'] });
    expect((await answer(await request.get('/factors'))).body.recovery_codes_remaining).toBe(9);

    step(await customer.signInWithPassword());
    step(await customer.step({ type: 'select_factor', factor: 'recovery_code' }));
    expect((await customer.step({ type: 'recovery_code', code: codes[0]! })).body.error).toBe('invalid_code');

    const fresh = await customer.newRecoveryCodes();
    expect((await customer.step({ type: 'recovery_code', code: codes[1]! })).body.error).toBe('invalid_code');
    expect((await customer.step({ type: 'recovery_code', code: fresh[0]! })).status).toBe(200);
  });
});

test.describe('adaptive second factor', () => {
  test('many_failures: three wrong passwords, then an email code; success resets the count', async ({ request, baseURL }) => {
    const customer = await signedUp(request, baseURL!, 'failures');
    await customer.start({ login_hint: customer.email });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await customer.step({ type: 'password', password: `wrong password number ${attempt}` })).body.error).toBe('invalid_credentials');
    }
    const second = step(await customer.step({ type: 'password', password: PASSWORD }));
    expect(second).toMatchObject({ step: 'email_otp', reason: 'many_failures', alternatives: [] });
    // A password alone does not finish it, and a first-factor step cannot skip it.
    expect((await customer.step({ type: 'password', password: PASSWORD })).body.error).toBe('invalid_request');
    const code = (await readMailbox(request, customer.email))!.code!;
    expect((await customer.step({ type: 'email_otp', action: 'verify', code })).status).toBe(200);
    expect(await status(request)).toMatchObject({ acr: MFA, amr: ['pwd', 'otp'], method: 'password' });
    expect((await customer.signInWithPassword()).status).toBe(200);
  });

  test('new_device: a browser the account never signed in from is asked, then remembered', async ({ request, baseURL }) => {
    const customer = await signedUp(request, baseURL!, 'device');
    const device = (await request.storageState()).cookies.find((cookie) => cookie.name === 'latch_device');
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const other = await newBrowser(baseURL!);
    const elsewhere = new HttpCustomer(other, customer.email, baseURL!);
    expect(step(await elsewhere.signInWithPassword())).toMatchObject({ step: 'email_otp', reason: 'new_device' });
    await advanceServerClock(baseURL!, 30);
    step(await elsewhere.step({ type: 'email_otp', action: 'send' }));
    const code = (await readMailbox(other, customer.email))!.code!;
    expect((await elsewhere.step({ type: 'email_otp', action: 'verify', code })).status).toBe(200);
    expect((await elsewhere.signInWithPassword()).status).toBe(200);
    // The first browser is still remembered.
    expect((await customer.signInWithPassword()).status).toBe(200);
    await other.dispose();
  });

  test('a brand-new account is not asked, and an email-code sign-in has no second email code', async ({ request, baseURL }) => {
    // Sign-up is the account's first sign-in: no remembered browser yet, so no new_device.
    const customer = await signedUp(request, baseURL!, 'fresh');
    expect(await status(request)).toMatchObject({ active: true, acr: ONE_FA });
    const other = await newBrowser(baseURL!);
    const elsewhere = new HttpCustomer(other, customer.email, baseURL!);
    await elsewhere.start({ login_hint: customer.email });
    await advanceServerClock(baseURL!, 30);
    await elsewhere.step({ type: 'email_otp', action: 'send' });
    const code = (await readMailbox(other, customer.email))!.code!;
    // new_device holds, but after an email code only a passkey, app, phone or recovery code could follow.
    expect((await elsewhere.step({ type: 'email_otp', action: 'verify', code })).status).toBe(200);
    await other.dispose();
  });

  test('mfa_enrolled offers the strongest other factor: a passkey before the app', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'strongest');
    const authenticator = new SoftAuthenticator(baseURL!);
    await customer.registerPasskey(authenticator);
    await customer.enrollTotp();
    const second = step(await customer.signInWithPassword());
    expect(second).toMatchObject({ step: 'webauthn', reason: 'mfa_enrolled', alternatives: ['totp', 'email_otp'] });
    const options = second.step === 'webauthn' ? second.request_options : undefined;
    expect((await customer.step({ type: 'webauthn', action: 'verify', response: authenticator.get(options!) })).status).toBe(200);
    expect(await status(request)).toMatchObject({ acr: MFA, amr: ['pwd', 'hwk', 'user'], method: 'password' });
  });

  test('many_failures comes before new_device, and a passkey sign-in is never asked for more', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'order');
    const authenticator = new SoftAuthenticator(baseURL!);
    await customer.registerPasskey(authenticator);
    const other = await newBrowser(baseURL!);
    const elsewhere = new HttpCustomer(other, customer.email, baseURL!);
    await elsewhere.start({ login_hint: customer.email });
    for (let attempt = 0; attempt < 3; attempt += 1) await elsewhere.step({ type: 'password', password: `not it ${attempt} at all` });
    expect(step(await elsewhere.step({ type: 'password', password: PASSWORD }))).toMatchObject({ step: 'webauthn', reason: 'many_failures' });

    // A passkey from the new browser signs in on its own, whatever the rules say.
    const start = step(await elsewhere.start());
    const options = start.step === 'identifier' ? start.webauthn?.request_options : undefined;
    const done = await elsewhere.step({ type: 'webauthn', action: 'verify', response: authenticator.get(options!) });
    expect(done.status).toBe(200);
    expect(await status(other)).toMatchObject({ acr: MFA, amr: ['hwk', 'user'], method: 'passkey' });
    await other.dispose();
  });
});

test.describe('account resources', () => {
  test('need a session: 401 login_required with a bare Bearer challenge', async ({ request }) => {
    for (const [method, path] of [['GET', '/factors'], ['POST', '/factors/totp'], ['GET', '/passkeys'], ['DELETE', '/passkeys/abc']] as const) {
      const result = await answer(await request.fetch(path, { method, ...(method === 'POST' ? { data: { action: 'start' } } : {}) }));
      expect(result.status, `${method} ${path}`).toBe(401);
      expect(result.headers['www-authenticate']).toBe('Bearer');
      expect(result.body.error).toBe('login_required');
    }
  });

  test('changes need JSON, our Origin, and an authentication in the last five minutes', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'recent');
    const plain = await request.post('/factors/recovery-codes', { headers: { 'Content-Type': 'text/plain' }, data: '{}' });
    expect(plain.status()).toBe(415);
    const form = await request.post('/factors/totp', { form: { action: 'start' } });
    expect(form.status()).toBe(415);
    const foreign = await request.post('/factors/recovery-codes', { data: {}, headers: { Origin: 'https://evil.example' } });
    expect(foreign.status()).toBe(403);

    await advanceServerClock(baseURL!, 301);
    expect((await request.get('/factors')).status()).toBe(200);
    for (const [method, path, data] of [
      ['POST', '/factors/totp', { action: 'start' }],
      ['DELETE', '/factors/totp', undefined],
      ['POST', '/factors/phone', { action: 'start', phone_number: uniquePhone() }],
      ['DELETE', '/factors/phone', undefined],
      ['POST', '/factors/recovery-codes', {}],
      ['DELETE', '/passkeys/some-passkey', undefined],
      ['POST', '/passkeys/register', { action: 'options' }],
    ] as const) {
      const headers = path === '/passkeys/register' ? { Origin: baseURL! } : undefined;
      const result = await answer(await request.fetch(path, { method, ...(data ? { data } : {}), headers }));
      expect(result.status, `${method} ${path}`).toBe(401);
      expect(result.headers['www-authenticate']).toMatch(
        /^Bearer error="insufficient_user_authentication", error_description="confirm it's you to [a-z ]+", max_age="300"$/,
      );
      expect(result.body).toMatchObject({ error: 'insufficient_user_authentication', max_age: 300 });
    }

    // The step-up the challenge asks for (max_age=300) lets the same request through.
    step(await customer.stepUp({ max_age: 300 }));
    const code = (await readMailbox(request, customer.email))!.code!;
    expect((await customer.step({ type: 'email_otp', action: 'verify', code })).status).toBe(200);
    const codes = await answer(await request.post('/factors/recovery-codes', { data: {} }));
    expect(codes.status).toBe(200);
    expect(codes.body.codes).toHaveLength(10);
  });

  test('removes the authenticator app and the phone', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'remove');
    await customer.enrollTotp();
    await customer.enrollPhone(uniquePhone());
    expect((await answer(await request.delete('/factors/totp'))).body).toMatchObject({ totp: false, phone: {} });
    expect((await answer(await request.delete('/factors/phone'))).body).toEqual({ totp: false, recovery_codes_remaining: 0, password: true });
    expect((await customer.signInWithPassword()).status).toBe(200);
  });

  test('lists passkeys with last use and backup state, renames and removes them', async ({ request, baseURL }) => {
    const customer = await passwordSession(request, baseURL!, 'passkeys');
    const synced = new SoftAuthenticator(baseURL!, { synced: true });
    const bound = new SoftAuthenticator(baseURL!);
    const first = await customer.registerPasskey(synced);
    expect(first).toMatchObject({ synced: true, last_used_at: null, rp_id: 'localhost' });
    const second = await customer.registerPasskey(bound);

    const list = PasskeyList.parse((await answer(await request.get('/passkeys'))).body);
    expect(list.rp_id).toBe('localhost');
    expect(list.user).toMatchObject({ name: customer.email, display_name: customer.email });
    expect(list.passkeys.map(({ id, synced: isSynced, last_used_at }) => ({ id, synced: isSynced, last_used_at }))).toEqual([
      { id: first.id, synced: true, last_used_at: null },
      { id: second.id, synced: false, last_used_at: null },
    ]);
    expect(list.passkeys.every((passkey) => passkey.user_id === list.user.id)).toBe(true);

    // A sign-in with the device-bound one records when it was used.
    await advanceServerClock(baseURL!, 10);
    const start = step(await customer.start());
    const options = start.step === 'identifier' ? start.webauthn?.request_options : undefined;
    expect((await customer.step({ type: 'webauthn', action: 'verify', response: bound.get(options!) })).status).toBe(200);
    const used = PasskeyList.parse((await answer(await request.get('/passkeys'))).body).passkeys.find((passkey) => passkey.id === second.id);
    expect(used?.last_used_at).toBe(await serverNow(baseURL!));

    const renamed = await answer(await request.patch(`/passkeys/${String(second.id)}`, { data: { name: '  Work laptop  ' } }));
    expect(renamed.status).toBe(200);
    expect(Passkey.parse(renamed.body)).toMatchObject({ id: second.id, name: 'Work laptop', synced: false });
    expect((await request.patch(`/passkeys/${String(second.id)}`, { data: { name: '   ' } })).status()).toBe(400);
    expect((await request.patch(`/passkeys/${String(second.id)}`, { headers: { 'Content-Type': 'text/plain' }, data: '{"name":"x"}' })).status()).toBe(415);
    expect((await request.patch('/passkeys/not-mine', { data: { name: 'x' } })).status()).toBe(404);

    const removed = await request.delete(`/passkeys/${String(first.id)}`);
    expect(removed.status()).toBe(204);
    expect(PasskeyList.parse((await answer(await request.get('/passkeys'))).body).passkeys.map((passkey) => passkey.id)).toEqual([second.id]);
    expect((await request.delete(`/passkeys/${String(first.id)}`)).status()).toBe(404);
    // The removed passkey no longer signs in.
    const again = step(await customer.start());
    const againOptions = again.step === 'identifier' ? again.webauthn?.request_options : undefined;
    expect((await customer.step({ type: 'webauthn', action: 'verify', response: synced.get(againOptions!) })).body.error).toBe('unknown_credential');
  });

  test('another account\'s passkey is not found', async ({ request, baseURL }) => {
    const owner = await passwordSession(request, baseURL!, 'owner');
    const passkey = await owner.registerPasskey(new SoftAuthenticator(baseURL!));
    const other = await newBrowser(baseURL!);
    await passwordSession(other, baseURL!, 'intruder');
    expect((await other.patch(`/passkeys/${String(passkey.id)}`, { data: { name: 'mine now' } })).status()).toBe(404);
    expect((await other.delete(`/passkeys/${String(passkey.id)}`)).status()).toBe(404);
    expect(PasskeyList.parse(await (await other.get('/passkeys')).json()).passkeys).toEqual([]);
    await other.dispose();
  });
});
