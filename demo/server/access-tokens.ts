import type { BackendContext } from './context.js';

/**
 * The account behind a live access token this provider issued, and how its user signed in (the `amr` of
 * the provider session the token came from). Used by `POST /session` after a redirect sign-in.
 */
export async function findAccessToken(
  ctx: BackendContext,
  token: string,
): Promise<{ accountId: string; amr: string[] } | undefined> {
  const found = await ctx.provider.AccessToken.find(token);
  if (!found || found.isExpired) return undefined;
  const session = found.sessionUid ? await ctx.provider.Session.findByUid(found.sessionUid) : undefined;
  return { accountId: found.accountId, amr: session?.amr ?? [] };
}
