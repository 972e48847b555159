import * as z from 'zod/mini';
import { integer, seconds, text, token } from './limits.js';
import { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from './webauthn.js';

// The in-widget sign-in protocol: the OAuth 2.0 First-Party Apps envelope
// (draft-ietf-oauth-first-party-apps, "FiPA") plus the profile's JSON step messages (FiPA §5.3 leaves
// intermediate requests to the authorization server). See docs/protocol.md.

/** An email address as typed: bounded, one `@`, no whitespace. The backend decides whether it exists. */
export const Email = token(320).check(z.regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address'));

/**
 * FiPA §5.1: the initial authorization challenge request, sent form-encoded. PKCE is always sent
 * (FiPA §5.2.2.1.1: `redirect_to_web` with `request_uri` needs it) and binds the code to this client.
 */
export const InitialChallengeRequest = z.object({
  client_id: token(256),
  response_type: z.literal('code'),
  scope: z.optional(text(1024)),
  code_challenge: token(128),
  code_challenge_method: z.literal('S256'),
  /** OIDC Core §3.1.2.1: replayed in the ID token, checked by the client. */
  nonce: z.optional(token(256)),
  login_hint: z.optional(Email),
  ui_locales: z.optional(text(256)),
});
export type InitialChallengeRequest = z.infer<typeof InitialChallengeRequest>;

/** The credential kinds a user can pick after the identifier step. */
export const Method = z.enum(['passkey', 'password', 'email_otp']);
export type Method = z.infer<typeof Method>;

/** One intermediate step the widget sends (JSON, FiPA §5.3), discriminated by `type`. */
export const StepRequest = z.discriminatedUnion('type', [
  /** Identifier-first: who is signing in. The answer looks the same whether or not the account exists. */
  z.object({ type: z.literal('identifier'), login_hint: Email }),
  /** Sign in with the identifier's password. */
  z.object({ type: z.literal('password'), password: token(1024) }),
  /** Create an account for the identifier, with a password or passwordless; proven by an emailed code. */
  z.object({ type: z.literal('sign_up'), password: z.optional(token(1024)) }),
  z.discriminatedUnion('action', [
    /** Send (or re-send, invalidating the old one) an email code to the identifier. */
    z.object({ type: z.literal('email_otp'), action: z.literal('send') }),
    /** Check an email code. */
    z.object({ type: z.literal('email_otp'), action: z.literal('verify'), code: token(64) }),
  ]),
  z.discriminatedUnion('action', [
    /** Ask for passkey request options (discoverable: no `allowCredentials`, nothing to enumerate). */
    z.object({ type: z.literal('webauthn'), action: z.literal('options') }),
    /** Send the assertion from `navigator.credentials.get()`. */
    z.object({ type: z.literal('webauthn'), action: z.literal('verify'), response: AuthenticationResponseJSON }),
  ]),
]);
export type StepRequest = z.infer<typeof StepRequest>;

/** The body of every intermediate request. */
export const StepRequestBody = z.object({ auth_session: token(512), step: StepRequest });
export type StepRequestBody = z.infer<typeof StepRequestBody>;

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
    login_hint: Email,
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
  }),
  /** Passkey request options for a modal `navigator.credentials.get()`. */
  z.object({ step: z.literal('webauthn'), request_options: PublicKeyCredentialRequestOptionsJSON }),
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
