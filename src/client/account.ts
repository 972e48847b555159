import {
  AccountEmail,
  EmailChangeStarted,
  FactorSummary,
  PasskeyList,
  PasskeyRename,
  PhoneEnrollment,
  PhoneEnrollmentRequest,
  RecoveryCodes,
  TotpEnrollment,
  type EmailChangeRequest,
  type PasswordChange,
  type TotpEnrollmentRequest,
} from '../protocol/account.js';
import { AccountDeletion, PrivacyOverview, type ConsentWithdrawal } from '../protocol/consent.js';
import { ActivityLog, SessionList } from '../protocol/devices.js';
import { ConsentReceipt } from '../protocol/policies.js';
import type { Passkey } from '../protocol/passkey-registration.js';
import { readError } from './challenge.js';
import type { CallOptions } from './types.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { parseWith, readJSON } from './transport.js';
import type { WebAuthnAdapter } from './webauthn.js';

// The signed-in user's security settings (T4 resources): passkeys, the other factors, the password and the
// email address. A chunk of its own, fetched when a page shows the settings, never with the sign-in form.

/** The account resources of the backend's metadata. */
type AccountEndpoint =
  | 'ciam_passkeys_endpoint'
  | 'ciam_factors_endpoint'
  | 'ciam_email_endpoint'
  | 'ciam_privacy_endpoint'
  | 'ciam_sessions_endpoint'
  | 'ciam_activity_endpoint';

/** What the account API needs from the client that made it. */
export interface AccountContext {
  /** The URL of an account resource from the backend's metadata (`ciam_passkeys_endpoint`, `ciam_factors_endpoint`, `ciam_email_endpoint`). */
  endpoint(key: AccountEndpoint, call: CallOptions): Promise<string>;
  /**
   * Sends one request with the session cookie. Sensitive changes may answer an RFC 9470 challenge (401
   * `insufficient_user_authentication`); this is where a step-up runs and the request is sent again.
   */
  request(url: string, init: RequestInit, call: CallOptions): Promise<Response>;
  /** The registration exchange of the client (options, ceremony, attestation). */
  registerPasskey(call: CallOptions): Promise<Passkey>;
  /** The client's one-request-per-key guard: a double click sends one request (fault K1). */
  once<T>(key: string, run: () => Promise<T>): Promise<T>;
  webauthn: WebAuthnAdapter;
}

