import { expect, test, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import type { ZodMiniType } from 'zod/mini';
import {
  FactorSummary,
  Passkey,
  PasskeyCreationOptionsResponse,
  PasskeyList,
  PasskeyRegistrationResponse,
  RecoveryCodes,
  TotpEnrollment,
} from '../../../src/protocol/index.js';
import { backendURL, newBrowser, PASSWORD, readMailbox, SoftAuthenticator, uniqueEmail } from '../support/backend.js';
import { addVirtualAuthenticator, expectAccessible, virtualCredentials } from '../support/widget.js';

// The account resources of latchkey/better-auth (profile §5, §15) on a real better-auth (PostgreSQL through PGlite, its
// passkey and twoFactor plugins): every answer read through the profile's zod schemas, every refusal the
// profile names, then the <latch-security> and <latch-passkeys> elements on the demo's security page.

/** better-auth's own routes (sign-up, sign-in, its second factor) are under its base path. */
const AUTH = '/api/auth';
/** The account resources, as discovery names them. */
let REGISTER = '';
let PASSKEYS = '';
let FACTORS = '';

test.beforeAll(async () => {
  const metadata = (await (await fetch(new URL('/.well-known/openid-configuration', backendURL()))).json()) as Record<string, string>;
  REGISTER = metadata['ciam_passkey_registration_endpoint']!;
  PASSKEYS = metadata['ciam_passkeys_endpoint']!;
  FACTORS = metadata['ciam_factors_endpoint']!;
  expect([REGISTER, PASSKEYS, FACTORS].map((url) => new URL(url).origin)).toEqual(Array(3).fill(backendURL()));
});

/** A page's JSON request, with the page's own Origin as a browser sends it. */
const fromPage = () => ({ Origin: backendURL() });

/** The JSON body of `response`, parsed by `schema` (a failure names the schema's complaint). */
async function parsed<T>(response: APIResponse, schema: ZodMiniType<T>, status = 200): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()['cache-control']).toBe('no-store');
  const result = schema.safeParse(await response.json());
  if (!result.success) throw new Error(`not a valid answer: ${JSON.stringify(result.error.issues)}`);
  return result.data;
}

/** A refusal in the profile's shape (§6): its status, `error` and `no-store`. */
async function refused(response: APIResponse, status: number, error: string): Promise<Record<string, unknown>> {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()['cache-control']).toBe('no-store');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ error, error_description: expect.any(String) });
  return body;
}

/** A new account with a password, signed up (and so signed in) in `request`'s cookie jar. */
async function signUp(request: APIRequestContext, email = uniqueEmail('ba-account')): Promise<string> {
  const response = await request.post(`${AUTH}/sign-up/email`, { data: { email, password: PASSWORD, name: 'Alice Example' }, headers: fromPage() });
  expect(response.status(), await response.text()).toBe(200);
  return email;
}

/** A new passwordless account: better-auth's email code sign-in creates it. */
async function signInByEmailCode(request: APIRequestContext, email = uniqueEmail('ba-otp')): Promise<string> {
  expect((await request.post(`${AUTH}/email-otp/send-verification-otp`, { data: { email, type: 'sign-in' }, headers: fromPage() })).status()).toBe(200);
  const code = (await readMailbox(request, email))?.code;
  const response = await request.post(`${AUTH}/sign-in/email-otp`, { data: { email, otp: code }, headers: fromPage() });
  expect(response.status(), await response.text()).toBe(200);
  return email;
}

/** Makes the account's sessions `seconds` older, as if its sign-in had happened that long ago. */
async function ageSessions(email: string, seconds: number): Promise<void> {
  const response = await fetch(new URL('/dev/sessions/age', backendURL()), { method: 'POST', body: JSON.stringify({ email, seconds }) });
  expect(response.status).toBe(200);
}

