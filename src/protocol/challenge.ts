import * as z from 'zod/mini';
import { integer, seconds, text, token } from './limits.js';
import { AccountPolicy, ConsentReceipt, ProfileField } from './policies.js';
import { LastSignIn } from './trust.js';
import { PublicKeyCredentialRequestOptionsJSON } from './webauthn.js';

// The in-widget sign-in protocol: the OAuth 2.0 First-Party Apps envelope
// (draft-ietf-oauth-first-party-apps, "FiPA") plus the profile's JSON step messages (FiPA §5.3 leaves
// intermediate requests to the authorization server). See docs/protocol.md.

/**
 * The credential kinds a user can pick after the identifier step. `email_link` stands in for `email_otp`
 * where the backend prefers emailed links (profile §20).
 */
const METHODS = ['passkey', 'password', 'email_otp', 'email_link'] as const;
export const Method = z.enum(METHODS);
export type Method = z.infer<typeof Method>;

/**
 * An open list (profile §2.3a): a backend may name members this version does not know. They parse, and
 * are left out, so the widget offers what it knows; a step left with nothing to offer goes to the web.
 */
function openList<T extends string>(known: readonly T[], max: number) {
  const names: readonly string[] = known;
  return z.pipe(
    z.array(token(64)).check(z.maxLength(max)),
    z.transform((values: string[]) => values.filter((value): value is T => names.includes(value))),
  );
}

/**
 * Factors that confirm it is the user, beyond the first: for a second factor after a risky sign-in and for
 * step-up (RFC 9470). Listed strongest first, the order a backend offers them in (ASVS 5 6.6.1).
 */
const FACTORS = ['passkey', 'totp', 'sms_otp', 'email_otp', 'recovery_code'] as const;
export const Factor = z.enum(FACTORS);
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
  alternatives: z.optional(openList(FACTORS, 8)),
};

