import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { SessionStatus } from '../../src/protocol/index.js';
import type { Clock } from './clock.js';
import { readCookies, sendJson, sendNoContent, HttpError, sendError } from './http.js';
import type { AccountStore } from './store.js';

/** Name of the first-party session cookie the backend sets after any successful sign-in. */
export const SESSION_COOKIE = 'latch_session';
/** Session lifetime: 8 hours (OWASP ASVS 5 7.3.2 suggests an absolute limit; a work day fits). */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

export type SignInMethod = 'passkey' | 'password' | 'email_otp';

export interface WebSession {
  id: string;
  accountId: string;
  /** How the user proved it here; absent after a federated sign-in (amr `fed`), which no method names. */
  method?: SignInMethod;
  /** RFC 8176 values. */
  amr: string[];
  /** Epoch seconds. */
  authTime: number;
  expiresAt: number;
  /** Outstanding passkey registration challenge (base64url), single use. */
  registrationChallenge?: string;
}

/** Server-side sessions behind the `latch_session` cookie (memory only; a restart signs everyone out). */
export class WebSessions {
  readonly #sessions = new Map<string, WebSession>();

  constructor(
    readonly clock: Clock,
    readonly secureCookies: boolean,
  ) {}

  start(input: { accountId: string; method?: SignInMethod; amr: string[] }): { session: WebSession; cookie: string } {
    const authTime = this.clock.nowSeconds();
    const session: WebSession = {
      id: randomBytes(32).toString('base64url'),
      ...input,
      authTime,
      expiresAt: authTime + SESSION_TTL_SECONDS,
    };
    this.#sessions.set(session.id, session);
    return { session, cookie: this.#cookie(session.id, SESSION_TTL_SECONDS) };
  }

  /** The live session named by the request's cookie. */
  fromRequest(req: IncomingMessage): WebSession | undefined {
    const id = readCookies(req).get(SESSION_COOKIE);
    if (!id) return undefined;
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.clock.nowSeconds()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  end(id: string): void {
    this.#sessions.delete(id);
  }

  /** A Set-Cookie value that deletes the cookie. */
  clearCookie(): string {
    return this.#cookie('', 0);
  }

  // HttpOnly: scripts (and XSS) never see it. SameSite=Lax: not sent on cross-site subrequests (RFC 6265bis §8.8).
  // Secure only on https issuers, because plain-http localhost is the demo's origin.
  #cookie(value: string, maxAge: number): string {
    return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${this.secureCookies ? '; Secure' : ''}`;
  }
}

/** Finds the account and `amr` behind an access token this backend issued, if it is still valid. */
export type AccessTokenLookup = (token: string) => Promise<{ accountId: string; amr: string[] } | undefined>;

/**
 * `GET /session` (status), `DELETE /session` (sign-out), and `POST /session` with
 * `Authorization: Bearer <access token>`, which starts the first-party session after a redirect or popup
 * sign-in. The session starts only then: once the client has checked the callback (`iss`, `state`) and
 * redeemed the code, never when the provider merely finished its side.
 */
export async function handleSession(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { sessions: WebSessions; accounts: AccountStore; accessToken: AccessTokenLookup },
): Promise<void> {
  let session = deps.sessions.fromRequest(req);
  if (req.method === 'DELETE') {
    if (session) deps.sessions.end(session.id);
    sendNoContent(res, { 'Set-Cookie': deps.sessions.clearCookie() });
    return;
  }
  let headers: Record<string, string> = {};
  if (req.method === 'POST') {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const grant = token ? await deps.accessToken(token) : undefined;
    if (!grant) {
      sendError(res, new HttpError(401, 'invalid_token', 'a valid access token is required', { 'WWW-Authenticate': 'Bearer error="invalid_token"' }));
      return;
    }
    const started = deps.sessions.start({ accountId: grant.accountId, amr: grant.amr });
    session = started.session;
    headers = { 'Set-Cookie': started.cookie };
  } else if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, new HttpError(405, 'invalid_request', 'use GET, POST or DELETE', { Allow: 'GET, HEAD, POST, DELETE' }));
    return;
  }
  const account = session && deps.accounts.findById(session.accountId);
  if (!session || !account) {
    sendJson(res, 200, { active: false } satisfies SessionStatus);
    return;
  }
  const status: SessionStatus = {
    active: true,
    user: { sub: account.id, email: account.email, ...(account.name ? { name: account.name } : {}) },
    amr: session.amr,
    auth_time: session.authTime,
    expires_at: session.expiresAt,
    has_passkey: account.passkeys.length > 0,
    ...(session.method ? { method: session.method } : {}),
  };
  sendJson(res, 200, status, headers);
}
