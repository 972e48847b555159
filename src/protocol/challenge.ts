import * as z from 'zod/mini';
import { integer, seconds, text, token } from './limits.js';
import { PublicKeyCredentialRequestOptionsJSON } from './webauthn.js';

// The in-widget sign-in protocol: the OAuth 2.0 First-Party Apps envelope
// (draft-ietf-oauth-first-party-apps, "FiPA") plus the profile's JSON step messages (FiPA §5.3 leaves
// intermediate requests to the authorization server). See docs/protocol.md.

/** The credential kinds a user can pick after the identifier step. */
export const Method = z.enum(['passkey', 'password', 'email_otp']);
export type Method = z.infer<typeof Method>;

/**
 * Factors that confirm it is the user, beyond the first: for a second factor after a risky sign-in and for
 * step-up (RFC 9470). Listed strongest first, the order a backend offers them in (ASVS 5 6.6.1).
 */
export const Factor = z.enum(['passkey', 'totp', 'sms_otp', 'email_otp', 'recovery_code']);
export type Factor = z.infer<typeof Factor>;

/**
 * Why the backend asks for another factor, so the widget can say it plainly: a sign-in from a device it
 * has not seen, after many failed attempts, because the account has two-step verification on, or because
 * the page asked for stronger or more recent authentication before a sensitive action (step-up).
 */
export const Reason = z.enum(['new_device', 'many_failures', 'mfa_enrolled', 'step_up']);
export type Reason = z.infer<typeof Reason>;

/** Members of every factor step: why it is asked and which other factors the user may switch to. */
const factorStep = {
  reason: z.optional(Reason),
  /** Other factors this user can use instead, strongest first (switch with a `select_factor` step). */
  alternatives: z.optional(z.array(Factor).check(z.maxLength(8))),
};

/** What the backend needs next, carried in the `ciam` member of an `insufficient_authorization` response. */
export const StepState = z.discriminatedUnion('step', [
  /** Ask who is signing in. Carries passkey request options so the identifier field can offer passkey autofill. */
  z.object({
    step: z.literal('identifier'),
    webauthn: z.optional(z.object({ request_options: PublicKeyCredentialRequestOptionsJSON })),
  }),
  /** Let the user pick a method. The list is the same for every identifier (no account enumeration). */
  z.object({
    step: z.literal('select_method'),
    login_hint: text(320),
    methods: z.array(Method).check(z.minLength(1), z.maxLength(8)),
    sign_up: z.boolean(),
    password_min_length: z.optional(integer(1, 256)),
  }),
  /** A code was emailed. `purpose` says whether it will sign in or finish creating an account. */
  z.object({
    step: z.literal('email_otp'),
    purpose: z.enum(['sign_in', 'sign_up']),
    destination_hint: text(320),
    code_length: integer(4, 12),
    expires_in: seconds(),
    resend_after: seconds(),
    attempts_remaining: z.optional(integer(0, 100)),
    ...factorStep,
  }),
  /** Passkey request options for a modal `navigator.credentials.get()`; for a second factor they name the user's passkeys. */
  z.object({ step: z.literal('webauthn'), request_options: PublicKeyCredentialRequestOptionsJSON, ...factorStep }),
  /** Enter the current code of an authenticator app (RFC 6238 TOTP). */
  z.object({ step: z.literal('totp'), code_length: integer(6, 8), ...factorStep }),
  /**
   * A code was texted to the user's phone. Its last line is origin-bound (`@host #code`, WICG
   * sms-one-time-codes) so browsers can offer it for autofill and WebOTP.
   */
  z.object({
    step: z.literal('sms_otp'),
    destination_hint: text(64),
    code_length: integer(4, 12),
    expires_in: seconds(),
    resend_after: seconds(),
    attempts_remaining: z.optional(integer(0, 100)),
    ...factorStep,
  }),
  /** Enter one of the single-use recovery codes the user saved when setting up two-step verification. */
  z.object({ step: z.literal('recovery_code'), ...factorStep }),
]);
export type StepState = z.infer<typeof StepState>;

/** FiPA §5.2.1: the flow is complete; exchange the code at the token endpoint (no `redirect_uri`, FiPA §6). */
export const ChallengeSuccessResponse = z.object({
  authorization_code: token(1024),
  auth_session: z.optional(token(512)),
});
export type ChallengeSuccessResponse = z.infer<typeof ChallengeSuccessResponse>;

/** A field the backend rejected, and why (an {@link ErrorCode}). */
export const FieldError = z.object({ field: text(64), code: text(64) });

/**
 * Error codes a backend may answer with (`error`). The first three are FiPA §5.2.2.1, the next are
 * RFC 6749 §5.2, the rest are the profile's own. Unknown codes still parse: they are shown as a generic failure.
 */
export const ERROR_CODES = [
  'insufficient_authorization',
  'redirect_to_web',
  'invalid_session',
  'invalid_request',
  'invalid_client',
  'unauthorized_client',
  'access_denied',
  'server_error',
  'temporarily_unavailable',
  /** Wrong identifier or password; deliberately does not say which (OWASP ASVS 5 6.3.8). */
  'invalid_credentials',
  /** The one-time code is wrong. */
  'invalid_code',
  /** The one-time code has expired; a new one must be sent. */
  'expired_code',
  /** Too many wrong codes or passwords; wait `Retry-After` or use another method. */
  'too_many_attempts',
  /** The account reached the failure cap (NIST SP 800-63B-4 §3.2.2) and is locked for `Retry-After`. */
  'account_locked',
  /** Too many requests (HTTP 429 with `Retry-After`). */
  'rate_limited',
  /** The new password is too short or too common (see `field_errors`). */
  'weak_password',
  /** The backend does not create accounts from the widget. */
  'sign_up_disabled',
  /** The passkey is not known to the backend (deleted, or never registered here). */
  'unknown_credential',
  /** The passkey assertion failed verification. */
  'passkey_failed',
  /** The call needs a signed-in user (session or passkey registration endpoints). */
  'login_required',
  /** No such route or resource. */
  'not_found',
  /** RFC 9470 §3: the resource needs stronger or more recent authentication (`acr_values`, `max_age`). */
  'insufficient_user_authentication',
  /** OpenID "Unmet Authentication Requirements": the backend cannot reach the requested `acr` for this user. Terminal. */
  'unmet_authentication_requirements',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** FiPA §5.2.2 error response, with the profile's `ciam` member. */
export const ChallengeErrorResponse = z.object({
  error: token(64),
  error_description: z.optional(text(1024)),
  error_uri: z.optional(text(2048)),
  auth_session: z.optional(token(512)),
  request_uri: z.optional(text(2048)),
  expires_in: z.optional(seconds()),
  /** The next step, for `insufficient_authorization`. */
  ciam: z.optional(StepState),
  /** Which fields were wrong. */
  field_errors: z.optional(z.array(FieldError).check(z.maxLength(16))),
  /** Wrong tries left before the step locks. */
  attempts_remaining: z.optional(integer(0, 100)),
});
export type ChallengeErrorResponse = z.infer<typeof ChallengeErrorResponse>;
