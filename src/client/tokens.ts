import * as oauth from 'oauth4webapi';
import { IdTokenClaims } from '../protocol/index.js';
import type { OAuthMetadata } from './discovery.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { parseWith, withTimeout, type RequestContext } from './transport.js';

/** Tokens from the token endpoint, kept in memory only (never in web storage or IndexedDB). */
export interface TokenSet {
  accessToken: string;
  idToken: string;
  /** Milliseconds since the epoch. */
  expiresAt?: number;
  claims: IdTokenClaims;
}

/**
 * Exchanges an authorization code at the token endpoint as a public client with PKCE: a FiPA code
 * without `redirect_uri` (FiPA §6), or a redirect callback's code with it (RFC 6749 §4.1.3). Then validates the ID token's `iss`, `aud`, `exp`, `iat` and `nonce` (OIDC Core
 * §3.1.3.7) with oauth4webapi. The signature check is skipped as OIDC Core §3.1.3.7 item 6 allows for an
 * ID token received directly from the token endpoint.
 */
export async function exchangeAuthorizationCode(options: {
  metadata: OAuthMetadata;
  clientId: string;
  /** A FiPA `authorization_code`, or the checked parameters of a redirect callback. */
  grant: { code: string } | { callbackParameters: URLSearchParams; redirectUri: string };
  codeVerifier: string;
  nonce: string;
  context: RequestContext;
  /** Development backends on http://localhost only. */
  allowHttp: boolean;
}): Promise<TokenSet> {
  const { metadata, clientId, grant, codeVerifier, nonce, context } = options;
  const as: oauth.AuthorizationServer = { ...metadata };
  // OIDC Core §3.1.3.7 item 7: the ID token's alg is the client's registered one; a client of this
  // profile registers the backend's first advertised algorithm (RS256 when none is advertised).
  const client: oauth.Client = {
    client_id: clientId,
    id_token_signed_response_alg: metadata.id_token_signing_alg_values_supported?.[0],
  };
  const requestOptions = {
    [oauth.customFetch]: context.fetch,
    [oauth.allowInsecureRequests]: options.allowHttp,
    signal: withTimeout(context),
  };
  try {
    const response =
      'code' in grant
        ? await oauth.genericTokenEndpointRequest(
            as,
            client,
            oauth.None(),
            'authorization_code',
            { code: grant.code, code_verifier: codeVerifier },
            requestOptions,
          )
        : await oauth.authorizationCodeGrantRequest(
            as,
            client,
            oauth.None(),
            grant.callbackParameters,
            grant.redirectUri,
            codeVerifier,
            requestOptions,
          );
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: nonce,
      requireIdToken: true,
    });
    const claims = parseWith(IdTokenClaims, oauth.getValidatedIdTokenClaims(result));
    return {
      accessToken: result.access_token,
      idToken: result.id_token ?? '',
      expiresAt: result.expires_in === undefined ? undefined : Date.now() + result.expires_in * 1000,
      claims,
    };
  } catch (cause) {
    throw tokenError(cause, context.signal);
  }
}

function tokenError(cause: unknown, caller: AbortSignal | undefined): LatchError {
  if (cause instanceof LatchError) return cause;
  if (caller?.aborted) return new LatchError(LatchErrorCode.ABORTED, 'Request aborted', { cause });
  if (cause instanceof oauth.ResponseBodyError) {
    return new LatchError(LatchErrorCode.SERVER_ERROR, cause.error_description ?? cause.error, {
      cause,
      backendError: cause.error,
    });
  }
  if (cause instanceof DOMException && cause.name === 'TimeoutError') {
    return new LatchError(LatchErrorCode.TIMEOUT, 'The token endpoint did not answer in time', { cause });
  }
  // fetch rejects with a plain TypeError; oauth4webapi's own argument errors carry a `code`.
  if (cause instanceof TypeError && !('code' in cause)) {
    return new LatchError(LatchErrorCode.NETWORK, 'Token request failed', { cause });
  }
  return new LatchError(LatchErrorCode.INVALID_RESPONSE, 'The token response failed validation', { cause });
}