/** Options, the software authenticator's attestation, verify: the registered passkey and the options used. */
async function registerPasskey(request: APIRequestContext, authenticator: SoftAuthenticator) {
  const { creation_options } = await parsed(await request.post(REGISTER, { data: { action: 'options' }, headers: fromPage() }), PasskeyCreationOptionsResponse);
  const response = authenticator.create(creation_options);
  const { passkey } = await parsed(await request.post(REGISTER, { data: { action: 'verify', response }, headers: fromPage() }), PasskeyRegistrationResponse);
  return { passkey, creation_options, response };
}

/** The current code of an authenticator app holding `secret` (base32, grouped). */
function appCode(enrollment: TotpEnrollment, offset = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(enrollment.secret.replace(/\s/g, '')), digits: enrollment.digits, period: enrollment.period });
  return totp.generate({ timestamp: Date.now() + offset * enrollment.period * 1000 });
}

test.describe('latchkey/better-auth passkeys (profile §5, §15.2)', () => {
  test('registers a passkey, lists it with one user handle, renames and removes it', async () => {
    const request = await newBrowser(backendURL());
    const email = await signUp(request);
    const authenticator = new SoftAuthenticator(backendURL(), { synced: true });

    const { passkey, creation_options } = await registerPasskey(request, authenticator);
    expect(creation_options.rp.id).toBe('localhost');
    expect(creation_options.user.name).toBe(email);
    expect(passkey).toMatchObject({ id: authenticator.credentialIds[0], name: 'Passkey', last_used_at: null, synced: true, rp_id: 'localhost' });
    expect(Math.abs(passkey.created_at - Date.now() / 1000)).toBeLessThan(60);

    const list = await parsed(await request.get(PASSKEYS), PasskeyList);
    expect(list).toEqual({ rp_id: 'localhost', user: { id: list.user.id, name: email, display_name: 'Alice Example' }, passkeys: [passkey] });
    // One user handle for the account: in the options the authenticator stored, in the list and on each passkey.
    expect(creation_options.user.id).toBe(list.user.id);
    expect(passkey.user_id).toBe(list.user.id);

    // A second registration excludes the passkey the account already has, and keeps the handle.
    const second = await registerPasskey(request, authenticator);
    expect(second.creation_options.excludeCredentials?.map((credential) => credential.id)).toEqual([passkey.id]);
    expect(second.creation_options.user.id).toBe(list.user.id);

    const renamed = await parsed(await request.patch(`${PASSKEYS}/${passkey.id}`, { data: { name: '  Work laptop  ' }, headers: fromPage() }), Passkey);
    expect(renamed).toEqual({ ...passkey, name: 'Work laptop' });
    await refused(await request.patch(`${PASSKEYS}/${passkey.id}`, { data: { name: 'x'.repeat(65) }, headers: fromPage() }), 400, 'invalid_request');
    await refused(await request.patch(`${PASSKEYS}/${passkey.id}`, { data: { name: '   ' }, headers: fromPage() }), 400, 'invalid_request');

    const removed = await request.delete(`${PASSKEYS}/${passkey.id}`, { headers: { ...fromPage(), 'content-type': 'application/json' } });
    expect(removed.status()).toBe(204);
    expect(removed.headers()['cache-control']).toBe('no-store');
    expect((await parsed(await request.get(PASSKEYS), PasskeyList)).passkeys.map((one) => one.id)).toEqual([second.passkey.id]);
  });

  test('refuses a failed or repeated attestation with passkey_failed, and verify without options', async () => {
    const request = await newBrowser(backendURL());
    await signUp(request);
    const authenticator = new SoftAuthenticator(backendURL());
    const { response } = await registerPasskey(request, authenticator);

    // The same credential again, with fresh options: already registered.
    await parsed(await request.post(REGISTER, { data: { action: 'options' }, headers: fromPage() }), PasskeyCreationOptionsResponse);
    await refused(await request.post(REGISTER, { data: { action: 'verify', response }, headers: fromPage() }), 400, 'passkey_failed');

    // An attestation over another challenge than the one given.
    const { creation_options } = await parsed(await request.post(REGISTER, { data: { action: 'options' }, headers: fromPage() }), PasskeyCreationOptionsResponse);
    const forged = authenticator.create({ ...creation_options, challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    await refused(await request.post(REGISTER, { data: { action: 'verify', response: forged }, headers: fromPage() }), 400, 'passkey_failed');

    // A browser that never asked for options has no challenge to verify against.
    const other = await newBrowser(backendURL());
    await signUp(other);
    const unasked = new SoftAuthenticator(backendURL()).create(creation_options);
    await refused(await other.post(REGISTER, { data: { action: 'verify', response: unasked }, headers: fromPage() }), 400, 'invalid_request');
    expect((await parsed(await request.get(PASSKEYS), PasskeyList)).passkeys).toHaveLength(1);
  });

  test('a passkey sign-in through better-auth is its "last used"', async () => {
    const request = await newBrowser(backendURL());
    await signUp(request);
    const authenticator = new SoftAuthenticator(backendURL());
    const { passkey } = await registerPasskey(request, authenticator);
    expect(passkey.last_used_at).toBeNull();

    const device = await newBrowser(backendURL());
    const options = await device.get(`${AUTH}/passkey/generate-authenticate-options`);
    expect(options.status()).toBe(200);
    const assertion = authenticator.get(await options.json(), passkey.id);
    const signedIn = await device.post(`${AUTH}/passkey/verify-authentication`, { data: { response: assertion }, headers: fromPage() });
    expect(signedIn.status(), await signedIn.text()).toBe(200);

    const [listed] = (await parsed(await request.get(PASSKEYS), PasskeyList)).passkeys;
    expect(listed?.id).toBe(passkey.id);
    expect(Math.abs((listed?.last_used_at ?? 0) - Date.now() / 1000)).toBeLessThan(60);
  });

  test("another account's passkey is not found, for renaming and for removing", async () => {
    const owner = await newBrowser(backendURL());
    await signUp(owner);
    const { passkey } = await registerPasskey(owner, new SoftAuthenticator(backendURL()));
    const stranger = await newBrowser(backendURL());
    await signUp(stranger);

    await refused(await stranger.patch(`${PASSKEYS}/${passkey.id}`, { data: { name: 'Mine now' }, headers: fromPage() }), 404, 'not_found');
    await refused(await stranger.delete(`${PASSKEYS}/${passkey.id}`, { headers: fromPage() }), 404, 'not_found');
    await refused(await stranger.delete(`${PASSKEYS}/not-a-passkey`, { headers: fromPage() }), 404, 'not_found');
    expect((await parsed(await owner.get(PASSKEYS), PasskeyList)).passkeys).toEqual([passkey]);
  });
});

test.describe('latchkey/better-auth factors (profile §15.1)', () => {
  test('sets up an authenticator app that better-auth then asks for at sign-in, with recovery codes it accepts', async () => {
    const request = await newBrowser(backendURL());
    const email = await signUp(request);
    expect(await parsed(await request.get(FACTORS), FactorSummary)).toEqual({ totp: false, recovery_codes_remaining: 0, password: true, recovery_codes_need_factor: true });
    // No app, no recovery codes: better-auth keeps them with the app and asks for them only as its second factor.
    await refused(await request.post(`${FACTORS}/recovery-codes`, { data: {}, headers: fromPage() }), 400, 'invalid_request');

    await refused(await request.post(`${FACTORS}/totp`, { data: { action: 'verify', code: '123456' }, headers: fromPage() }), 400, 'invalid_request');
    const enrollment = await parsed(await request.post(`${FACTORS}/totp`, { data: { action: 'start' }, headers: fromPage() }), TotpEnrollment);
    expect(enrollment.secret).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const uri = new URL(enrollment.otpauth_uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    // Key Uri Format: the label is the twoFactor plugin's issuer and the account's address.
    const issuer = uri.searchParams.get('issuer');
    expect(issuer).toBeTruthy();
    expect(decodeURIComponent(uri.pathname)).toBe(`/${issuer}:${email}`);
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: enrollment.secret.replace(/\s/g, ''), digits: '6', period: '30', algorithm: 'SHA1' });
    expect(enrollment).toMatchObject({ digits: 6, period: 30 });
    await refused(await request.post(`${FACTORS}/totp`, { data: { action: 'verify', code: appCode(enrollment, 20) }, headers: fromPage() }), 400, 'invalid_code');

    const on = await parsed(await request.post(`${FACTORS}/totp`, { data: { action: 'verify', code: appCode(enrollment) }, headers: fromPage() }), FactorSummary);
    expect(on).toEqual({ totp: true, recovery_codes_remaining: 10, password: true, recovery_codes_need_factor: true });

    const { codes } = await parsed(await request.post(`${FACTORS}/recovery-codes`, { data: {}, headers: fromPage() }), RecoveryCodes);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    // better-auth's own password sign-in now stops at its second factor, and takes the app's code ...
    const fresh = await newBrowser(backendURL());
    const signIn = await fresh.post(`${AUTH}/sign-in/email`, { data: { email, password: PASSWORD }, headers: fromPage() });
    expect(await signIn.json()).toMatchObject({ twoFactorRedirect: true, twoFactorMethods: expect.arrayContaining(['totp']) });
    const verified = await fresh.post(`${AUTH}/two-factor/verify-totp`, { data: { code: appCode(enrollment) }, headers: fromPage() });
    expect(verified.status(), await verified.text()).toBe(200);
    // ... or one of the new recovery codes, used up by it.
    const another = await newBrowser(backendURL());
    await another.post(`${AUTH}/sign-in/email`, { data: { email, password: PASSWORD }, headers: fromPage() });
    const byCode = await another.post(`${AUTH}/two-factor/verify-backup-code`, { data: { code: codes[0] }, headers: fromPage() });
    expect(byCode.status(), await byCode.text()).toBe(200);
    expect(await parsed(await request.get(FACTORS), FactorSummary)).toMatchObject({ totp: true, recovery_codes_remaining: 9 });

    const off = await parsed(await request.delete(`${FACTORS}/totp`, { headers: { ...fromPage(), 'content-type': 'application/json' } }), FactorSummary);
    expect(off).toEqual({ totp: false, recovery_codes_remaining: 0, password: true, recovery_codes_need_factor: true });
    const again = await newBrowser(backendURL());
    const plain = await again.post(`${AUTH}/sign-in/email`, { data: { email, password: PASSWORD }, headers: fromPage() });
    expect(await plain.json()).toMatchObject({ token: expect.any(String) });
  });

  test('a passwordless account (email code) sets up an authenticator app without a password', async () => {
    const request = await newBrowser(backendURL());
    await signInByEmailCode(request);
    expect(await parsed(await request.get(FACTORS), FactorSummary)).toEqual({ totp: false, recovery_codes_remaining: 0, password: false, recovery_codes_need_factor: true });
    const enrollment = await parsed(await request.post(`${FACTORS}/totp`, { data: { action: 'start' }, headers: fromPage() }), TotpEnrollment);
    const on = await parsed(await request.post(`${FACTORS}/totp`, { data: { action: 'verify', code: appCode(enrollment) }, headers: fromPage() }), FactorSummary);
    expect(on).toEqual({ totp: true, recovery_codes_remaining: 10, password: false, recovery_codes_need_factor: true });
    expect((await parsed(await request.post(`${FACTORS}/recovery-codes`, { data: {}, headers: fromPage() }), RecoveryCodes)).codes).toHaveLength(10);
  });
});

test.describe('latchkey/better-auth password (profile §21.1)', () => {
  test('a passwordless account sets a password, signs in with it, and removes it once it has a passkey', async () => {
    const request = await newBrowser(backendURL());
    const email = await signInByEmailCode(request);
    const short = await refused(await request.put(`${FACTORS}/password`, { data: { password: 'too short' }, headers: fromPage() }), 400, 'weak_password');
    expect(short.field_errors).toEqual([{ field: 'password', code: 'too_short' }]);
    const set = await parsed(await request.put(`${FACTORS}/password`, { data: { password: PASSWORD }, headers: fromPage() }), FactorSummary);
    expect(set).toMatchObject({ password: true });
    const elsewhere = await newBrowser(backendURL());
    expect((await elsewhere.post(`${AUTH}/sign-in/email`, { data: { email, password: PASSWORD }, headers: fromPage() })).status()).toBe(200);

    // Not the account's last way in: without a passkey the password stays.
    await refused(await request.delete(`${FACTORS}/password`, { headers: fromPage() }), 409, 'last_method');
    await registerPasskey(request, new SoftAuthenticator(backendURL()));
    expect(await parsed(await request.delete(`${FACTORS}/password`, { headers: fromPage() }), FactorSummary)).toMatchObject({ password: false });
    const after = await newBrowser(backendURL());
    expect((await after.post(`${AUTH}/sign-in/email`, { data: { email, password: PASSWORD }, headers: fromPage() })).status()).toBe(401);
  });

  test('changing the password signs the account out in every other browser, not in this one', async () => {
    const here = await newBrowser(backendURL());
    const email = await signUp(here);
    const there = await newBrowser(backendURL());
    expect((await there.post(`${AUTH}/sign-in/email`, { data: { email, password: PASSWORD }, headers: fromPage() })).status()).toBe(200);
    await parsed(await there.get(FACTORS), FactorSummary);

    const changed = 'a different horse battery staple';
    expect(await parsed(await here.put(`${FACTORS}/password`, { data: { password: changed }, headers: fromPage() }), FactorSummary)).toMatchObject({ password: true });
    await refused(await there.get(FACTORS), 401, 'login_required');
    await parsed(await here.get(FACTORS), FactorSummary);
    const fresh = await newBrowser(backendURL());
    expect((await fresh.post(`${AUTH}/sign-in/email`, { data: { email, password: changed }, headers: fromPage() })).status()).toBe(200);
  });
});

test.describe('latchkey/better-auth account refusals (profile §5, §15, §21.1)', () => {
  test('without a session every resource answers 401 login_required with a bare Bearer challenge', async () => {
    const request = await newBrowser(backendURL());
    const calls = [
      request.get(PASSKEYS),
      request.get(FACTORS),
      request.post(REGISTER, { data: { action: 'options' }, headers: fromPage() }),
      request.patch(`${PASSKEYS}/abc`, { data: { name: 'x' }, headers: fromPage() }),
      request.delete(`${PASSKEYS}/abc`, { headers: fromPage() }),
      request.post(`${FACTORS}/totp`, { data: { action: 'start' }, headers: fromPage() }),
      request.delete(`${FACTORS}/totp`, { headers: fromPage() }),
      request.post(`${FACTORS}/recovery-codes`, { data: {}, headers: fromPage() }),
      request.put(`${FACTORS}/password`, { data: { password: PASSWORD }, headers: fromPage() }),
      request.delete(`${FACTORS}/password`, { headers: fromPage() }),
    ];
    for (const response of await Promise.all(calls)) {
      await refused(response, 401, 'login_required');
      expect(response.headers()['www-authenticate']).toBe('Bearer');
    }
  });

  test('a foreign Origin gets 403 origin_not_allowed, reads included, and a body that is not JSON gets 415, and nothing changes', async () => {
    const request = await newBrowser(backendURL());
    await signUp(request);
    const { passkey } = await registerPasskey(request, new SoftAuthenticator(backendURL()));
    const foreign = { Origin: 'https://evil.example' };
    for (const response of [
      await request.post(REGISTER, { data: { action: 'options' }, headers: foreign }),
      await request.patch(`${PASSKEYS}/${passkey.id}`, { data: { name: 'Hijacked' }, headers: foreign }),
      await request.delete(`${PASSKEYS}/${passkey.id}`, { headers: foreign }),
      await request.post(`${FACTORS}/totp`, { data: { action: 'start' }, headers: foreign }),
      await request.post(`${FACTORS}/recovery-codes`, { data: {}, headers: foreign }),
      await request.get(PASSKEYS, { headers: foreign }),
      await request.get(FACTORS, { headers: foreign }),
    ]) {
      // Profile §26.2: refused before anything is read, and unreadable by the foreign page (no CORS headers).
      expect((await refused(response, 403, 'origin_not_allowed')).error_description).toBe('https://evil.example is not an allowed origin of this client');
      expect(response.headers()['access-control-allow-origin']).toBeUndefined();
    }
    const text = { ...fromPage(), 'content-type': 'text/plain' };
    for (const response of [
      await request.post(REGISTER, { data: JSON.stringify({ action: 'options' }), headers: text }),
      await request.patch(`${PASSKEYS}/${passkey.id}`, { data: JSON.stringify({ name: 'Plain' }), headers: text }),
      await request.post(`${FACTORS}/totp`, { data: JSON.stringify({ action: 'start' }), headers: text }),
    ]) {
      await refused(response, 415, 'invalid_request');
    }
    expect((await parsed(await request.get(PASSKEYS), PasskeyList)).passkeys).toEqual([passkey]);
  });

  test('credentialed CORS answers name a trusted origin only', async () => {
    const request = await newBrowser(backendURL());
    await signUp(request);
    const trusted = await request.get(FACTORS, { headers: fromPage() });
    expect(trusted.headers()).toMatchObject({ 'access-control-allow-origin': backendURL(), 'access-control-allow-credentials': 'true' });
    expect(trusted.headers()['vary']).toMatch(/Origin/);
  });

  test('after 5 minutes a sensitive change is an RFC 9470 challenge with max_age 300; listing and renaming still work', async () => {
    const request = await newBrowser(backendURL());
    const email = await signUp(request);
    const { passkey } = await registerPasskey(request, new SoftAuthenticator(backendURL()));
    const enrollment = await parsed(await request.post(`${FACTORS}/totp`, { data: { action: 'start' }, headers: fromPage() }), TotpEnrollment);
    await parsed(await request.post(`${FACTORS}/totp`, { data: { action: 'verify', code: appCode(enrollment) }, headers: fromPage() }), FactorSummary);
    await ageSessions(email, 301);

    for (const response of [
      await request.post(REGISTER, { data: { action: 'options' }, headers: fromPage() }),
      await request.delete(`${PASSKEYS}/${passkey.id}`, { headers: fromPage() }),
      await request.post(`${FACTORS}/totp`, { data: { action: 'start' }, headers: fromPage() }),
      await request.delete(`${FACTORS}/totp`, { headers: fromPage() }),
      await request.post(`${FACTORS}/recovery-codes`, { data: {}, headers: fromPage() }),
      await request.put(`${FACTORS}/password`, { data: { password: PASSWORD }, headers: fromPage() }),
      await request.delete(`${FACTORS}/password`, { headers: fromPage() }),
    ]) {
      const body = await refused(response, 401, 'insufficient_user_authentication');
      expect(body.max_age).toBe(300);
      expect(response.headers()['www-authenticate']).toMatch(/^Bearer error="insufficient_user_authentication", error_description="confirm it's you to [^"]+", max_age="300"$/);
    }
    expect((await parsed(await request.get(PASSKEYS), PasskeyList)).passkeys).toEqual([passkey]);
    expect(await parsed(await request.get(FACTORS), FactorSummary)).toMatchObject({ totp: true, recovery_codes_remaining: 10 });
    expect((await parsed(await request.patch(`${PASSKEYS}/${passkey.id}`, { data: { name: 'Old laptop' }, headers: fromPage() }), Passkey)).name).toBe('Old laptop');

    // A new sign-in is a new authentication: the change goes through.
    const fresh = await newBrowser(backendURL());
    await fresh.post(`${AUTH}/sign-in/email`, { data: { email, password: PASSWORD }, headers: fromPage() });
    expect((await fresh.post(`${AUTH}/two-factor/verify-totp`, { data: { code: appCode(enrollment) }, headers: fromPage() })).status()).toBe(200);
    expect((await fresh.delete(`${PASSKEYS}/${passkey.id}`, { headers: fromPage() })).status()).toBe(204);
  });
});

// ─── The elements, in Chromium, on the demo's /security page served by the better-auth test server ───

/** A password account signed up in the page's browser (its request context shares the page's cookies). */
async function signedUpInPage(page: Page): Promise<string> {
  return signUp(page.request, uniqueEmail('ba-page'));
}

test.describe('<latch-security> and <latch-passkeys> on better-auth', () => {
  test('adds a passkey on this device, sets up an authenticator app and makes recovery codes', async ({ page }) => {
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
    await signedUpInPage(page);
    await page.goto('/security');
    const security = page.locator('latch-security');
    const passkeys = page.locator('latch-passkeys');
    await expect(passkeys.getByText("You don't have any passkeys yet. Add one to sign in with one touch.")).toBeVisible();

    await passkeys.getByRole('button', { name: 'Add a passkey', exact: true }).click();
    await expect(passkeys.locator('.live[role="status"]')).toHaveText(/^Passkey added\.\s?$/);
    const credentials = await virtualCredentials(cdp, authenticatorId);
    expect(credentials).toHaveLength(1);
    const id = Buffer.from(credentials[0]!.credentialId, 'base64').toString('base64url');
    await expect(passkeys.locator(`li[data-passkey="${id}"]`)).toBeVisible();
    const list = await parsed(await page.request.get(PASSKEYS), PasskeyList);
    expect(list.passkeys.map((passkey) => passkey.id)).toEqual([id]);
    // The browser's passkey carries the account's one user handle.
    expect(Buffer.from(credentials[0]!.userHandle ?? '', 'base64').toString('base64url')).toBe(list.user.id);

    const totp = security.getByRole('region', { name: 'Authenticator app', exact: true });
    await expect(totp.getByText('Off', { exact: true })).toBeVisible();
    await security.getByRole('button', { name: 'Set up an authenticator app', exact: true }).click();
    const key = (await totp.locator('[data-secret]').innerText()).replace(/\s/g, '');
    expect(key).toMatch(/^[A-Z2-7]+$/);
    await security.getByLabel('Code', { exact: true }).fill(appCode({ secret: key, otpauth_uri: '', digits: 6, period: 30 }));
    await security.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(totp.getByText('On', { exact: true })).toBeVisible();
    expect(await parsed(await page.request.get(FACTORS), FactorSummary)).toMatchObject({ totp: true, recovery_codes_remaining: 10 });

    const codes = security.getByRole('region', { name: 'Recovery codes', exact: true });
    // The app came with better-auth's backup codes: making new ones replaces them, after a confirmation.
    await expect(codes.getByText(/10/)).toBeVisible();
    await codes.getByRole('button', { name: 'Create new codes', exact: true }).click();
    await codes.getByRole('button', { name: 'Replace my codes', exact: true }).click();
    await expect(codes.locator('[data-codes] li')).toHaveCount(10);
    await expectAccessible(page, 'better-auth: recovery codes shown');
  });

  test('renames and removes a passkey in <latch-passkeys>', async ({ page }) => {
    await signedUpInPage(page);
    const { passkey } = await registerPasskey(page.request, new SoftAuthenticator(backendURL()));
    await page.goto('/security');
    const passkeys = page.locator('latch-passkeys');
    const item = passkeys.locator(`li[data-passkey="${passkey.id}"]`);
    await expect(item.getByRole('heading', { level: 4 })).toHaveText('Passkey');

    await item.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.keyboard.type('Work laptop');
    await page.keyboard.press('Enter');
    await expect(item.getByRole('heading', { level: 4 })).toHaveText('Work laptop');
    expect((await parsed(await page.request.get(PASSKEYS), PasskeyList)).passkeys[0]?.name).toBe('Work laptop');

    await item.getByRole('button', { name: 'Remove', exact: true }).click();
    await item.getByRole('button', { name: 'Remove passkey', exact: true }).click();
    await expect(passkeys.locator('.live[role="status"]')).toHaveText(/^Passkey “Work laptop” removed\.\s?$/);
    await expect(passkeys.locator('li[data-passkey]')).toHaveCount(0);
    expect((await parsed(await page.request.get(PASSKEYS), PasskeyList)).passkeys).toEqual([]);
  });
});
