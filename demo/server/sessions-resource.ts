import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActivityLog, DeviceSession, SessionList } from '../../src/protocol/index.js';
import type { BackendContext } from './context.js';
import { HttpError, sendError, sendJson, sendNoContent } from './http.js';
import type { WebSession } from './session.js';
import { recentActivity } from './sign-ins.js';
import { refuseForeignOrigin, requireRecentAuth, sessionPrincipal } from './user-auth.js';

/** Where the account's sessions and activity live (discovery `ciam_sessions_endpoint`, `ciam_activity_endpoint`). */
export const SESSIONS_PATH = '/account/sessions';
export const ACTIVITY_PATH = '/account/activity';

/**
 * The signed-in customer's sessions and sign-in activity (profile §27): `GET /account/sessions` (this
 * browser first), `DELETE /account/sessions/{id}` (another browser signed out at once), `DELETE
 * /account/sessions?others=true` (every other browser, after an RFC 9470 step-up), `GET /account/activity`.
 * Same checks as the other account resources: the session cookie, no foreign Origin on changes.
 */
export function handleAccountSessions(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: BackendContext): void {
  try {
    const principal = sessionPrincipal(req, ctx);
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') refuseForeignOrigin(req, ctx);
    const current = principal.session;
    if (pathname === ACTIVITY_PATH && method === 'GET') {
      const account = ctx.accounts.findById(principal.accountId)!;
      return sendJson(res, 200, { events: recentActivity(account, ctx.clock.nowSeconds()) } satisfies ActivityLog);
    }
    if (pathname === SESSIONS_PATH && method === 'GET') return sendJson(res, 200, sessionList(current, ctx));
    if (pathname === SESSIONS_PATH && method === 'DELETE') {
      if (new URL(req.url ?? '/', ctx.issuer).searchParams.get('others') !== 'true') {
        throw new HttpError(400, 'invalid_request', 'to sign out here use the session endpoint; to sign out elsewhere add ?others=true');
      }
      requireRecentAuth(principal, ctx, 'sign out everywhere else');
      ctx.webSessions.endAccount(principal.accountId, current.id);
      return sendNoContent(res);
    }
    const handle = pathname.startsWith(`${SESSIONS_PATH}/`) ? decodeURIComponent(pathname.slice(SESSIONS_PATH.length + 1)) : undefined;
    if (handle && method === 'DELETE') return endOne(res, current, handle, ctx);
    if (pathname === ACTIVITY_PATH || pathname === SESSIONS_PATH || handle) {
      const allow = pathname === ACTIVITY_PATH ? 'GET' : handle ? 'DELETE' : 'GET, DELETE';
      throw new HttpError(405, 'invalid_request', `use ${allow}`, { Allow: allow });
    }
    throw new HttpError(404, 'not_found', 'no such route');
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

/** Another browser of the account, signed out: its next request finds no session (its watcher signs the page out). */
function endOne(res: ServerResponse, current: WebSession, handle: string, ctx: BackendContext): void {
  if (handle === current.handle) throw new HttpError(400, 'invalid_request', 'this is the session asking; sign out instead');
  if (!ctx.webSessions.endByHandle(current.accountId, handle)) throw new HttpError(404, 'not_found', 'no such session');
  sendNoContent(res);
}

/** The account's live sessions: the asking one first, then the most recently active. */
function sessionList(current: WebSession, ctx: BackendContext): SessionList {
  const others = ctx.webSessions
    .listFor(current.accountId)
    .filter((session) => session.id !== current.id)
    .sort((a, b) => b.lastActiveAt - a.lastActiveAt);
  return { sessions: [current, ...others].map((session) => deviceSession(session, session === current)) };
}

function deviceSession(session: WebSession, current: boolean): DeviceSession {
  return {
    id: session.handle,
    current,
    signed_in_at: session.signedInAt,
    last_active_at: session.lastActiveAt,
    ...(session.method ? { method: session.method } : {}),
    ...(session.device ? { device: session.device } : {}),
  };
}
