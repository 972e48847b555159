import { createAuthEndpoint } from 'better-auth/api';
import type { AuthContext } from 'better-auth';
import { jsonAnswer } from './http/answers.js';
import type { ResolvedOptions } from './options.js';
import { CHALLENGE_PATH } from './challenge/endpoint.js';
import { PASSKEY_OPTIONS_PATH } from './passkey-options-endpoint.js';
import { SESSION_PATH } from './session-endpoint.js';
import { BRANDING_PATH } from './branding-endpoint.js';
import { oauthMetadata } from './redirect/index.js';

// Discovery (profile §1): the issuer's metadata with the profile's keys, advertising only what this better-auth
// configuration really does. No `acr_values_supported`: better-auth has no authentication levels, so the widget
// offers no step-up levels (§12). `authorization_endpoint`, `token_endpoint` and `ciam_connections` only with
// @better-auth/oauth-provider: without it there is no redirect sign-in and no code is redeemed, so the widget
// completes by session (§3), which profile 2026-12 allows (§10, "Changes in 2026-12").

/** The route under better-auth's base path; the app serves it at `{issuer}/.well-known/openid-configuration`. */
export const DISCOVERY_PATH = '/latchkey/openid-configuration';

/** The profile version this adapter speaks: 2026-12 is the first that lets a backend name no OAuth endpoints. */
const PROFILE_VERSION = '2026-12';

/** The metadata for this configuration. */
export function metadata(options: ResolvedOptions, endpointPaths: readonly string[]): Record<string, unknown> {
  const { base, has } = options;
  const steps = [
    'identifier',
    ...(has.password ? ['password'] : []),
    ...(has.emailOtp ? ['email_otp', 'sign_up'] : []),
    ...(has.passkey ? ['webauthn'] : []),
    ...(has.twoFactor ? ['select_factor', 'totp', 'recovery_code'] : []),
  ];
  const account = (key: string, path: string) => (endpointPaths.includes(path) ? { [key]: base + path } : {});
  return {
    issuer: options.issuer,
    code_challenge_methods_supported: ['S256'],
    authorization_challenge_endpoint: base + CHALLENGE_PATH,
    ...(has.passkey ? { ciam_passkey_options_endpoint: base + PASSKEY_OPTIONS_PATH } : {}),
    ciam_profile_versions_supported: [PROFILE_VERSION],
    ciam_step_types_supported: steps,
    ciam_session_endpoint: base + SESSION_PATH,
    ...(options.branding ? { ciam_branding_endpoint: base + BRANDING_PATH } : {}),
    ...account('ciam_passkey_registration_endpoint', '/latchkey/passkeys/register'),
    ...account('ciam_passkeys_endpoint', '/latchkey/passkeys'),
    ...account('ciam_factors_endpoint', '/latchkey/factors'),
    ciam_password_min_length: options.passwordMinLength,
    ciam_sign_up_enabled: options.signUp && has.emailOtp,
    ciam_email_code_ttl: options.emailCodeTtl,
    ...oauthMetadata(options),
    ...options.extraMetadata(base),
  };
}

/** The discovery endpoint record; `endpointPaths` are all the plugin's routes, to see which account ones exist. */
export function discoveryEndpoints(getOptions: (auth: AuthContext) => ResolvedOptions, endpointPaths: () => readonly string[]) {
  return {
    latchkeyDiscovery: createAuthEndpoint(DISCOVERY_PATH, { method: 'GET' }, async (ctx) =>
      jsonAnswer(200, metadata(getOptions(ctx.context), endpointPaths()), { 'Access-Control-Allow-Origin': '*' }),
    ),
  };
}
