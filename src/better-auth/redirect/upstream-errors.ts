import { randomBytes } from 'node:crypto';
import { createAuthEndpoint } from 'better-auth/api';
import { errorAnswer } from '../http/answers.js';
import { errorRedirect, oauthProviderAccess } from './oauth-provider.js';

// better-auth's social callback sends every failure (the user cancelled upstream, the upstream answered an error,
// the code exchange failed, an existing account would have been linked) to the sign-in's `errorCallbackURL` as
// `?error=<code>`. The adapter points that URL here, with a handle naming the client's redirect URI and `state`,
// and turns the failure into the profile's `access_denied` or `temporarily_unavailable` at the client (§11.3,
// §11.4.4): never a dead end on better-auth's error page.

/** The route under better-auth's base path. */
export const UPSTREAM_ERROR_PATH = '/latchkey/oauth/upstream-error';

/** Where a failed brokered sign-in returns to. */
interface PendingReturn {
  readonly redirectUri: string;
  readonly state: string | null;
  readonly expiresAt: number;
}

/** better-auth keeps a social sign-in's state 10 minutes; the handle lives as long. */
const RETURN_TTL_MS = 10 * 60 * 1000;

/** Upstream answers that mean the provider could not serve the sign-in, not that the user or a check refused it. */
const UNAVAILABLE = new Set(['temporarily_unavailable', 'server_error']);

/** The returns of brokered sign-ins in flight, in memory, each used at most once. */
export class PendingReturns {
  readonly #returns = new Map<string, PendingReturn>();

  /** Remembers where a sign-in returns on failure; the handle goes into its `errorCallbackURL`. */
  open(redirectUri: string, state: string | null): string {
    const now = Date.now();
    for (const [handle, pending] of this.#returns) if (pending.expiresAt <= now) this.#returns.delete(handle);
    const handle = randomBytes(24).toString('base64url');
    this.#returns.set(handle, { redirectUri, state, expiresAt: now + RETURN_TTL_MS });
    return handle;
  }

  /** Takes a return out; `undefined` when unknown, used or expired. */
  take(handle: string | null): PendingReturn | undefined {
    if (!handle) return undefined;
    const pending = this.#returns.get(handle);
    this.#returns.delete(handle);
    return pending && pending.expiresAt > Date.now() ? pending : undefined;
  }
}

/** The profile's error and description for better-auth's callback error code. */
export function profileError(code: string | null): { error: string; description: string } {
  if (code === 'access_denied') return { error: 'access_denied', description: 'the sign-in was cancelled at the provider' };
  if (code && UNAVAILABLE.has(code)) return { error: 'temporarily_unavailable', description: 'the provider could not complete the sign-in' };
  // §11.4.5: an account already uses the address; better-auth refuses rather than links (implicit linking is off).
  if (code === 'account_not_linked') return { error: 'access_denied', description: 'an account already uses this email address; sign in with it first' };
  return { error: 'access_denied', description: `the provider's answer was refused (${code ?? 'unknown'})` };
}

/** `GET {base}/latchkey/oauth/upstream-error?handle=…&error=…`: back to the client with the profile's error. */
export function upstreamErrorEndpoints(returns: PendingReturns) {
  return {
    latchkeyUpstreamError: createAuthEndpoint(UPSTREAM_ERROR_PATH, { method: 'GET', disableBody: true }, async (ctx) => {
      const url = new URL(ctx.request?.url ?? 'http://invalid/');
      const pending = returns.take(url.searchParams.get('handle'));
      if (!pending) return errorAnswer(400, 'invalid_request', 'this sign-in expired; start again');
      const { issuer } = await oauthProviderAccess(ctx);
      const { error, description } = profileError(url.searchParams.get('error'));
      const location = errorRedirect(pending.redirectUri, error, description, pending.state, issuer);
      return new Response(null, { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' } });
    }),
  };
}
