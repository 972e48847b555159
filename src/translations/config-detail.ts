import type { ConfigProblem, LatchErrorCode } from '../client/errors.js';

/**
 * What a `LATCH_CONFIG_*` error tells the site's developer, after the customer's calm, translated sentence:
 * technical values (issuers, origins, client ids) in English, like the console line that names the same
 * problem — it is for the person who can fix the set-up, not for the customer.
 */
const DETAILS: Partial<Record<LatchErrorCode, (problem: ConfigProblem) => string>> = {
  LATCH_CONFIG_ISSUER_MISMATCH: ({ issuer, discoveredIssuer }) =>
    `the sign-in service says its issuer is ${discoveredIssuer ?? '?'}, but this page is set up for ${issuer}`,
  LATCH_CONFIG_DISCOVERY_UNREACHABLE: ({ issuer }) => `no sign-in service answers at ${issuer}`,
  LATCH_CONFIG_CORS_REFUSED: ({ issuer, origin }) => `the sign-in service at ${issuer} does not allow requests from ${origin ?? '?'}`,
  LATCH_CONFIG_INVALID_CLIENT: ({ clientId }) => `the sign-in service does not know the client id "${clientId ?? ''}"`,
  LATCH_CONFIG_PROFILE_VERSION: ({ issuer, version }) => `the sign-in service at ${issuer} does not support Latchkey profile ${version ?? '?'}`,
  LATCH_CONFIG_NO_OAUTH_ENDPOINTS: ({ issuer }) =>
    `the sign-in service at ${issuer} completes sign-ins by session only (no authorization or token endpoint), so this page's redirect sign-in or completion: 'tokens' cannot work`,
};

/** The developer's part of a configuration error's message (empty for any other error). */
export function configDetail(code: LatchErrorCode, problem: ConfigProblem | undefined): string {
  const detail = problem && DETAILS[code]?.(problem);
  return detail ? ` For the site's developer: ${detail} (${code}).` : '';
}
