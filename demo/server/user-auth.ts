import type { IncomingMessage } from 'node:http';
import { findAccessToken } from './access-tokens.js';
import { ACR_1FA } from './assurance.js';
import type { BackendContext } from './context.js';
import { HttpError } from './http.js';
import type { WebSession } from './session.js';

/** Seconds within which a sensitive change needs the user to have authenticated (RFC 9470 `max_age`). */
export const RECENT_AUTH_SECONDS = 300;

/** Who is calling a protected resource, and how strongly and how recently they authenticated. */
export interface Principal {
  accountId: string;
  acr: string;
  amr: string[];
  /** Epoch seconds. */
  authTime: number;
  /** Present when the call came with the session cookie rather than a Bearer token. */
  session?: WebSession;
}

/** RFC 6750 §3: a request without credentials gets a bare `Bearer` challenge; the body says `login_required`. */
export function loginRequired(): HttpError {
  return new HttpError(401, 'login_required', 'sign in first', { 'WWW-Authenticate': 'Bearer' });
}

/** An auth-param value as an RFC 9110 §5.6.4 quoted-string (no quotes or backslashes ever need escaping here). */
function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '')}"`;
}

/**
 * RFC 9470 §3: the resource needs a stronger (`acrValues`) or more recent (`maxAge`) authentication. The
 * challenge is in `WWW-Authenticate` (auth-params quoted) and repeated in the JSON body for scripts.
 */
export function insufficientUserAuthentication(description: string, need: { acrValues?: string; maxAge?: number }): HttpError {
  const params = [`error=${quoted('insufficient_user_authentication')}`, `error_description=${quoted(description)}`];
  if (need.acrValues) params.push(`acr_values=${quoted(need.acrValues)}`);
  if (need.maxAge !== undefined) params.push(`max_age=${quoted(String(need.maxAge))}`);
  return new HttpError(401, 'insufficient_user_authentication', description, { 'WWW-Authenticate': `Bearer ${params.join(', ')}` }, {
    ...(need.acrValues ? { acr_values: need.acrValues } : {}),
    ...(need.maxAge !== undefined ? { max_age: need.maxAge } : {}),
  });
}

/** Refuses a change unless the user authenticated within {@link RECENT_AUTH_SECONDS}. */
export function requireRecentAuth(principal: Pick<Principal, 'authTime'>, ctx: BackendContext, what: string): void {
  if (ctx.clock.nowSeconds() - principal.authTime > RECENT_AUTH_SECONDS) {
    throw insufficientUserAuthentication(`confirm it's you to ${what}`, { maxAge: RECENT_AUTH_SECONDS });
  }
}

/** The signed-in user by session cookie; using it counts as activity (pushes the idle timeout back). */
export function sessionPrincipal(req: IncomingMessage, ctx: BackendContext): Principal & { session: WebSession } {
  const session = ctx.webSessions.fromRequest(req);
  if (!session || !ctx.accounts.findById(session.accountId)) throw loginRequired();
  ctx.webSessions.touch(session);
  return { accountId: session.accountId, acr: session.acr, amr: session.amr, authTime: session.authTime, session };
}

/** The caller by `Authorization: Bearer <access token>` (RFC 6750 §2.1) or else by session cookie. */
export async function apiPrincipal(req: IncomingMessage, ctx: BackendContext): Promise<Principal> {
  const authorization = req.headers.authorization;
  if (authorization === undefined) return sessionPrincipal(req, ctx);
  const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization)?.[1];
  const grant = token ? await findAccessToken(ctx, token) : undefined;
  if (!grant || !ctx.accounts.findById(grant.accountId)) {
    throw new HttpError(401, 'invalid_token', 'the access token is invalid or has expired', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  return { accountId: grant.accountId, acr: grant.acr ?? ACR_1FA, amr: grant.amr, authTime: grant.authTime ?? 0 };
}

/**
 * A foreign `Origin` never changes account settings or starts a sign-in with the browser's cookies, whatever
 * the cookie says (OWASP CSRF cheat sheet: verify the origin; defence in depth beside JSON). Browsers send
 * `Origin` on every cross-origin POST; a request without one is not a page's and carries no ambient cookies.
 */
export function refuseForeignOrigin(req: IncomingMessage, ctx: BackendContext): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !ctx.firstPartyOrigins.includes(origin)) {
    throw new HttpError(403, 'access_denied', 'cross-origin request refused');
  }
}
