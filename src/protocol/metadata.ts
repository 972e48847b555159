import * as z from 'zod/mini';
import { httpUrl, integer, seconds, text, token } from './limits.js';

/** The method kinds a backend may offer inside the widget (`ciam_step_types_supported`). */
export const StepType = z.enum([
  'identifier',
  'password',
  'email_otp',
  'email_link',
  'webauthn',
  'sign_up',
  'select_factor',
  'totp',
  'sms_otp',
  'recovery_code',
  'password_reset',
  'new_password',
  'consent',
  'profile',
]);
export type StepType = z.infer<typeof StepType>;

/**
 * A sign-in connection the backend brokers: a social provider, or a business's own identity provider
 * (enterprise SSO, found by the user's email domain). Signing in through one is a standard OIDC code flow
 * at the backend's own `authorization_endpoint`, with `authorization_params` added to pick the upstream.
 */
export const Connection = z.object({
  id: token(64),
  kind: z.enum(['social', 'enterprise']),
  /** What the button says after "Continue with", e.g. `Google` or `BigCorp SSO`. */
  name: token(128),
  /** Brand for the button's logo and colours (`google`, `apple`, `microsoft`, `github`, `facebook`); anything else is a generic OIDC button. */
  brand: z.optional(text(32)),
  /** Extra authorization request parameters that select this connection at the backend (e.g. `connection`, `kc_idp_hint`, `domain_hint`). */
  authorization_params: z.optional(z.record(token(64), text(512))),
  /** Email domains whose users sign in here (home-realm discovery), e.g. `bigcorp.example`. */
  domains: z.optional(z.array(token(253)).check(z.maxLength(64))),
});
export type Connection = z.infer<typeof Connection>;

/**
 * Authorization server metadata (OIDC Discovery 1.0 §3, RFC 8414 §2) with the First-Party Apps endpoint
 * (draft-ietf-oauth-first-party-apps §8) and the profile's `ciam_*` extension keys.
 * Unknown keys are dropped; the standard keys a widget never reads are not listed.
 */
export const AuthorizationServerMetadata = z.object({
  issuer: httpUrl(),
  /**
   * OAuth 2.0 (RFC 6749 §3.1). Optional since profile 2026-12 for a backend that has
   * `authorization_challenge_endpoint` and completes by session (§1): without it there is no redirect sign-in,
   * no connections and no `tokens` completion.
   */
  authorization_endpoint: z.optional(httpUrl()),
  /** OAuth 2.0 (RFC 6749 §3.2). Optional on the same terms as `authorization_endpoint` (profile 2026-12). */
  token_endpoint: z.optional(httpUrl()),
  end_session_endpoint: z.optional(httpUrl()),
  code_challenge_methods_supported: z.optional(z.array(text(32)).check(z.maxLength(16))),
  /** The ID token signing algorithms (OIDC Discovery §3); the client expects the first. */
  id_token_signing_alg_values_supported: z.optional(z.array(text(32)).check(z.maxLength(16))),
  authorization_response_iss_parameter_supported: z.optional(z.boolean()),
  /** draft-ietf-oauth-first-party-apps §8: where in-widget steps are sent. */
  authorization_challenge_endpoint: z.optional(httpUrl()),
  /**
   * The profile's load-time start (docs/protocol.md §2.1a): opens a sign-in transaction at the identifier
   * step with discoverable passkey options, answered `200` so an ordinary page load logs no HTTP error.
   */
  ciam_passkey_options_endpoint: z.optional(httpUrl()),
  /** Profile versions the backend speaks; the widget needs one of {@link PROFILE_VERSIONS_SPOKEN} listed. */
  ciam_profile_versions_supported: z.optional(z.array(text(32)).check(z.maxLength(16))),
  /** Step types the backend accepts; unknown strings are kept so a newer backend still parses. */
  ciam_step_types_supported: z.optional(z.array(text(64)).check(z.maxLength(64))),
  /** Session status of the signed-in user (GET), sign-out (DELETE). */
  ciam_session_endpoint: z.optional(httpUrl()),
  /** Passkey registration for the signed-in user. */
  ciam_passkey_registration_endpoint: z.optional(httpUrl()),
  /** The signed-in user's passkeys: list (GET), rename (`PATCH /{id}`), remove (`DELETE /{id}`). */
  ciam_passkeys_endpoint: z.optional(httpUrl()),
  /** The signed-in user's other factors: authenticator app, phone for text codes, recovery codes. */
  ciam_factors_endpoint: z.optional(httpUrl()),
  /** The signed-in user's email address and its proven change (profile §21.2). */
  ciam_email_endpoint: z.optional(httpUrl()),
  /** The site's consent policy (GET), a visitor's choices (`/records`), and linking them at sign-in (`/link`): profile §23. */
  ciam_consent_endpoint: z.optional(httpUrl()),
  /** The signed-in customer's data (GET), its download (`/export`) and the account's erasure (DELETE): profile §25. */
  ciam_privacy_endpoint: z.optional(httpUrl()),
  /** The client's branding and allowed origins (`?client_id=`; profile §26.1). Public, CORS `*`. */
  ciam_branding_endpoint: z.optional(httpUrl()),
  /** The signed-in account's sessions: list, end one, end the others (profile §27.1). */
  ciam_sessions_endpoint: z.optional(httpUrl()),
  /** The signed-in account's sign-in activity, last 30 days (profile §27.2). */
  ciam_activity_endpoint: z.optional(httpUrl()),
  /** The widget's options and experiments (`?client_id=`; profile §28.1). Public, CORS for the client's allowed origins, ETag-cacheable. */
  ciam_widget_config_endpoint: z.optional(httpUrl()),
  /** Where the widget may post its analytics events (profile §29.5); optional, the other sinks need no backend. */
  ciam_events_endpoint: z.optional(httpUrl()),
  /** Authentication context classes the backend can reach, weakest first (OIDC Discovery §3). */
  acr_values_supported: z.optional(z.array(text(256)).check(z.maxLength(16))),
  /** Minimum length of a new password, in Unicode code points (NIST SP 800-63B-4 §3.1.1.2). */
  ciam_password_min_length: z.optional(integer(1, 256)),
  /** Whether new accounts can be created from the widget. */
  ciam_sign_up_enabled: z.optional(z.boolean()),
  /** How long a one-time code stays valid, for display. */
  ciam_email_code_ttl: z.optional(seconds()),
  /** Social and enterprise connections, in the order to show them. */
  ciam_connections: z.optional(z.array(Connection).check(z.maxLength(32))),
  /** Prompt values the backend accepts (Prompt Create §4.2: `create` starts a sign-up). */
  prompt_values_supported: z.optional(z.array(text(32)).check(z.maxLength(16))),
});
export type AuthorizationServerMetadata = z.infer<typeof AuthorizationServerMetadata>;
