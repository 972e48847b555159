import type { IncomingMessage } from 'node:http';
import type Provider from 'oidc-provider';
import { mediaType, readBody } from './http.js';

/**
 * FiPA §6 lets a client redeem the challenge endpoint's authorization code without `redirect_uri`, and
 * oidc-provider fills it in only for a client with one registered redirect URI. With app origins the demo
 * client has several, so a token request for a code the challenge endpoint minted gets that code's own
 * redirect URI. Such a code has no provider session (`sessionUid`), which every redirect-flow code has, so a
 * redirect-flow code still needs the `redirect_uri` it was issued for (RFC 6749 §4.1.3). The rewritten form is
 * handed on as `req.body`, which oidc-provider's body parser reads when the stream has been consumed.
 */
export async function fillChallengeRedirectUri(req: IncomingMessage, provider: Provider): Promise<void> {
  if (req.method !== 'POST' || mediaType(req) !== 'application/x-www-form-urlencoded') return;
  const form = new URLSearchParams(await readBody(req));
  const code = form.get('code');
  if (form.get('grant_type') === 'authorization_code' && code && !form.has('redirect_uri')) {
    const found = await provider.AuthorizationCode.find(code);
    if (found?.redirectUri && !found.sessionUid) form.set('redirect_uri', found.redirectUri);
  }
  (req as IncomingMessage & { body?: string }).body = form.toString();
}
