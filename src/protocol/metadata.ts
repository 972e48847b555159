import * as z from 'zod/mini';
import { httpUrl, integer, seconds, text } from './limits.js';

/** The method kinds a backend may offer inside the widget (`ciam_step_types_supported`). */
export const StepType = z.enum(['identifier', 'password', 'email_otp', 'webauthn', 'sign_up']);
export type StepType = z.infer<typeof StepType>;

/**
 * Authorization server metadata (OIDC Discovery 1.0 §3, RFC 8414 §2) with the First-Party Apps endpoint
 * (draft-ietf-oauth-first-party-apps §8) and the profile's `ciam_*` extension keys.
 * Unknown keys are dropped; the standard keys a widget never reads are not listed.
 */
export const AuthorizationServerMetadata = z.object({
  issuer: httpUrl(),
  authorization_endpoint: httpUrl(),
  token_endpoint: httpUrl(),
  end_session_endpoint: z.optional(httpUrl()),
  code_challenge_methods_supported: z.optional(z.array(text(32)).check(z.maxLength(16))),
  authorization_response_iss_parameter_supported: z.optional(z.boolean()),
  /** draft-ietf-oauth-first-party-apps §8: where in-widget steps are sent. */
  authorization_challenge_endpoint: z.optional(httpUrl()),
  /** Profile versions the backend speaks; the widget needs its own {@link PROFILE_VERSION} listed. */
  ciam_profile_versions_supported: z.optional(z.array(text(32)).check(z.maxLength(16))),
  /** Step types the backend accepts; unknown strings are kept so a newer backend still parses. */
  ciam_step_types_supported: z.optional(z.array(text(64)).check(z.maxLength(64))),
  /** Session status of the signed-in user (GET), sign-out (DELETE). */
  ciam_session_endpoint: z.optional(httpUrl()),
  /** Passkey registration for the signed-in user. */
  ciam_passkey_registration_endpoint: z.optional(httpUrl()),
  /** Minimum length of a new password, in Unicode code points (NIST SP 800-63B-4 §3.1.1.2). */
  ciam_password_min_length: z.optional(integer(1, 256)),
  /** Whether new accounts can be created from the widget. */
  ciam_sign_up_enabled: z.optional(z.boolean()),
  /** How long a one-time code stays valid, for display. */
  ciam_email_code_ttl: z.optional(seconds()),
});
export type AuthorizationServerMetadata = z.infer<typeof AuthorizationServerMetadata>;