/** The steps this version knows. */
const KnownStepState = z.discriminatedUnion('step', [
  /** Ask who is signing in. Carries passkey request options so the identifier field can offer passkey autofill. */
  z.object({
    step: z.literal('identifier'),
    webauthn: z.optional(z.object({ request_options: PublicKeyCredentialRequestOptionsJSON })),
  }),
  /** Let the user pick a method. The list is the same for every identifier (no account enumeration). */
  z.object({
    step: z.literal('select_method'),
    login_hint: text(320),
    methods: openList(METHODS, 8),
    sign_up: z.boolean(),
    password_min_length: z.optional(integer(1, 256)),
    /**
     * The method this browser last signed in to this account with (profile §19.1): set only from what the
     * browser itself proved, so without it a known and an unknown address answer alike. Open, like `methods`.
     */
    preferred_method: z.optional(token(64)),
    /** What a new account accepts and may opt in to, shown with "Create account" (profile §24.1). */
    policies: z.optional(z.array(AccountPolicy).check(z.maxLength(8))),
  }),
  /**
   * A code was emailed. `purpose` says whether it will sign in, finish creating an account, or prove the
   * mailbox for a password reset (profile §19).
   */
  z.object({
    step: z.literal('email_otp'),
    purpose: z.enum(['sign_in', 'sign_up', 'password_reset']),
    destination_hint: text(320),
    code_length: integer(4, 12),
    expires_in: seconds(),
    resend_after: seconds(),
    attempts_remaining: z.optional(integer(0, 100)),
    ...factorStep,
  }),
  /**
   * A sign-in link was emailed (profile §20): poll every `interval` seconds until it was opened here; opened on
   * another device, `confirmation` asks for the code that device shows.
   */
  z.object({
    step: z.literal('email_link'),
    purpose: z.enum(['sign_in', 'sign_up', 'password_reset']),
    destination_hint: text(320),
    expires_in: seconds(),
    resend_after: seconds(),
    interval: integer(1, 60),
    confirmation: z.optional(z.object({ code_length: integer(4, 12), attempts_remaining: z.optional(integer(0, 100)) })),
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
  /** A password reset proved the mailbox (and any second factor): choose the new password (profile §19). */
  z.object({ step: z.literal('new_password'), password_min_length: integer(1, 256) }),
  /**
   * Getting back in without the factor asked for (profile §22): `waiting` until `available_at` (epoch seconds;
   * the account's mailbox was told, with a way to cancel), then, signing in again from the same browser, `ready`.
   */
  z.object({
    step: z.literal('account_recovery'),
    status: z.enum(['waiting', 'ready']),
    available_at: z.optional(integer()),
    destination_hint: z.optional(text(320)),
    ...factorStep,
  }),
  /**
   * A policy the customer accepted changed, or a required one was never accepted (profile §24.2): they decide
   * here, as a step of the sign-in; the sign-in cannot finish without a decision.
   */
  z.object({ step: z.literal('consent_required'), policies: z.array(AccountPolicy).check(z.minLength(1), z.maxLength(8)) }),
  /**
   * Progressive profiling (profile §24.3): after the credentials, one or two more fields, each with its reason.
   * `version` names this ask: once answered or skipped it is not asked again.
   */
  z.object({ step: z.literal('profile'), version: token(64), fields: z.array(ProfileField).check(z.minLength(1), z.maxLength(2)) }),
]);

const KNOWN_STEPS: readonly string[] = ['identifier', 'select_method', 'email_otp', 'webauthn', 'totp', 'sms_otp', 'recovery_code', 'new_password', 'account_recovery', 'email_link', 'consent_required', 'profile'];

/**
 * A step a backend added that this version does not know (profile §2.3a). It parses, as
 * `{ step: 'unknown', name }`, and the client continues on the backend's web page (FiPA `redirect_to_web`).
 */
const UnknownStepState = z.pipe(
  z.object({ step: token(64).check(z.refine((name) => !KNOWN_STEPS.includes(name), 'a known step must match its schema')) }),
  z.transform(({ step }) => ({ step: 'unknown' as const, name: step })),
);

/**
 * What the backend needs next, carried in the `ciam` member of an `insufficient_authorization` response.
 * Open: a step this version does not know parses as `unknown`; a known step that does not match its schema fails.
 */
export const StepState = z.union([KnownStepState, UnknownStepState]);
export type StepState = z.infer<typeof StepState>;

/** FiPA §5.2.1: the flow is complete; exchange the code at the token endpoint (no `redirect_uri`, FiPA §6). */
export const ChallengeSuccessResponse = z.object({
  authorization_code: token(1024),
  auth_session: z.optional(token(512)),
  /** The consents given during this transaction (sign-up, re-consent), as recorded (profile §24.4). */
  receipts: z.optional(z.array(ConsentReceipt).check(z.maxLength(16))),
  /** The customer's previous sign-in, shown once after this one (profile §26.3). */
  last_sign_in: z.optional(LastSignIn),
  /** This sign-in came from a browser the account had not used before (profile §26.4). */
  new_device: z.optional(z.boolean()),
});
export type ChallengeSuccessResponse = z.infer<typeof ChallengeSuccessResponse>;

/**
 * A pending `email_link` poll (profile §20): `200` with the step as it stands, not FiPA's `400`, so a page
 * polling every few seconds logs no HTTP error each time. Anything else a poll answers is an ordinary FiPA answer.
 */
export const PendingPollResponse = z.object({ auth_session: token(512), ciam: StepState });
export type PendingPollResponse = z.infer<typeof PendingPollResponse>;

/**
 * The answer of `ciam_passkey_options_endpoint` (docs/protocol.md §2.1a): a new transaction at the identifier
 * step with discoverable passkey options, with `200` rather than FiPA's `400`: nothing is wrong at page load.
 * The transaction continues with intermediate requests (FiPA §5.3) at the authorization challenge endpoint.
 */
export const PasskeyOptionsResponse = z.object({
  auth_session: token(512),
  expires_in: z.optional(seconds()),
  ciam: StepState,
});
export type PasskeyOptionsResponse = z.infer<typeof PasskeyOptionsResponse>;

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
  /** The emailed link expired, or a newer link replaced it; send a new one (profile §20). */
  'expired_link',
  /** Too many wrong codes or passwords; wait `Retry-After` or use another method. */
  'too_many_attempts',
  /** The account reached the failure cap (NIST SP 800-63B-4 §3.2.2) and is locked for `Retry-After`. */
  'account_locked',
  /** Too many requests (HTTP 429 with `Retry-After`). */
  'rate_limited',
  /** The new password is too short or found in breached-password lists (`field_errors` code `too_short` or `breached`). */
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
  /** An account recovery cannot finish: its waiting period has not passed, or it was asked from another browser (profile §22). */
  'recovery_not_ready',
  /** The request's `Origin` is not one the client allows (profile §26.2): a misconfigured or copied embed. Terminal. */
  'origin_not_allowed',
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
