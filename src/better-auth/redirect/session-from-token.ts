import { createHash } from 'node:crypto';
import type { AuthContext } from 'better-auth';
import { setSessionCookie } from 'better-auth/cookies';
import { errorAnswer } from '../http/answers.js';
import { oauthProviderAccess, redirectOrigins, type ProviderCallContext } from './oauth-provider.js';

// `POST {ciam_session_endpoint}` with a Bearer access token (profile §4): after a redirect sign-in the client, once
// it has checked the callback and redeemed the code, starts the first-party session with the token. The token is
// validated by oauth-provider itself (its opaque-token record or JWT signature, expiry, revocation, the session it
// came from), then bound as §4 requires: the asking page's `Origin` is one of the token client's redirect URIs,
// the token is at most 60 s old, and it starts a session once.

/** §4: how old a token may be when it starts a session (the client presents it right after `/token`). */
const FRESH_SECONDS = 60;

/** The ids of tokens that started a session, kept until they would be too old anyway. */
export class UsedTokens {
  readonly #used = new Map<string, number>();

  /** Records a use; `false` when the token was used already. */
  use(id: string, issuedAt: number): boolean {
    const now = Date.now() / 1000;
    for (const [key, iat] of this.#used) if (iat < now - FRESH_SECONDS) this.#used.delete(key);
    if (this.#used.has(id)) return false;
    this.#used.set(id, issuedAt);
    return true;
  }
}

/** `401 invalid_token` with the reason in the body and in `WWW-Authenticate` (RFC 6750 §3). */
function invalidToken(description: string): Response {
  return errorAnswer(401, 'invalid_token', description, {}, { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"` });
}

/** The introspection fields the binding reads (RFC 7662). */
interface TokenPayload {
  readonly active: boolean;
  readonly client_id?: string;
  readonly sub?: string;
  readonly iat?: number;
  readonly jti?: string;
  readonly sid?: string;
}

/** A session the token started: its record and user, for the status answer. */
export interface StartedSession {
  readonly session: Record<string, unknown> & { createdAt: Date; expiresAt: Date };
  readonly user: Record<string, unknown> & { id: string };
}

/** Starts a better-auth session (its cookie set on `ctx`) for the token's user, or answers why not. */
export async function startSessionFromToken(ctx: ProviderCallContext, request: Request, used: UsedTokens): Promise<Response | StartedSession> {
  const origin = request.headers.get('origin');
  if (!origin) return errorAnswer(400, 'invalid_request', 'the request must carry Origin');
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!token) return invalidToken('send the access token as a Bearer token');
  const { api } = await oauthProviderAccess(ctx);
  const payload = (await Promise.resolve(api.validateAccessToken(token)).catch(() => null)) as TokenPayload | null;
  if (!payload?.active || !payload.sub || !payload.client_id) return invalidToken('the access token is invalid or expired');
  const client = await api.getClient(payload.client_id);
  if (!client || !redirectOrigins(client).includes(origin)) return invalidToken('the access token belongs to another client');
  const issuedAt = payload.iat ?? 0;
  if (issuedAt < Date.now() / 1000 - FRESH_SECONDS) return invalidToken('the access token is too old to start a session');
  const auth = ctx.context as AuthContext;
  const user = await auth.internalAdapter.findUserById(payload.sub);
  if (!user) return invalidToken('the access token names no account');
  const id = payload.jti ?? createHash('sha256').update(token).digest('base64url');
  if (!used.use(id, issuedAt)) return invalidToken('the access token was already used to start a session');
  // How the user signed in is on the session the authorization request came from (`fed` after a connection).
  const source = payload.sid ? await auth.adapter.findOne<SignInRecord>({ model: 'session', where: [{ field: 'id', value: payload.sid }] }) : null;
  const session = await auth.internalAdapter.createSession(user.id, false, {
    latchkeyAmr: source?.latchkeyAmr ?? null,
    latchkeyMethod: source?.latchkeyMethod ?? null,
  });
  await setSessionCookie(ctx as Parameters<typeof setSessionCookie>[0], { session, user });
  return { session: session as StartedSession['session'], user: user as StartedSession['user'] };
}

/** The columns the plugin adds to better-auth's session (plugin.ts). */
interface SignInRecord {
  readonly latchkeyAmr?: string | null;
  readonly latchkeyMethod?: string | null;
}
