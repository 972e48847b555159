import { expect, test } from '@playwright/test';
import { backendURL, PASSWORD, readOutbox, totpCode, uniqueEmail } from '../support/backend.js';
import { ciamOf, signUpOverHttp, Walker, walkersClosedAfterEach } from './support.js';

// Second factors where better-auth's twoFactor plugin asks for them: a password sign-in of an account with
// two-factor on answers a factor state (profile §2.3) instead of a code; better-auth's `two_factor` cookie stays
// in the auth session, never in the browser.

const browserJar = walkersClosedAfterEach();

/** An account with a password and an authenticator app, enabled through better-auth's own endpoints. */
async function accountWithTotp(email: string): Promise<{ secret: string; backupCodes: string[] }> {
  const origin = backendURL();
  const owner = await browserJar();
  await signUpOverHttp(owner, origin, email, PASSWORD);
  const enabled = await owner.http.post('/api/auth/two-factor/enable', { headers: { origin }, data: { password: PASSWORD } });
  expect(enabled.status(), await enabled.text()).toBe(200);
  const { totpURI, backupCodes } = (await enabled.json()) as { totpURI: string; backupCodes: string[] };
  const secret = new URL(totpURI).searchParams.get('secret')!;
  const verified = await owner.http.post('/api/auth/two-factor/verify-totp', { headers: { origin }, data: { code: await totpCode(origin, secret) } });
  expect(verified.status(), await verified.text()).toBe(200);
  return { secret, backupCodes };
}

/** An account with a password and an authenticator app set up through the profile's factors endpoint (§15.1). */
async function accountWithProfileTotp(email: string): Promise<{ secret: string; enrollmentCode: string }> {
  const origin = backendURL();
  const owner = await browserJar();
  await signUpOverHttp(owner, origin, email, PASSWORD);
  const headers = { origin, 'content-type': 'application/json' };
  const started = await owner.http.post('/api/auth/latchkey/factors/totp', { headers, data: { action: 'start' } });
  expect(started.status(), await started.text()).toBe(200);
  const { secret } = (await started.json()) as { secret: string };
  const enrollmentCode = await totpCode(origin, secret);
  const verified = await owner.http.post('/api/auth/latchkey/factors/totp', { headers, data: { action: 'verify', code: enrollmentCode } });
  expect(verified.status(), await verified.text()).toBe(200);
  return { secret, enrollmentCode };
}

/** A new transaction up to the `totp` factor state. */
async function atTotpStep(email: string): Promise<Walker> {
  const walker = await browserJar();
  ciamOf(await walker.start(email));
  expect(ciamOf(await walker.step({ type: 'password', password: PASSWORD }))).toMatchObject({ step: 'totp' });
  return walker;
}

test('the app code that finished enrollment does not also sign in; the next time step\'s code does', async () => {
  const email = uniqueEmail('ba-totp-enrolled');
  const { secret, enrollmentCode } = await accountWithProfileTotp(email);
  const walker = await atTotpStep(email);
  // Profile §14, RFC 6238 §5.2: the enrollment's time step is spent, though better-auth would still accept its code.
  const replayed = await walker.step({ type: 'totp', code: enrollmentCode });
  expect(replayed.status).toBe(400);
  expect(replayed.body).toMatchObject({ error: 'invalid_code', auth_session: walker.authSession });
  expect(await walker.cookieNames()).toEqual([]);
  const next = await walker.step({ type: 'totp', code: await totpCode(backendURL(), secret, 1) });
  expect(next.status, JSON.stringify(next.body)).toBe(200);
  expect(await walker.session()).toMatchObject({ active: true, user: { email }, amr: ['pwd', 'otp'] });
});

test('an app code that signed in once is refused the second time within its window', async () => {
  const email = uniqueEmail('ba-totp-replay');
  const { secret } = await accountWithTotp(email);
  const code = await totpCode(backendURL(), secret, 1);
  const first = await atTotpStep(email);
  expect((await first.step({ type: 'totp', code })).status).toBe(200);

  const second = await atTotpStep(email);
  const replayed = await second.step({ type: 'totp', code });
  expect(replayed.status).toBe(400);
  expect(replayed.body).toMatchObject({ error: 'invalid_code', auth_session: second.authSession });
  expect(await second.cookieNames()).toEqual([]);
  // An older step's code is spent as well; the transaction stays open for a fresh code.
  expect((await second.step({ type: 'totp', code: await totpCode(backendURL(), secret, -1) })).body).toMatchObject({ error: 'invalid_code' });
});

