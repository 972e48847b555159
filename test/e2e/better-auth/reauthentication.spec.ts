import { expect, test } from '@playwright/test';
import { backendURL, PASSWORD, SoftAuthenticator, uniqueEmail } from '../support/backend.js';
import { checkedAnswer, ciamOf, mailedCode, ROUTES, signUpOverHttp, Walker, walkersClosedAfterEach } from './support.js';

// Re-authentication by `max_age` (profile §12.2) on better-auth, which has no levels: a recent enough session gets
// a code at once; an older one proves a factor again, and the session id rotates.

const browserJar = walkersClosedAfterEach();

async function sessionCookie(walker: Walker): Promise<string> {
  return (await walker.http.storageState()).cookies.find((cookie) => cookie.name === 'better-auth.session_token')!.value;
}

test('max_age: a recent session gets a code at once; max_age=0 asks for an emailed code and rotates the session', async () => {
  const origin = backendURL();
  const email = uniqueEmail('ba-reauth');
  const walker = await browserJar();
  await signUpOverHttp(walker, origin, email, PASSWORD);
  const before = await walker.session();
  const oldCookie = await sessionCookie(walker);

  const recent = await walker.start(undefined, { max_age: '600' });
  expect(recent.status).toBe(200);
  expect(recent.body['authorization_code']).toEqual(expect.any(String));
  expect(await sessionCookie(walker)).toBe(oldCookie);

  const firstCode = await mailedCode(origin, email);
  const asked = ciamOf(await walker.start(undefined, { max_age: '0' }));
  expect(asked).toMatchObject({ step: 'email_otp', purpose: 'sign_in', reason: 'step_up', alternatives: [] });
  // Only the re-authentication's own steps are accepted.
  expect((await walker.step({ type: 'password', password: PASSWORD })).body).toMatchObject({ error: 'invalid_request' });
  const done = await walker.step({ type: 'email_otp', action: 'verify', code: await mailedCode(origin, email, firstCode) });
  expect(done.status, JSON.stringify(done.body)).toBe(200);

  const after = await walker.session();
  expect(after).toMatchObject({ active: true, user: before.user!, method: 'email_otp', amr: ['otp'] });
  expect(after.auth_time!).toBeGreaterThanOrEqual(before.auth_time!);
  expect(await sessionCookie(walker)).not.toBe(oldCookie);
  // The old session id stopped working (OWASP: renew the id on a privilege change).
  const stale = await walker.http.get(ROUTES.session, { headers: { cookie: `better-auth.session_token=${oldCookie}` } });
  expect(await stale.json()).toEqual({ active: false });
});

test('max_age without a session is login_required', async () => {
  const walker = await browserJar();
  const answer = await walker.start(undefined, { max_age: '0' });
  expect(answer).toMatchObject({ status: 400, body: { error: 'login_required' } });
  // The page load's start takes no max_age (§2.1a).
  const form = { client_id: 'latchkey-demo', response_type: 'code', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', max_age: '0' };
  expect((await checkedAnswer(await walker.http.post(ROUTES.passkeyOptions, { form }))).body).toMatchObject({ error: 'invalid_request' });
});

test('max_age with a passkey on the account asks for that passkey, and only that account\'s', async () => {
  const origin = backendURL();
  const email = uniqueEmail('ba-reauth-passkey');
  const walker = await browserJar();
  await signUpOverHttp(walker, origin, email, PASSWORD);
  const authenticator = new SoftAuthenticator(origin);
  const options = await (await walker.http.get('/api/auth/passkey/generate-register-options')).json();
  const registered = await walker.http.post('/api/auth/passkey/verify-registration', { headers: { origin }, data: { response: authenticator.create(options) } });
  expect(registered.status(), await registered.text()).toBe(200);
  const [credentialId] = authenticator.credentialIds;

  // Someone else's passkey does not confirm this user.
  const stranger = await browserJar();
  await signUpOverHttp(stranger, origin, uniqueEmail('ba-reauth-other'), PASSWORD);
  const theirs = new SoftAuthenticator(origin);
  const theirOptions = await (await stranger.http.get('/api/auth/passkey/generate-register-options')).json();
  expect((await stranger.http.post('/api/auth/passkey/verify-registration', { headers: { origin }, data: { response: theirs.create(theirOptions) } })).status()).toBe(200);

  const asked = ciamOf(await walker.start(undefined, { max_age: '0' }));
  expect(asked).toMatchObject({ step: 'webauthn', reason: 'step_up', alternatives: ['email_otp'], request_options: { userVerification: 'required', allowCredentials: [{ id: credentialId }] } });
  const requestOptions = asked['request_options'] as Parameters<SoftAuthenticator['get']>[0];
  const wrong = await checkedAnswer(await walker.http.post(ROUTES.challenge, { headers: { origin }, data: { auth_session: walker.authSession, step: { type: 'webauthn', action: 'verify', response: theirs.get(requestOptions, theirs.credentialIds[0]) } } }));
  expect(wrong.body).toMatchObject({ error: 'unknown_credential' });
  const done = await checkedAnswer(await walker.http.post(ROUTES.challenge, { headers: { origin }, data: { auth_session: walker.authSession, step: { type: 'webauthn', action: 'verify', response: authenticator.get(requestOptions) } } }));
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  expect(await walker.session()).toMatchObject({ active: true, user: { email }, method: 'email_otp', amr: ['otp', 'hwk', 'user'], has_passkey: true });
});
