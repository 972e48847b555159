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
  };
  return {
    issuer,
    clientId: 'gallery',
    storage: memoryStore(),
    discover: async () => ({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      ciam_sign_up_enabled: true,
      ciam_password_min_length: 12,
      ciam_connections: connections,
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
