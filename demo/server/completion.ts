import type { ChallengeSuccessResponse } from '../../src/protocol/index.js';
import type { AuthSession } from './auth-sessions.js';
import type { BackendContext } from './context.js';
import { HttpError } from './http.js';
import { redirectUriFor } from './provider.js';
import type { SignInMethod } from './session.js';

/**
 * Finishes a successful flow: an authorization code minted with oidc-provider's own models, so `/token`
 * redeems it exactly like a redirect-flow code (PKCE, single use, 60 s), plus the first-party session.
 * The code is bound to the single registered redirect URI, which the client may therefore omit (FiPA §6).
 */
export async function completeSignIn(
  session: AuthSession,
  result: { accountId: string; method: SignInMethod; amr: string[] },
  ctx: BackendContext,
): Promise<{ body: ChallengeSuccessResponse; cookie: string }> {
  const { provider } = ctx;
  const client = await provider.Client.find(session.request.clientId);
  if (!client) throw new HttpError(400, 'invalid_client', 'unknown client');

  const grant = new provider.Grant({ accountId: result.accountId, clientId: client.clientId });
  grant.addOIDCScope(session.request.scope);
  const grantId = await grant.save();

  const { session: webSession, cookie } = ctx.webSessions.start(result);
  const code = new provider.AuthorizationCode({
    accountId: result.accountId,
    client,
    grantId,
    scope: session.request.scope,
    codeChallenge: session.request.codeChallenge,
    codeChallengeMethod: 'S256',
    redirectUri: redirectUriFor(ctx.issuer),
    ...(session.request.nonce ? { nonce: session.request.nonce } : {}),
    amr: result.amr,
    authTime: webSession.authTime,
    // amr and auth_time are not scope claims; asking for them puts them in the ID token (OIDC Core §5.5).
    claims: { id_token: { amr: null, auth_time: null } },
  });
  const authorization_code = await code.save();
  ctx.authSessions.delete(session.id);
  return { body: { authorization_code }, cookie };
}
