/**
 * Stable error codes of the client. Released codes are public API: the translation table maps each one
 * to words, tests assert them, and host pages may switch on them.
 */
export const LatchErrorCode = {
  /** The network request failed (offline, DNS, CORS, connection dropped). */
  NETWORK: 'LATCH_NETWORK',
  /** The backend did not answer within the timeout (default 15 s). */
  TIMEOUT: 'LATCH_TIMEOUT',
  /** The request or ceremony was aborted by the page or by a newer step (quiet: never shown). */
  ABORTED: 'LATCH_ABORTED',
  /** The backend's answer was not what the profile allows (wrong type, bad JSON, failed schema). */
  INVALID_RESPONSE: 'LATCH_INVALID_RESPONSE',
  /** The backend does not speak this profile (missing endpoint or version). */
  UNSUPPORTED_BACKEND: 'LATCH_UNSUPPORTED_BACKEND',
  /** The backend is rate limiting; `retryAfter` says for how many seconds. */
  RATE_LIMITED: 'LATCH_RATE_LIMITED',
  /** Wrong email or password (never says which). */
  INVALID_CREDENTIALS: 'LATCH_INVALID_CREDENTIALS',
  /** The one-time code is wrong; `attemptsRemaining` may say how many tries are left. */
  INVALID_CODE: 'LATCH_INVALID_CODE',
  /** The one-time code expired; a new one must be sent. */
  EXPIRED_CODE: 'LATCH_EXPIRED_CODE',
  /** Too many wrong attempts; wait `retryAfter` or use another method. */
  TOO_MANY_ATTEMPTS: 'LATCH_TOO_MANY_ATTEMPTS',
  /** The account reached the backend's failure cap (NIST SP 800-63B-4 §3.2.2): locked for `retryAfter`; a passkey may still work. */
  ACCOUNT_LOCKED: 'LATCH_ACCOUNT_LOCKED',
  /** The new password does not meet the backend's rules (see `fieldErrors`). */
  WEAK_PASSWORD: 'LATCH_WEAK_PASSWORD',
  /** The new password is in lists of breached passwords (`weak_password` with field error code `breached`). */
  PASSWORD_BREACHED: 'LATCH_PASSWORD_BREACHED',
  /** The backend does not create accounts from the widget. */
  SIGN_UP_DISABLED: 'LATCH_SIGN_UP_DISABLED',
  /** The sign-in transaction expired or is unknown to the backend; start again. */
  SESSION_EXPIRED: 'LATCH_SESSION_EXPIRED',
  /** The backend wants a browser redirect for this sign-in (FiPA `redirect_to_web`). */
  REDIRECT_REQUIRED: 'LATCH_REDIRECT_REQUIRED',
  /** The backend signed the user in but its session cookie never arrived (blocked third-party cookies). */
  COOKIES_BLOCKED: 'LATCH_COOKIES_BLOCKED',
  /** The user needs to be signed in for this call. */
  NOT_SIGNED_IN: 'LATCH_NOT_SIGNED_IN',
  /** The user dismissed the passkey prompt, or it timed out (quiet cancel, not a failure). */
  PASSKEY_CANCELLED: 'LATCH_PASSKEY_CANCELLED',
  /** Passkeys cannot be used on this page or device. */
  PASSKEY_UNAVAILABLE: 'LATCH_PASSKEY_UNAVAILABLE',
  /** The passkey is unknown to the backend (deleted or registered elsewhere). */
  PASSKEY_UNKNOWN: 'LATCH_PASSKEY_UNKNOWN',
  /** This authenticator already holds a passkey for the account. */
  PASSKEY_ALREADY_REGISTERED: 'LATCH_PASSKEY_ALREADY_REGISTERED',
  /** The passkey ceremony or its verification failed. */
  PASSKEY_FAILED: 'LATCH_PASSKEY_FAILED',
  /** The user cancelled at the social or enterprise provider (`access_denied`). */
  SSO_CANCELLED: 'LATCH_SSO_CANCELLED',
  /** The provider behind a connection is not answering (`temporarily_unavailable`). */
  SSO_UNAVAILABLE: 'LATCH_SSO_UNAVAILABLE',
  /** The redirect sign-in ended with another error from the backend. */
  SSO_FAILED: 'LATCH_SSO_FAILED',
  /** The callback failed its checks (RFC 9207 `iss`, `state`): possibly forged; nothing was accepted. */
  CALLBACK_INVALID: 'LATCH_CALLBACK_INVALID',
  /** The callback was already used (back button, reload). */
  CALLBACK_REPLAYED: 'LATCH_CALLBACK_REPLAYED',
  /** A callback arrived with no sign-in started in this tab. */
  CALLBACK_UNKNOWN: 'LATCH_CALLBACK_UNKNOWN',
  /** The browser blocked the sign-in popup. */
  POPUP_BLOCKED: 'LATCH_POPUP_BLOCKED',
  /** The user closed the sign-in popup before finishing. */
  POPUP_CLOSED: 'LATCH_POPUP_CLOSED',
  /** The resource needs stronger or more recent authentication (RFC 9470) and no step-up could run here. */
  STEP_UP_REQUIRED: 'LATCH_STEP_UP_REQUIRED',
  /** The backend cannot reach the authentication level asked for (`unmet_authentication_requirements`). Terminal. */
  STEP_UP_UNMET: 'LATCH_STEP_UP_UNMET',
  /** The resource still refused after a successful step-up; the request is not tried a third time. Terminal. */
  STEP_UP_FAILED: 'LATCH_STEP_UP_FAILED',
  /** The user closed the step-up prompt; the action did not happen. */
  STEP_UP_CANCELLED: 'LATCH_STEP_UP_CANCELLED',
  /** The session ended elsewhere: signed out in another tab, timed out, or revoked by the backend. */
  SESSION_ENDED: 'LATCH_SESSION_ENDED',
  /** The backend failed (5xx, `server_error`, or an error code this client does not know). */
  SERVER_ERROR: 'LATCH_SERVER_ERROR',
  /** An account recovery cannot finish yet: its waiting period is not over, or another browser asked for it (profile §22). */
  RECOVERY_NOT_READY: 'LATCH_RECOVERY_NOT_READY',
  /** The backend refuses every step from this page's origin (`403 origin_not_allowed`, profile §26.2): a misconfigured or copied embed. */
  ORIGIN_NOT_ALLOWED: 'LATCH_ORIGIN_NOT_ALLOWED',
  /** The client was called with options it cannot use. */
  INVALID_OPTIONS: 'LATCH_INVALID_OPTIONS',
  /** The emailed sign-in link expired, or a newer one replaced it (profile §20): a new link must be sent. */
  LINK_EXPIRED: 'LATCH_LINK_EXPIRED',
  /** Discovery's `issuer` is not the configured issuer (OIDC Discovery §4.3); `config` names both. */
  CONFIG_ISSUER_MISMATCH: 'LATCH_CONFIG_ISSUER_MISMATCH',
  /** The configured issuer answers, but not with a discovery document (404, an HTML page, not metadata). */
  CONFIG_DISCOVERY_UNREACHABLE: 'LATCH_CONFIG_DISCOVERY_UNREACHABLE',
  /** The backend answers but refuses this page's origin (CORS); `config.origin` is the origin to allow. */
  CONFIG_CORS_REFUSED: 'LATCH_CONFIG_CORS_REFUSED',
  /** The backend does not know the configured client id (`invalid_client`). */
  CONFIG_INVALID_CLIENT: 'LATCH_CONFIG_INVALID_CLIENT',
  /** The backend offers the profile's endpoints but not this profile version (`ciam_profile_versions_supported`). */
  CONFIG_PROFILE_VERSION: 'LATCH_CONFIG_PROFILE_VERSION',
  /** The backend names no `authorization_endpoint` / `token_endpoint` (a session-completion backend, profile §1): no redirect or popup sign-in, connection or `completion: 'tokens'`. */
  CONFIG_NO_OAUTH_ENDPOINTS: 'LATCH_CONFIG_NO_OAUTH_ENDPOINTS',
  /** The password cannot be removed: the account has no passkey to sign in with instead (`409 last_method`, profile §21.1). */
  LAST_METHOD: 'LATCH_LAST_METHOD',
  /** Another account took the new email address before its code was entered (`409 email_taken`, profile §21.2). */
  EMAIL_TAKEN: 'LATCH_EMAIL_TAKEN',
  /** A new account needs the policies the backend lists as `accept` (terms, privacy) accepted (profile §24.1, field `terms`). */
  TERMS_REQUIRED: 'LATCH_TERMS_REQUIRED',
  /** The customer declined changed terms an account needs (`access_denied` at `consent_required`, profile §24.2): no session. */
  TERMS_DECLINED: 'LATCH_TERMS_DECLINED',
  /** The backend refused an answer to a `profile` step (`invalid_request`, `fieldErrors` say which, profile §24.3). */
  PROFILE_INVALID: 'LATCH_PROFILE_INVALID',
} as const;
export type LatchErrorCode = (typeof LatchErrorCode)[keyof typeof LatchErrorCode];
