import * as oauth from 'oauth4webapi';
import type { OAuthMetadata } from './discovery.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { pkceChallenge, randomToken } from './pkce.js';
import { exchangeAuthorizationCode, type TokenSet } from './tokens.js';
import type { RequestContext } from './transport.js';

// The redirect tier (DESIGN.md T1): an OpenID Connect code flow with PKCE at the backend's own
// authorization endpoint, on oauth4webapi. A separate chunk: it loads only when a social, enterprise or
// redirect sign-in starts.

/** One redirect sign-in in progress. Single use: it is deleted before its callback is checked. */
export interface RedirectTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  /** Where to go afterwards, already validated. */
  returnTo?: string;
  /** The connection it went through, if any. */
  connection?: string;
}

/** What the authorization request carries besides the OIDC basics. */
export interface AuthorizationOptions {
  clientId: string;
  redirectUri: string;
  scope: string;
  loginHint?: string;
  /** `create` asks for a sign-up (OpenID Connect Prompt Create §4.1), where the backend supports it. */
  prompt?: string;
  uiLocales?: string;
  /** The connection's parameters that pick the upstream provider (e.g. `connection=google`). */
  extraParams?: Readonly<Record<string, string>>;
  /** Step-up (RFC 9470 §4): the acceptable authentication context classes, space-separated. */
  acrValues?: string;
  /** Step-up: the longest time in seconds since the user last actively authenticated (OIDC Core §3.1.2.1). */
  maxAge?: number;
}

/** A fresh transaction and the URL to send the browser to (OIDC Core §3.1.2.1, RFC 7636 §4.3). */
export async function createAuthorizationRequest(
  metadata: OAuthMetadata,
  options: AuthorizationOptions,
): Promise<{ url: string; transaction: RedirectTransaction }> {
  const transaction: RedirectTransaction = {
    state: randomToken(),
    nonce: randomToken(),
    codeVerifier: randomToken(),
    redirectUri: options.redirectUri,
  };
  const url = new URL(metadata.authorization_endpoint);
  for (const [name, value] of Object.entries(options.extraParams ?? {})) url.searchParams.set(name, value);
  const params: Record<string, string | undefined> = {
    client_id: options.clientId,
    response_type: 'code',
    redirect_uri: options.redirectUri,
    scope: options.scope,
    state: transaction.state,
    nonce: transaction.nonce,
    code_challenge: await pkceChallenge(transaction.codeVerifier),
    code_challenge_method: 'S256',
    login_hint: options.loginHint,
    prompt: options.prompt,
    ui_locales: options.uiLocales,
    acr_values: options.acrValues,
    max_age: options.maxAge === undefined ? undefined : String(Math.max(0, Math.floor(options.maxAge))),
  };
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
  return { url: url.href, transaction };
}

/**
 * Checks a callback and redeems its code. The order is RFC 9207 §2.4 and oauth4webapi's: `iss` first,
 * then `state`, and only then `error`, so a forged or mixed-up response is never shown or acted on.
 */
export async function completeAuthorization(options: {
  metadata: OAuthMetadata;
  clientId: string;
  transaction: RedirectTransaction;
  callback: URL;
  context: RequestContext;
  allowHttp: boolean;
}): Promise<TokenSet> {
  const { metadata, clientId, transaction, callback } = options;
  const as: oauth.AuthorizationServer = { ...metadata };
  const client: oauth.Client = { client_id: clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, callback.searchParams, transaction.state);
  } catch (cause) {
    throw callbackError(cause);
  }
  return exchangeAuthorizationCode({
    metadata,
    clientId,
    grant: { callbackParameters: params, redirectUri: transaction.redirectUri },
    codeVerifier: transaction.codeVerifier,
    nonce: transaction.nonce,
    context: options.context,
    allowHttp: options.allowHttp,
  });
}

function callbackError(cause: unknown): LatchError {
  if (cause instanceof oauth.AuthorizationResponseError) {
    const code =
      cause.error === 'access_denied'
        ? LatchErrorCode.SSO_CANCELLED
        : cause.error === 'temporarily_unavailable' || cause.error === 'server_error'
          ? LatchErrorCode.SSO_UNAVAILABLE
          : // RFC 9470 §5 / OpenID Connect Core §3.1.2.6: the level asked for (acr_values) cannot be reached.
            cause.error === 'unmet_authentication_requirements'
            ? LatchErrorCode.STEP_UP_UNMET
            : LatchErrorCode.SSO_FAILED;
    return new LatchError(code, cause.error_description ?? cause.error, { cause, backendError: cause.error });
  }
  return new LatchError(LatchErrorCode.CALLBACK_INVALID, 'The callback failed its iss or state check', { cause });
}
