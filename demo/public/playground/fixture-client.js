// The gallery's fixture client (a design tool, not a behaviour test): it has LatchClient's shape
// (src/client/types.ts) and answers every call with a canned outcome at once, so each state of
// states.html draws the same on every load. Nothing here talks to a backend.

const CONNECTIONS = [
  { id: 'google', kind: 'social', name: 'Google', brand: 'google' },
  { id: 'apple', kind: 'social', name: 'Apple', brand: 'apple' },
  { id: 'microsoft', kind: 'social', name: 'Microsoft', brand: 'microsoft' },
  { id: 'github', kind: 'social', name: 'GitHub', brand: 'github' },
  { id: 'northwind', kind: 'enterprise', name: 'Northwind Traders Worldwide Employee Single Sign-On' },
];

const RECOVERY_CODES = ['7KQ2-M9XD', 'P4TZ-8WNE', 'H3CJ-2RVA', 'X6LB-5FQU', 'N8DS-4KGY', 'B2WM-7TPH', 'R5EV-3ZJC', 'F9UA-6HLN'];

/** Fixed instants (epoch seconds), so dates drawn in full read the same on every load. */
const JAN = 1_767_225_600; // 2026-01-01T00:00:00Z
const HOUR = 3600;
const DAY = 86_400;

/** The site's consent policy as `GET ciam_consent_endpoint` answers it (its own policy id: no stored choice matches it). */
const CONSENT_CONFIG = {
  policy: 'gallery-cookies',
  version: '2026-01',
  purposes: [
    { id: 'necessary', legal_basis: 'legal_obligation', required: true },
    { id: 'analytics', legal_basis: 'consent', required: false, consent_mode: ['analytics_storage'] },
    { id: 'advertising', legal_basis: 'consent', required: false, gpc: 'opt_out', consent_mode: ['ad_storage', 'ad_user_data', 'ad_personalization'] },
    { id: 'personalisation', legal_basis: 'consent', required: false, consent_mode: ['personalization_storage'] },
  ],
  expiry: { refused_days: 182, accepted_days: 365 },
  privacy_url: 'https://id.example.test/policies/cookies',
};