test('after 5 wrong app and recovery codes in a row the account waits, even for the right code', async () => {
  const email = uniqueEmail('ba-totp-lock');
  const { secret } = await accountWithTotp(email);
  const inWindow = await Promise.all([-1, 0, 1].map((steps) => totpCode(backendURL(), secret, steps)));
  const wrong = ['000000', '111111', '222222', '333333'].find((code) => !inWindow.includes(code))!;
  const walker = await atTotpStep(email);
  for (let i = 0; i < 3; i++) expect((await walker.step({ type: 'totp', code: wrong })).body).toMatchObject({ error: 'invalid_code' });
  ciamOf(await walker.step({ type: 'select_factor', factor: 'recovery_code' }));
  expect((await walker.step({ type: 'recovery_code', code: 'aaaaa-aaaaa' })).body).toMatchObject({ error: 'invalid_code' });
  // Profile §14: the fifth in a row, app and recovery codes together, is `too_many_attempts` with the wait.
  const fifth = await walker.step({ type: 'recovery_code', code: 'bbbbb-bbbbb' });
  expect(fifth.status).toBe(400);
  expect(fifth.body).toMatchObject({ error: 'too_many_attempts', auth_session: walker.authSession });
  expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(fifth.headers['retry-after'])).toBeLessThanOrEqual(30);

  const meanwhile = await atTotpStep(email);
  const right = await meanwhile.step({ type: 'totp', code: await totpCode(backendURL(), secret, 1) });
  expect(right.body).toMatchObject({ error: 'too_many_attempts' });
  expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  expect(await meanwhile.cookieNames()).toEqual([]);
});

test('a password sign-in asks for the authenticator app code; the right code signs in', async () => {
  const email = uniqueEmail('ba-totp');
  const { secret } = await accountWithTotp(email);
  const walker = await browserJar();
  ciamOf(await walker.start(email));
  const factor = ciamOf(await walker.step({ type: 'password', password: PASSWORD }));
  expect(factor).toEqual({ step: 'totp', code_length: 6, reason: 'mfa_enrolled', alternatives: ['email_otp', 'recovery_code'] });
  expect(await walker.cookieNames()).toEqual([]);
  // Only factor steps while a factor is asked for (§2.2).
  expect((await walker.step({ type: 'password', password: PASSWORD })).body).toMatchObject({ error: 'invalid_request' });
  const wrong = await walker.step({ type: 'totp', code: '000000' === (await totpCode(backendURL(), secret)) ? '111111' : '000000' });
  expect(wrong.body).toMatchObject({ error: 'invalid_code' });
  const done = await walker.step({ type: 'totp', code: await totpCode(backendURL(), secret) });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  expect(await walker.session()).toMatchObject({ active: true, user: { email }, amr: ['pwd', 'otp'], method: 'password' });
});

test('a backup code, chosen with select_factor, signs in once', async () => {
  const email = uniqueEmail('ba-backup');
  const { backupCodes } = await accountWithTotp(email);
  const walker = await browserJar();
  ciamOf(await walker.start(email));
  ciamOf(await walker.step({ type: 'password', password: PASSWORD }));
  expect(ciamOf(await walker.step({ type: 'select_factor', factor: 'recovery_code' }))).toEqual({
    step: 'recovery_code',
    reason: 'mfa_enrolled',
    alternatives: ['totp', 'email_otp'],
  });
  const done = await walker.step({ type: 'recovery_code', code: backupCodes[0] });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  expect(await walker.session()).toMatchObject({ active: true, user: { email }, amr: ['pwd', 'kba'] });

  const again = await browserJar();
  ciamOf(await again.start(email));
  ciamOf(await again.step({ type: 'password', password: PASSWORD }));
  ciamOf(await again.step({ type: 'select_factor', factor: 'recovery_code' }));
  expect((await again.step({ type: 'recovery_code', code: backupCodes[0] })).body).toMatchObject({ error: 'invalid_code' });
});

test('an emailed code, chosen with select_factor, is the second factor', async () => {
  const email = uniqueEmail('ba-mailfactor');
  await accountWithTotp(email);
  const walker = await browserJar();
  ciamOf(await walker.start(email));
  ciamOf(await walker.step({ type: 'password', password: PASSWORD }));
  const sent = ciamOf(await walker.step({ type: 'select_factor', factor: 'email_otp' }));
  expect(sent).toMatchObject({ step: 'email_otp', purpose: 'sign_in', reason: 'mfa_enrolled', alternatives: ['totp', 'recovery_code'] });
  const mail = (await readOutbox(backendURL())).find((one) => one.to === email && one.purpose === 'step_up');
  expect(mail?.code).toMatch(/^\d{6}$/);
  const done = await walker.step({ type: 'email_otp', action: 'verify', code: mail!.code });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  expect(await walker.session()).toMatchObject({ active: true, user: { email }, amr: ['pwd', 'otp'], method: 'password' });
});
