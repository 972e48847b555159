import type { AuthContext } from 'better-auth';
import type { LatchkeyConnection, ResolvedOptions } from '../options.js';
import { loginPageEndpoints } from './login-page.js';
import { upstreamErrorEndpoints, type PendingReturns } from './upstream-errors.js';

// Redirect sign-in (profile §11) on @better-auth/oauth-provider: oauth-provider is the authorization and token
// endpoint, better-auth's social providers (built-in or genericOAuth) are the upstreams, and this folder joins them:
// the login page that starts a connection, the return of upstream failures, the session from a token, and the
// `fed` mark on sessions a social callback starts.

export { connectionRequestHooks } from './connection-requests.js';
export { markFederatedSession } from './federated-sessions.js';
export { LOGIN_PAGE_PATH } from './login-page.js';
export { PendingReturns } from './upstream-errors.js';
export { UsedTokens } from './session-from-token.js';

/** The endpoints of redirect sign-in. */
export function redirectEndpoints(getOptions: (auth: AuthContext) => ResolvedOptions, returns: PendingReturns) {
  return { ...loginPageEndpoints(getOptions, returns), ...upstreamErrorEndpoints(returns) };
}

/** Discovery's `ciam_connections` (§11.1): each selected by the `connection` authorization parameter. */
export function connectionsMetadata(connections: readonly LatchkeyConnection[]): Record<string, unknown>[] {
  return connections.map((connection) => ({
    id: connection.id,
    kind: connection.kind,
    name: connection.name,
    brand: connection.brand ?? 'oidc',
    authorization_params: { connection: connection.id },
    ...(connection.domains?.length ? { domains: [...connection.domains] } : {}),
  }));
}

/** The OAuth keys of discovery (§1), named only when oauth-provider serves them; the provider's own routes. */
export function oauthMetadata(options: ResolvedOptions): Record<string, unknown> {
  if (!options.has.oauthProvider) return {};
  const { base } = options;
  return {
    authorization_endpoint: `${base}/oauth2/authorize`,
    token_endpoint: `${base}/oauth2/token`,
    jwks_uri: `${base}/jwks`,
    // Clients check the ID token's alg against the first one named (OIDC Core §3.1.3.7; RS256 when none is).
    id_token_signing_alg_values_supported: [options.idTokenAlg],
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    // oauth-provider adds `iss` to every answer at the redirect URI, and the adapter to its own (RFC 9207).
    authorization_response_iss_parameter_supported: true,
    ...(options.connections.length ? { ciam_connections: connectionsMetadata(options.connections) } : {}),
  };
}
