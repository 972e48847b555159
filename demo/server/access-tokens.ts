import type { BackendContext } from './context.js';

/** What an access token says about its user's authentication (RFC 9470 §2: acr and auth_time). */
export interface AccessTokenGrant {
  accountId: string;
  /** The client it was issued to. */
  clientId: string;
  /** The token's id, to use it once for a session. */
  jti: string;
  /** When it was issued, on the backend's clock (epoch seconds); absent on tokens from before this was recorded. */
  issuedAt?: number;
  amr: string[];
  acr?: string;
  /** Epoch seconds. */
  authTime?: number;
}

/**
 * The account behind a live access token this provider issued, and how its user signed in: the acr, amr
 * and auth_time the token was issued with (`extraTokenClaims`, kept in the opaque token's record), or for an
 * older token the amr of the provider session it came from. Used by `POST /session` after a redirect
 * sign-in and by the demo API for `Authorization: Bearer`.
 */
export async function findAccessToken(ctx: BackendContext, token: string): Promise<AccessTokenGrant | undefined> {
  const found = await ctx.provider.AccessToken.find(token);
  if (!found || found.isExpired) return undefined;
  const extra = found.extra ?? {};
  const stringArray = (value: unknown): string[] | undefined =>
    Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
  let amr = stringArray(extra.amr);
  if (!amr) {
    const session = found.sessionUid ? await ctx.provider.Session.findByUid(found.sessionUid) : undefined;
    amr = session?.amr ?? [];
  }
  return {
    accountId: found.accountId,
    clientId: found.clientId,
    jti: found.jti,
    ...(typeof extra.latch_issued_at === 'number' ? { issuedAt: extra.latch_issued_at } : {}),
    amr,
    ...(typeof extra.acr === 'string' ? { acr: extra.acr } : {}),
    ...(typeof extra.auth_time === 'number' ? { authTime: extra.auth_time } : {}),
  };
}
