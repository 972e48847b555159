import { createAuthEndpoint, getSession, signOut } from 'better-auth/api';
import type { AuthContext } from 'better-auth';
import { callBetterAuth, findPlugin } from './better-auth-calls.js';
import { errorAnswer, jsonAnswer, noContent, withHeaders, type AnswerHeaders } from './http/answers.js';
import { corsHeaders } from './http/origins.js';
import type { ResolvedOptions } from './options.js';
import { startSessionFromToken, type UsedTokens } from './redirect/session-from-token.js';

// `ciam_session_endpoint` (profile §4): `GET` reads better-auth's session into a SessionStatus, `PATCH` is the
// keep-alive (better-auth has no idle timeout of its own, so it answers the status; §16 is not offered),
// `DELETE` is better-auth's sign-out, forwarding its cookie-clearing `Set-Cookie` lines. With oauth-provider, `POST`
// starts the session from an access token after a redirect sign-in (redirect/session-from-token.ts).

/** The route under better-auth's base path. */
export const SESSION_PATH = '/latchkey/session';

interface SessionRecord {
  readonly createdAt: Date | string;
  readonly expiresAt: Date | string;
  readonly latchkeyMethod?: string | null;
  readonly latchkeyAmr?: string | null;
}
interface UserRecord {
  readonly id: string;
  readonly email?: string;
  readonly name?: string;
}

const epoch = (value: Date | string) => Math.floor(new Date(value).getTime() / 1000);

/** The endpoint record: one path, three methods. */
export function sessionEndpoints(getOptions: (auth: AuthContext) => ResolvedOptions, usedTokens: UsedTokens) {
  return {
    latchkeySession: createAuthEndpoint(SESSION_PATH, { method: ['GET', 'POST', 'PATCH', 'DELETE'], disableBody: true }, async (ctx) => {
      const request = ctx.request;
      if (!request) return errorAnswer(400, 'invalid_request', 'call this endpoint over HTTP');
      const options = getOptions(ctx.context);
      const cors = corsHeaders(options, request.headers.get('origin'));
      if (request.method === 'POST') {
        if (!options.has.oauthProvider) return errorAnswer(405, 'invalid_request', 'no redirect sign-in here: nothing starts a session from a token', {}, { Allow: 'GET, PATCH, DELETE' });
        // An origin no client allows was refused before this (the plugin's `onRequest`, §26.2).
        const started = await startSessionFromToken(ctx, request, usedTokens);
        if (started instanceof Response) return withHeaders(started, cors);
        return withHeaders(await statusAnswer(ctx.context, started.session as SessionRecord, started.user as UserRecord, {}), cors);
      }
      const answer = request.method === 'DELETE' ? await endSession(ctx.context, request) : await sessionStatus(ctx.context, request);
      return withHeaders(answer, cors);
    }),
  };
}

async function sessionStatus(auth: AuthContext, request: Request): Promise<Response> {
  const result = await callBetterAuth(auth, getSession(), { method: 'GET', cookie: request.headers.get('cookie') });
  const session = result.body?.['session'] as SessionRecord | undefined;
  const user = result.body?.['user'] as UserRecord | undefined;
  // better-auth may refresh the session (its `updateAge`) and re-set the cookie: the browser gets that too.
  const refreshed = { 'Set-Cookie': result.setCookies };
  if (result.status !== 200 || !session || !user) return jsonAnswer(200, { active: false }, refreshed);
  return statusAnswer(auth, session, user, refreshed);
}

/** The SessionStatus of an active session. */
async function statusAnswer(auth: AuthContext, session: SessionRecord, user: UserRecord, headers: AnswerHeaders): Promise<Response> {
  const method = session.latchkeyMethod ?? undefined;
  return jsonAnswer(200, {
    active: true,
    user: { sub: user.id, ...(user.email ? { email: user.email } : {}), ...(user.name ? { name: user.name } : {}) },
    ...(session.latchkeyAmr ? { amr: session.latchkeyAmr.split(' ') } : {}),
    auth_time: epoch(session.createdAt),
    expires_at: epoch(session.expiresAt),
    has_passkey: await hasPasskey(auth, user.id),
    ...(method ? { method } : {}),
  }, headers);
}

async function hasPasskey(auth: AuthContext, userId: string): Promise<boolean> {
  if (!findPlugin(auth, 'passkey')) return false;
  return (await auth.adapter.count({ model: 'passkey', where: [{ field: 'userId', value: userId }] })) > 0;
}

/** better-auth's `/sign-out`: deletes the session row and clears the cookies; `204` either way. */
async function endSession(auth: AuthContext, request: Request): Promise<Response> {
  const cookie = request.headers.get('cookie');
  if (!cookie) return noContent();
  const result = await callBetterAuth(auth, signOut, { method: 'POST', cookie, origin: request.headers.get('origin'), body: {} });
  return noContent({ 'Set-Cookie': result.setCookies });
}
