import * as z from 'zod/mini';
import { Factor } from './challenge.js';
import { PolicyDecision } from './policies.js';
import { text, token } from './limits.js';
import { AuthenticationResponseJSON } from './webauthn.js';

// What a widget sends to the authorization challenge endpoint. Backends parse these; the browser bundle
// never needs them, which is why they live apart from the responses.

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
  /**
   * RFC 6749 §4.1.1, kept only for a `redirect_to_web` (profile §2.7a): the `request_uri` then stands for this
   * request, so the authorization response must carry the client's `state` to its `redirect_uri`.
   */
  state: z.optional(token(512)),
  redirect_uri: z.optional(text(2048)),
  /**
   * Step-up (RFC 9470 §4): the authentication context classes that would satisfy the resource, in order
   * of preference, as its challenge listed them. With the session cookie, the backend asks the signed-in
   * user for a factor instead of a full sign-in.
   */
  acr_values: z.optional(text(512)),
  /** Step-up: the longest time in seconds since the user last actively authenticated (OIDC Core §3.1.2.1). */
  max_age: z.optional(z.string().check(z.regex(/^\d{1,9}$/, 'must be a number of seconds'))),
});
export type InitialChallengeRequest = z.infer<typeof InitialChallengeRequest>;

/** One intermediate step the widget sends (JSON, FiPA §5.3), discriminated by `type`. */
export const StepRequest = z.discriminatedUnion('type', [
  /** Identifier-first: who is signing in. The answer looks the same whether or not the account exists. */
  z.object({ type: z.literal('identifier'), login_hint: Email }),
  /** Sign in with the identifier's password. */
  z.object({ type: z.literal('password'), password: token(1024) }),
  /** Create an account for the identifier, with a password or passwordless; proven by an emailed code. */
  z.object({
    type: z.literal('sign_up'),
    password: z.optional(token(1024)),
    /** A decision on each of `select_method.policies` (profile §24.1): every `accept` one granted, opt-ins either way. */
    consents: z.optional(z.array(PolicyDecision).check(z.maxLength(8))),
  }),
  /** Decide on the policies of a `consent_required` step (profile §24.2). */
  z.object({ type: z.literal('consent'), consents: z.array(PolicyDecision).check(z.minLength(1), z.maxLength(8)) }),
  z.discriminatedUnion('action', [
    /** Answer a `profile` step (profile §24.3): its fields, by name. */
    z.object({ type: z.literal('profile'), action: z.literal('submit'), values: z.record(token(64), text(256)) }),
    /** Skip a `profile` step whose fields are all optional. */
    z.object({ type: z.literal('profile'), action: z.literal('skip') }),
  ]),
  z.discriminatedUnion('action', [
    /** Send (or re-send, invalidating the old one) an email code to the identifier. */
    z.object({ type: z.literal('email_otp'), action: z.literal('send') }),
    /** Check an email code. */
    z.object({ type: z.literal('email_otp'), action: z.literal('verify'), code: token(64) }),
  ]),
  z.discriminatedUnion('action', [
    /** Email a sign-in link (or a new one, invalidating every older one for the address); profile §20. */
    z.object({ type: z.literal('email_link'), action: z.literal('send') }),
    /** Ask whether the link was opened (RFC 8628-style polling, at most every `interval` seconds). */
    z.object({ type: z.literal('email_link'), action: z.literal('poll') }),
    /** The link was opened on another device: type the code that device shows. */
    z.object({ type: z.literal('email_link'), action: z.literal('confirm'), code: token(64) }),
  ]),
  z.discriminatedUnion('action', [
    /** Ask for passkey request options (discoverable: no `allowCredentials`, nothing to enumerate). */
    z.object({ type: z.literal('webauthn'), action: z.literal('options') }),
    /** Send the assertion from `navigator.credentials.get()`. */
    z.object({ type: z.literal('webauthn'), action: z.literal('verify'), response: AuthenticationResponseJSON }),
  ]),
  /** Switch to another factor from the step's `alternatives`; the answer is that factor's step (a code is sent). */
  z.object({ type: z.literal('select_factor'), factor: Factor }),
  /** Check an authenticator app code. */
  z.object({ type: z.literal('totp'), code: token(16) }),
  z.discriminatedUnion('action', [
    /** Send (or re-send, invalidating the old one) a text message code to the user's verified phone. */
    z.object({ type: z.literal('sms_otp'), action: z.literal('send') }),
    /** Check a text message code. */
    z.object({ type: z.literal('sms_otp'), action: z.literal('verify'), code: token(16) }),
  ]),
  /** Use one recovery code (single use). */
  z.object({ type: z.literal('recovery_code'), code: token(64) }),
  /** Forgot the password: prove the identifier's mailbox (an email code, or a link), then choose a new one (profile §19). */
  z.object({ type: z.literal('password_reset') }),
  /** The new password, once a reset proved the mailbox (and any second factor). */
  z.object({ type: z.literal('new_password'), password: token(1024) }),
  /**
   * Profile §22: `start` getting back in without the factor asked for (a lost passkey); `finish` it once the
   * backend answered `account_recovery` with `status: "ready"`.
   */
  z.object({ type: z.literal('account_recovery'), action: z.enum(['start', 'finish']) }),
]);
export type StepRequest = z.infer<typeof StepRequest>;

/** The body of every intermediate request. */
export const StepRequestBody = z.object({ auth_session: token(512), step: StepRequest });
export type StepRequestBody = z.infer<typeof StepRequestBody>;

