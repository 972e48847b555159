import type { GenericEndpointContext } from '@better-auth/core';
import { getAuthoritativeSessionFromCtx, getSessionFromCtx } from 'better-auth/api';
import { insufficientUserAuthentication, invalidRequest, loginRequired, Refusal } from './answers.js';
import { readLimitedBody } from '../http/request-body.js';
import type { AccountOptions } from './options.js';

// The checks every account request passes (profile §15; a foreign Origin was refused before, §26.2): a live
// better-auth session, a JSON body on POST and PATCH, and for sensitive changes an authentication within the
// last 300 s.

/** The signed-in user and their better-auth session, as `getSession` gives them. */
export interface Caller {
  user: { id: string; email: string; name: string };
  session: { id: string; token: string; createdAt: Date };
}

/**
 * The caller, or `401 login_required`. Reads use the session as better-auth caches it; changes re-read it from
 * the database, so a revoked session still held in a cookie cache cannot change credentials.
 */
export async function requireSession(ctx: GenericEndpointContext, { authoritative = false } = {}): Promise<Caller> {
  const found = authoritative ? await getAuthoritativeSessionFromCtx(ctx) : await getSessionFromCtx(ctx);
  if (!found?.session) throw loginRequired();
  const { user, session } = found as unknown as Caller;
  return { user, session: { ...session, createdAt: new Date(session.createdAt) } };
}

/**
 * Profile §15: sensitive changes need an authentication within `recentAuthSeconds` (300). better-auth has no
 * `auth_time`: each sign-in creates a session row, and its `createdAt` is what better-auth's own "fresh
 * session" rule reads, so it stands for the time of the last authentication (a re-authentication through the
 * challenge endpoint's `max_age` signs in anew). better-auth also renews the row when its own two-factor
 * endpoints switch 2FA on or off; the account endpoints here do not. `session.freshAge` (a day by default, `0`
 * for never) guards better-auth's passkey registration with the same rule: the stricter of the two is asked.
 */
export function requireRecentAuth(ctx: GenericEndpointContext, caller: Caller, options: AccountOptions, action: string): void {
  const freshAge = ctx.context.sessionConfig.freshAge;
  const maxAge = Math.min(options.recentAuthSeconds ?? 300, freshAge > 0 ? freshAge : Infinity);
  const age = (now(options) - caller.session.createdAt.getTime()) / 1000;
  if (age > maxAge) throw insufficientUserAuthentication(`confirm it's you to ${action}`, maxAge);
}

export const now = (options: AccountOptions): number => options.now?.() ?? Date.now();

/**
 * The JSON body of a change: `415` for any other media type (a cross-site page cannot send JSON without a
 * CORS preflight), `413` past 64 KB, `400 invalid_request` when it does not parse. A server-side call
 * (`auth.api`, no request) passes its body as is.
 */
export async function readJsonBody(ctx: GenericEndpointContext): Promise<unknown> {
  const request = ctx.request;
  if (!request) return ctx.body;
  const read = await readLimitedBody(request, 'application/json');
  if (!read.ok) throw new Refusal(read.status, 'invalid_request', read.description);
  try {
    return JSON.parse(read.text) as unknown;
  } catch {
    throw invalidRequest('the body is not JSON');
  }
}

/**
 * Credentialed CORS for a page on one of better-auth's trusted origins (the sibling-subdomain deployment,
 * profile §18.2); any other origin gets no CORS headers, so its browser keeps the answer from it.
 */
export function withCors(ctx: GenericEndpointContext, response: Response): Response {
  const origin = ctx.request?.headers.get('origin');
  if (!origin || !ctx.context.isTrustedOrigin(origin)) return response;
  response.headers.set('Access-Control-Allow-Origin', origin);
  response.headers.set('Access-Control-Allow-Credentials', 'true');
  response.headers.append('Vary', 'Origin');
  return response;
}

/** The request's method: the HTTP one, or the endpoint's first when called through `auth.api`. */
export function methodOf(ctx: GenericEndpointContext): string {
  return (ctx.request?.method ?? ctx.method ?? 'GET').toUpperCase();
}
