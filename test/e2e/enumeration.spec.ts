import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import type { ReferenceBackend } from '../../demo/server/app.js';
import { SEND_WINDOW_SECONDS } from '../../demo/server/one-time-codes.js';
import type { PublicKeyCredentialRequestOptionsJSON } from '../../src/protocol/index.js';
import {
  advanceServerClock,
  E2E_BASE_URL,
  HttpCustomer,
  newBrowser,
  PASSWORD,
  SoftAuthenticator,
  uniqueEmail,
} from './support/backend.js';
import { SideBySide, type Seen } from './support/enumeration.js';
import { startSpareBackend } from './support/spare-backend.js';

// OWASP ASVS 5 6.3.8: no answer of any step may tell whether an address has an account. Each step is sent
// for an address with an account and for one without, side by side, and the two answers must match in
// status, body (the address, its hint and random values such as auth_session replaced by placeholders) and
// headers (names and values; Date and cookie values aside), and take the same time within a generous bound.

const start = (params: Record<string, string> = {}) => (customer: HttpCustomer) =>
  customer.request.post('/authorize-challenge', {
    form: { client_id: 'latchkey-demo', response_type: 'code', scope: 'openid email profile', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', ...params },
  });

/** An intermediate step of the customer's current auth_session. */
const step = (body: Record<string, unknown>) => (customer: HttpCustomer) =>
  customer.request.post('/authorize-challenge', { data: { auth_session: customer.authSession, step: body } });

/** Starts a challenge for both (with each one's address as `login_hint` if asked) and keeps each auth_session. */
async function startBoth(pair: SideBySide, label: string, withHint = false): Promise<Seen> {
  return pair.same(label, async (customer) => {
    const response = await start(withHint ? { login_hint: customer.email } : {})(customer);
    const body = (await response.json()) as { auth_session?: string };
    if (body.auth_session) customer.authSession = body.auth_session;
    return response;
  });
}

const startWithHint = (pair: SideBySide, label: string) => startBoth(pair, label, true);

async function walkEverySignInStep(pair: SideBySide, baseURL: string, signUpEnabled: boolean): Promise<void> {
  // Identifier: as a step of a fresh challenge, and as `login_hint` of the initial request.
  await startBoth(pair, 'initial request');
  await pair.same('identifier step', (customer) => step({ type: 'identifier', login_hint: customer.email })(customer));
  await startWithHint(pair, 'initial request with login_hint');

  // Passkey: options, and an assertion from a passkey the backend never saw.
  await pair.same('webauthn options', step({ type: 'webauthn', action: 'options' }));
  const stranger = new SoftAuthenticator(baseURL);
  stranger.create({ rp: { id: 'localhost', name: 'x' }, user: { id: 'dXNlcg', name: 'x', displayName: 'x' }, challenge: 'Y2g', pubKeyCredParams: [] });
  await pair.same('webauthn verify with an unknown passkey', async (customer) => {
    const options = (await (await step({ type: 'webauthn', action: 'options' })(customer)).json()) as {
      ciam: { request_options: PublicKeyCredentialRequestOptionsJSON };
    };
    return step({ type: 'webauthn', action: 'verify', response: stranger.get(options.ciam.request_options) })(customer);
  });

  // Password: wrong for the account, and any for no account, with the same hashing work.
  await pair.same('wrong password', step({ type: 'password', password: 'not the password at all' }), { tries: 5, timed: true });

  // Factor steps outside a factor challenge.
  await pair.same('totp without a challenge', step({ type: 'totp', code: '123456' }));
  await pair.same('sms_otp without a challenge', step({ type: 'sms_otp', action: 'send' }));
  await pair.same('recovery_code without a challenge', step({ type: 'recovery_code', code: 'abcd-efgh' }));
  await pair.same('select_factor without a challenge', step({ type: 'select_factor', factor: 'totp' }));
  await pair.same('email code verify before a send', step({ type: 'email_otp', action: 'verify', code: '000000' }));

  // Email code: request, wrong codes (for no account the mail said "no account" when sign-up is off), resend.
  await pair.same('email code request', step({ type: 'email_otp', action: 'send' }));
  await pair.same('wrong email code', step({ type: 'email_otp', action: 'verify', code: '000000' }), { tries: 3, timed: true });
  await pair.same('email code resend inside the cooldown', step({ type: 'email_otp', action: 'send' }));
  await advanceServerClock(baseURL, 31);
  await pair.same('email code resend', step({ type: 'email_otp', action: 'send' }));
  await pair.same('wrong code after the resend', step({ type: 'email_otp', action: 'verify', code: '000000' }));

  // Sign-up: for the account the mail says "already registered" without a code; verifying must not tell.
  // Timed over three fresh challenges (one sample each is noise on a loaded machine), each after the mail
  // limit's window: the known address has had one more mail, its owner's sign-up.
  const freshChallenge = async () => {
    await advanceServerClock(baseURL, SEND_WINDOW_SECONDS + 1);
    await startWithHint(pair, 'initial request before sign_up');
  };
  await pair.same('sign_up with a password', step({ type: 'sign_up', password: PASSWORD }), { tries: 3, timed: signUpEnabled, before: freshChallenge });
  await pair.same('wrong code after sign_up', step({ type: 'email_otp', action: 'verify', code: '000000' }), { tries: 5 });
  await pair.same('verify after the code is burnt', step({ type: 'email_otp', action: 'verify', code: '000000' }));
}

test.describe('account enumeration', () => {
  test('every sign-in and sign-up step answers alike with and without an account (sign-up on)', async () => {
    test.setTimeout(90_000);
    const baseURL = E2E_BASE_URL;
    const known = uniqueEmail('known');
    const owner = new HttpCustomer(await newBrowser(baseURL), known, baseURL);
    await owner.signUp();
    await advanceServerClock(baseURL, 31); // the sign-up's code started the resend cooldown
    const pair = new SideBySide(new HttpCustomer(await newBrowser(baseURL), known, baseURL), new HttpCustomer(await newBrowser(baseURL), uniqueEmail('nobdy'), baseURL));
    await walkEverySignInStep(pair, baseURL, true);
  });

  test.describe('with sign-up off (the "no account" mail)', () => {
    let backend: ReferenceBackend | undefined;
    test.afterAll(async () => backend?.close());

    test('every sign-in step answers alike with and without an account', async () => {
      test.setTimeout(90_000);
      // The account is created while sign-up is on, then the backend restarts on the same data with it off.
      const dataDir = mkdtempSync(join(tmpdir(), 'latch-enum-'));
      const known = uniqueEmail('known');
      backend = await startSpareBackend({ testClock: true, dataDir });
      await new HttpCustomer(await newBrowser(backend.url), known, backend.url).signUp();
      await backend.close();
      backend = await startSpareBackend({ testClock: true, dataDir, signUpEnabled: false });
      const pair = new SideBySide(
        new HttpCustomer(await newBrowser(backend.url), known, backend.url),
        new HttpCustomer(await newBrowser(backend.url), uniqueEmail('nobdy'), backend.url),
      );
      await walkEverySignInStep(pair, backend.url, false);
    });
  });
});