/** The signed-in user's passkeys and other factors. Get it from `client.account()`. */
export interface AccountApi {
  /** The user's passkeys. The password manager is told the same list (Signal API). */
  listPasskeys(options?: CallOptions): Promise<PasskeyList>;
  /** Renames a passkey; resolves to the list after the change. */
  renamePasskey(options: CallOptions & { id: string; name: string }): Promise<PasskeyList>;
  /** Removes a passkey (a sensitive change: may need a step-up); resolves to the passkeys left. */
  removePasskey(options: CallOptions & { id: string }): Promise<PasskeyList>;
  /** Creates a passkey on this device; resolves to the list with it. */
  registerPasskey(options?: CallOptions): Promise<PasskeyList>;
  /** Which other factors the user has: authenticator app, phone, recovery codes left. */
  getFactors(options?: CallOptions): Promise<FactorSummary>;
  /** A new authenticator app secret (as an `otpauth://` URI for a QR code and as a key to type). */
  startTotpEnrollment(options?: CallOptions): Promise<TotpEnrollment>;
  /** Proves the app has the secret with one of its codes; the app is then set up. */
  verifyTotpEnrollment(options: CallOptions & { code: string }): Promise<FactorSummary>;
  removeTotp(options?: CallOptions): Promise<FactorSummary>;
  /** Texts a code to a phone number (E.164, e.g. `+447700900123`). */
  startPhoneEnrollment(options: CallOptions & { phoneNumber: string }): Promise<PhoneEnrollment>;
  /** Confirms the phone with the texted code. */
  verifyPhoneEnrollment(options: CallOptions & { code: string }): Promise<FactorSummary>;
  removePhone(options?: CallOptions): Promise<FactorSummary>;
  /** A new set of recovery codes, shown once; the old set stops working. */
  createRecoveryCodes(options?: CallOptions): Promise<RecoveryCodes>;
  /**
   * Sets a password, or changes it (profile §21.1; a sensitive change). A change signs the account out
   * everywhere else. Too short: `LATCH_WEAK_PASSWORD`;
   * breached: `LATCH_PASSWORD_BREACHED` (the rule in `fieldErrors`).
   */
  setPassword(options: CallOptions & { password: string }): Promise<FactorSummary>;
  /** Removes the password; `LATCH_LAST_METHOD` unless the account has a passkey to sign in with instead. */
  removePassword(options?: CallOptions): Promise<FactorSummary>;
  /** The account's proven email address, and a change waiting for its code (profile §21.2). */
  getEmail(options?: CallOptions): Promise<AccountEmail>;
  /** Emails a code to a new address (a sensitive change); the address changes only once the code is entered. */
  startEmailChange(options: CallOptions & { email: string }): Promise<EmailChangeStarted>;
  /** Proves the new address with its code; resolves to the account's address after the change. */
  verifyEmailChange(options: CallOptions & { code: string }): Promise<AccountEmail>;
  /** What the backend holds about the customer (GDPR Art. 15): profile, consents, sign-ins, passkeys, factors (profile §25.1). */
  privacyOverview(options?: CallOptions): Promise<PrivacyOverview>;
  /** The same as a JSON file to save (Art. 20), exactly as the backend sent it (checked against the schema first). */
  exportData(options?: CallOptions): Promise<Blob>;
  /**
   * Withdraws a consent (Art. 7(3)): an opt-in such as `marketing`, or every purpose of a purposes policy.
   * `text`: the words the customer saw. Resolves to the withdrawal's receipt.
   */
  withdrawConsent(options: CallOptions & { policy: string; text?: string }): Promise<ConsentReceipt>;
  /**
   * Erases the account and everything tied to it (Art. 17; a sensitive change: asks for a step-up first). The
   * session ends; call `client.signOut({ reason: 'ended' })` to clear this page's state and tell other tabs.
   */
  deleteAccount(options?: CallOptions): Promise<AccountDeletion>;
  /** Where the account is signed in: this browser first, then the most recently active (profile §27.1). */
  sessions(options?: CallOptions): Promise<SessionList>;
  /** Signs another browser out at once (its session watcher notices); resolves to the sessions left. */
  revokeSession(options: CallOptions & { id: string }): Promise<SessionList>;
  /** Signs out every browser but this one (a sensitive change: may ask for a step-up first); resolves to the sessions left. */
  revokeOtherSessions(options?: CallOptions): Promise<SessionList>;
  /** The last 30 days of sign-in attempts, successful or not, newest first (profile §27.3). */
  activity(options?: CallOptions): Promise<ActivityLog>;
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/** Builds the account API over a client's transport. */
export function createAccountApi(context: AccountContext): AccountApi {
  const { webauthn } = context;
  // One change of a kind at a time; the keys are the account's own (`account:…`), apart from the client's.
  const once = <T>(key: string, run: () => Promise<T>) => context.once(`account:${key}`, run);

  /** Sends a request; a 2xx body is returned as parsed JSON (or undefined for 204), anything else throws. */
  async function call(
    key: AccountEndpoint,
    path: string,
    init: RequestInit,
    options: CallOptions,
  ): Promise<unknown> {
    const base = await context.endpoint(key, options);
    const response = await context.request(`${base}${path}`, init, options);
    if (!response.ok) throw await readError(response);
    return response.status === 204 ? undefined : readJSON(response);
  }

  const get = (key: AccountEndpoint, path: string, options: CallOptions) => call(key, path, { headers: { accept: 'application/json' } }, options);
  const send = (key: AccountEndpoint, method: 'POST' | 'PUT', path: string, body: unknown, options: CallOptions) =>
    call(key, path, { method, headers: JSON_HEADERS, body: JSON.stringify(body) }, options);
  const post = (path: string, body: unknown, options: CallOptions) => send('ciam_factors_endpoint', 'POST', path, body, options);
  // DELETE carries the JSON content type too, so it is never a CORS "simple" request (ASVS 5 3.5.2).
  const remove = (key: AccountEndpoint, path: string, options: CallOptions) => call(key, path, { method: 'DELETE', headers: JSON_HEADERS }, options);
  const changeEmail = (body: EmailChangeRequest, options: CallOptions) => send('ciam_email_endpoint', 'POST', '', body, options);

  /**
   * WebAuthn L3 §5.1.10.2–3: the password manager learns the complete list and the user's current names,
   * so a passkey removed here stops being offered. Fire and forget: never awaited, never throws.
   */
  function signalPasskeys(list: PasskeyList): void {
    const rpId = list.rp_id;
    const userId = list.user.id;
    void webauthn
      .signalAllAcceptedCredentials?.({ rpId, userId, allAcceptedCredentialIds: list.passkeys.map((passkey) => passkey.id) })
      .catch(() => undefined);
    void webauthn
      .signalCurrentUserDetails?.({ rpId, userId, name: list.user.name, displayName: list.user.display_name })
      .catch(() => undefined);
  }

  async function listPasskeys(options: CallOptions = {}): Promise<PasskeyList> {
    const list = parseWith(PasskeyList, await get('ciam_passkeys_endpoint', '', options));
    signalPasskeys(list);
    return list;
  }

  const passkeyPath = (id: string) => `/${encodeURIComponent(id)}`;

  async function verifyFactor(path: string, code: string, options: CallOptions): Promise<FactorSummary> {
    const body: TotpEnrollmentRequest = { action: 'verify', code: code.replace(/\s+/g, '') };
    return parseWith(FactorSummary, await post(path, body, options));
  }

  const sessions = async (options: CallOptions = {}) => parseWith(SessionList, await get('ciam_sessions_endpoint', '', options));

  return {
    listPasskeys,
    renamePasskey: ({ id, name, ...options }) =>
      once(`rename:${id}`, async () => {
        const body: PasskeyRename = { name: name.trim() };
        if (!PasskeyRename.safeParse(body).success) {
          throw new LatchError(LatchErrorCode.INVALID_OPTIONS, 'A passkey name is 1 to 64 characters');
        }
        await call('ciam_passkeys_endpoint', passkeyPath(id), { method: 'PATCH', headers: JSON_HEADERS, body: JSON.stringify(body) }, options);
        return listPasskeys(options);
      }),
    removePasskey: ({ id, ...options }) =>
      once(`remove:${id}`, async () => {
        await remove('ciam_passkeys_endpoint', passkeyPath(id), options);
        return listPasskeys(options);
      }),
    registerPasskey: (options = {}) =>
      once('register', async () => {
        await context.registerPasskey(options);
        return listPasskeys(options);
      }),
    getFactors: async (options = {}) => parseWith(FactorSummary, await get('ciam_factors_endpoint', '', options)),
    startTotpEnrollment: (options = {}) =>
      once('totp-start', async () => parseWith(TotpEnrollment, await post('/totp', { action: 'start' }, options))),
    verifyTotpEnrollment: ({ code, ...options }) => once('totp-verify', () => verifyFactor('/totp', code, options)),
    removeTotp: (options = {}) =>
      once('totp-remove', async () => parseWith(FactorSummary, await remove('ciam_factors_endpoint', '/totp', options))),
    startPhoneEnrollment: ({ phoneNumber, ...options }) =>
      once('phone-start', async () => {
        const body = { action: 'start' as const, phone_number: phoneNumber.replace(/[\s().-]/g, '') };
        if (!PhoneEnrollmentRequest.safeParse(body).success) {
          throw new LatchError(LatchErrorCode.INVALID_OPTIONS, 'The phone number must be in E.164 form, like +447700900123');
        }
        return parseWith(PhoneEnrollment, await post('/phone', body, options));
      }),
    verifyPhoneEnrollment: ({ code, ...options }) => once('phone-verify', () => verifyFactor('/phone', code, options)),
    removePhone: (options = {}) =>
      once('phone-remove', async () => parseWith(FactorSummary, await remove('ciam_factors_endpoint', '/phone', options))),
    createRecoveryCodes: (options = {}) =>
      once('recovery-codes', async () => parseWith(RecoveryCodes, await post('/recovery-codes', {}, options))),
    setPassword: ({ password, ...options }) =>
      once('password', async () => {
        // Sent as typed: no trimming or composition rules (NIST SP 800-63B-4 §3.1.1.2); the backend judges it.
        const body: PasswordChange = { password };
        return parseWith(FactorSummary, await send('ciam_factors_endpoint', 'PUT', '/password', body, options));
      }),
    removePassword: (options = {}) =>
      once('password-remove', async () => parseWith(FactorSummary, await remove('ciam_factors_endpoint', '/password', options))),
    getEmail: async (options = {}) => parseWith(AccountEmail, await get('ciam_email_endpoint', '', options)),
    startEmailChange: ({ email, ...options }) =>
      once('email-start', async () => parseWith(EmailChangeStarted, await changeEmail({ action: 'start', email: email.trim() }, options))),
    verifyEmailChange: ({ code, ...options }) =>
      once('email-verify', async () => parseWith(AccountEmail, await changeEmail({ action: 'verify', code: code.replace(/\s+/g, '') }, options))),
    privacyOverview: async (options = {}) => parseWith(PrivacyOverview, await get('ciam_privacy_endpoint', '', options)),
    exportData: async (options = {}) => {
      const data = await get('ciam_privacy_endpoint', '/export', options);
      parseWith(PrivacyOverview, data);
      // The file holds what the backend sent, members this client does not know included.
      return new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    },
    withdrawConsent: ({ policy, text, ...options }) =>
      once(`withdraw:${policy}`, async () => {
        const body: ConsentWithdrawal = { granted: false, ...(text ? { text } : {}) };
        return parseWith(ConsentReceipt, await send('ciam_privacy_endpoint', 'POST', `/consents/${encodeURIComponent(policy)}`, body, options));
      }),
    deleteAccount: (options = {}) =>
      once('delete-account', async () => parseWith(AccountDeletion, await remove('ciam_privacy_endpoint', '', options))),
    sessions,
    revokeSession: ({ id, ...options }) =>
      once(`revoke:${id}`, async () => {
        await remove('ciam_sessions_endpoint', `/${encodeURIComponent(id)}`, options);
        return sessions(options);
      }),
    revokeOtherSessions: (options = {}) =>
      once('revoke-others', async () => {
        await remove('ciam_sessions_endpoint', '?others=true', options);
        return sessions(options);
      }),
    activity: async (options = {}) => parseWith(ActivityLog, await get('ciam_activity_endpoint', '', options)),
  };
}
