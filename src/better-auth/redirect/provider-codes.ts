import type { AuthContext } from 'better-auth';
import type { IssuedCode } from '../authorization-codes.js';
import { oauthProviderAccess, type ProviderCallContext } from './oauth-provider.js';

// FiPA §5.2.1 codes redeemable at oauth-provider's token endpoint (profile §3 `tokens` completion). oauth-provider
// keeps its authorization codes as better-auth verification values: the code's hash (its own `storeTokens`
// method) names a JSON record of the authorization request, the user and the session. The adapter stores the
// challenge endpoint's code the same way, so `/oauth2/token` redeems it unchanged: it consumes the record
// (single use), checks the client, the PKCE verifier against the stored S256 challenge and the scope, and issues
// the tokens with the stored nonce and auth time. No `redirect_uri` is bound, so the token request carries none
// (FiPA §6).

/** The lifetime of a code, as the plugin's own (profile §2.4: short-lived; the reference backend's 60 s). */
const CODE_TTL_SECONDS = 60;

/** Stores a code minted by the challenge endpoint where oauth-provider's token endpoint looks codes up. */
export async function saveProviderCode(auth: AuthContext, code: string, grant: Omit<IssuedCode, 'expiresAt'>): Promise<void> {
  const found = grant.sessionToken ? await auth.internalAdapter.findSession(grant.sessionToken) : null;
  // oauth-provider's API reads only `context` for what is used here (hashing and the provider's options).
  const { api } = await oauthProviderAccess({ context: auth } as unknown as ProviderCallContext);
  const now = Date.now();
  await auth.internalAdapter.createVerificationValue({
    identifier: await api.hashToken(code, 'authorization_code'),
    expiresAt: new Date(now + CODE_TTL_SECONDS * 1000),
    value: JSON.stringify({
      type: 'authorization_code',
      query: {
        response_type: 'code',
        client_id: grant.clientId,
        scope: grant.scope,
        code_challenge: grant.codeChallenge,
        code_challenge_method: 'S256',
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
      },
      userId: found?.user.id ?? grant.userId,
      sessionId: found?.session.id ?? '',
      authTime: found ? new Date(found.session.createdAt).getTime() : now,
    }),
  });
}