/** `GET ciam_privacy_endpoint`: a profile, a given and a not-given consent, sign-ins, a passkey and the factors. */
const PRIVACY_OVERVIEW = {
  profile: { email: 'jo@example.com', name: 'Jo Example', phone: null, created_at: JAN - 200 * DAY },
  consents: [
    { id: 'r-1', policy: 'terms', version: '2025-06', granted: true, method: 'sign_up', chosen_at: (JAN - 200 * DAY) * 1000, recorded_at: (JAN - 200 * DAY) * 1000, text_hash: 'sha256:3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    { id: 'r-2', policy: 'marketing', version: '2025-06', granted: false, method: 'privacy_center', chosen_at: (JAN - 20 * DAY) * 1000, recorded_at: (JAN - 20 * DAY) * 1000, text_hash: 'sha256:q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4kBI0Vng' },
    { id: 'r-3', policy: 'cookies', version: '2026-01', purposes: { analytics: true, advertising: false }, method: 'banner', chosen_at: (JAN - 2 * DAY) * 1000, recorded_at: (JAN - 2 * DAY) * 1000, text_hash: 'sha256:7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
  ],
  withdrawable: ['cookies'],
  sign_ins: [
    { at: JAN - 3 * DAY + 9 * HOUR, method: 'email_otp', device: 'Firefox on Windows' },
    { at: JAN - DAY + 14 * HOUR, method: 'passkey', device: 'Chrome on macOS' },
  ],
  passkeys: [{ name: 'MacBook Pro (Touch ID)', created_at: JAN - 40 * DAY, last_used_at: JAN - DAY + 14 * HOUR }],
  factors: ['passkey', 'totp'],
  deletion: { backups_days: 30, retained: { en: 'Invoices, for 10 years (tax law).', ar: 'الفواتير، لمدة 10 سنوات (قانون الضرائب).' } },
};

/**
 * `GET ciam_sessions_endpoint` and `GET ciam_activity_endpoint`, their times before `now` (epoch seconds):
 * the element says them relatively ("2 hours ago"), so they read the same on every load.
 */
function deviceLists(now) {
  const chrome = { browser: 'Chrome', browser_version: '131', os: 'macOS', device_type: 'desktop', location: { city: 'Lisbon', country: 'PT' } };
  const safari = { browser: 'Safari', browser_version: '18', os: 'iOS', device_type: 'mobile', location: { city: 'Porto', country: 'PT' } };
  const unknown = { location: { country: 'BR' } };
  return {
    sessions: [
      { id: 'session-here', current: true, signed_in_at: now - 3 * DAY, last_active_at: now, method: 'passkey', device: chrome },
      { id: 'session-phone', current: false, signed_in_at: now - 10 * DAY, last_active_at: now - 2 * HOUR, method: 'email_otp', device: safari },
    ],
    events: [
      { at: now - 2 * HOUR, outcome: 'success', method: 'email_otp', device: safari, new_device: true },
      { at: now - 5 * DAY, outcome: 'failure', method: 'password', device: unknown },
    ],
  };
}

/**
 * The consent API (`client.consent()`, src/consent/consent.ts) with the gallery's policy: it records and stores
 * nothing, so no choice made in the gallery hides a banner on the next load.
 */
function consentApi() {
  return {
    get: () => ({ config: CONSENT_CONFIG, needsChoice: true }),
    set: async () => undefined,
    granted: () => false,
    whenGranted: () => () => undefined,
    onChange: () => () => undefined,
    useConfig: () => undefined,
    loadConfig: async () => CONSENT_CONFIG,
    flush: async () => undefined,
    withdraw: async () => false,
  };
}

/** An error as the client throws it: a stable `LATCH_*` code (the elements read the code, see src/client/errors.ts). */
export function shapedError(code) {
  return Object.assign(new Error(`fixture: ${code}`), { name: 'LatchError', code });
}

/** A call nobody answers in this state: it waits until its signal aborts, like a request in flight. */
function hang(options) {
  return new Promise((_, reject) => {
    options?.signal?.addEventListener('abort', () => reject(shapedError('LATCH_ABORTED')), { once: true });
  });
}

function memoryStore() {
  const values = new Map();
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  };
}

/**
 * A client for one gallery state. `options`: `name` (the state), `signedIn` (an email: a session exists),
 * `hasPasskey`, `idleIn` (seconds to the idle timeout), `connections` (`two` | `all`), `submitIdentifier`
 * (the outcome of the email step, or `fail`), `passkeys` (a list, or `fail`), `factors` (a FactorSummary).
 */
export function fixtureClient(options) {
  const issuer = `https://id.example.test/${options.name}`;
  const connections = options.connections === 'all' ? CONNECTIONS : options.connections === 'two' ? CONNECTIONS.slice(0, 2) : [];
  const email = options.signedIn ?? 'jo@example.com';
  const session = () => {
    if (!options.signedIn) return { active: false };
    const now = Math.floor(Date.now() / 1000);
    return {
      active: true,
      user: { sub: 'user-1', email, name: 'Jo' },
      amr: ['otp'],
      method: 'email_otp',
      has_passkey: options.hasPasskey ?? true,
      ...(options.idleIn ? { idle_expires_at: now + options.idleIn, idle_timeout: 900, expires_at: now + 86_400 } : {}),
    };
  };
  const step = (state) => ({ type: 'step', state });
  const lists = deviceLists(Math.floor(Date.now() / 1000));
  const account = {
    listPasskeys: async () => {
      if (options.passkeys === 'fail') throw shapedError('LATCH_NETWORK');
      return { rp_id: 'example.test', user: { id: 'dXNlci0x', name: email, display_name: 'Jo' }, passkeys: options.passkeys ?? [] };
    },
    getFactors: async () => options.factors ?? { totp: false, recovery_codes_remaining: 0 },
    startTotpEnrollment: async () => ({
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      otpauth_uri: 'otpauth://totp/Acme:jo%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme',
      digits: 6,
      period: 30,
    }),
    createRecoveryCodes: async () => ({ codes: RECOVERY_CODES }),
    getEmail: async () => ({ email, email_verified: true }),
    setPassword: hang,
    removePassword: hang,
    startEmailChange: hang,
    verifyEmailChange: hang,
    renamePasskey: hang,
    removePasskey: hang,
    registerPasskey: hang,
    verifyTotpEnrollment: hang,
    removeTotp: hang,
    startPhoneEnrollment: hang,
    verifyPhoneEnrollment: hang,
    removePhone: hang,
    privacyOverview: async () => PRIVACY_OVERVIEW,
    exportData: hang,
    withdrawConsent: hang,
    deleteAccount: hang,
    sessions: async () => ({ sessions: lists.sessions }),
    activity: async () => ({ events: lists.events }),
    revokeSession: hang,
    revokeOtherSessions: hang,
  };
  return {
    issuer,
    clientId: 'gallery',
    storage: memoryStore(),
    discover: async () => ({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      // The passkey nudge shows only where the backend registers passkeys.
      ciam_passkey_registration_endpoint: `${issuer}/passkeys/register`,
      ciam_sign_up_enabled: true,
      ciam_password_min_length: 12,
      ciam_connections: connections,
      // Text codes among them, so the security page shows its phone section (it is hidden without `sms_otp`).
      ciam_step_types_supported: ['identifier', 'password', 'email_otp', 'webauthn', 'totp', 'sms_otp', 'recovery_code'],
    }),
    startSignIn: async () => step({ step: 'identifier' }),
    submitIdentifier: async () => {
      if (options.submitIdentifier === 'fail') throw new Error('fixture: the backend failed');
      return options.submitIdentifier ?? step({ step: 'identifier' });
    },
    startStepUp: async () =>
      step({
        step: 'email_otp',
        purpose: 'sign_in',
        destination_hint: 'j•••@example.com',
        code_length: 6,
        expires_in: 600,
        resend_after: 0,
        reason: 'step_up',
        alternatives: ['totp'],
      }),
    requestEmailCode: async () =>
      step({ step: 'email_otp', purpose: 'sign_up', destination_hint: email, code_length: 6, expires_in: 600, resend_after: 0 }),
    signInWithPassword: hang,
    signUp: hang,
    verifyEmailCode: hang,
    selectFactor: hang,
    verifyTotp: hang,
    requestSmsCode: hang,
    verifySmsCode: hang,
    verifyRecoveryCode: hang,
    startPasskeySignIn: hang,
    finishPasskeySignIn: hang,
    signInWithPasskey: hang,
    registerPasskey: hang,
    account: async () => account,
    consent: async () => consentApi(),
    clientCapabilities: async () => ({ passkeyPlatformAuthenticator: true, hybridTransport: true, conditionalCreate: false }),
    getSession: async () => session(),
    extendSession: async () => session(),
    signOut: async () => undefined,
    onSessionChange: () => () => undefined,
    serverTimeOffset: () => 0,
    getAccessToken: () => undefined,
    passkeySupport: async () => ({ available: true, autofill: false }),
    connections: async () => connections,
    connectionForEmail: async () => undefined,
    startRedirectSignIn: hang,
    isRedirectCallback: () => false,
    finishRedirectSignIn: hang,
    signInWithPopup: hang,
    endSessionUrl: async () => undefined,
    fetch: (input, init) => fetch(input, init),
    requireStepUp: async () => undefined,
    onStepUp: () => () => undefined,
  };
}
