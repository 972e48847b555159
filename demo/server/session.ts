import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { ConsentReceipt, DeviceInfo, LastSignIn, SessionStatus } from '../../src/protocol/index.js';
import { acrFor, AMR, factorsFromAmr, type UsedFactor } from './assurance.js';
import type { Clock } from './clock.js';
import { deviceInfo } from './device-info.js';
import { readCookies, sendJson, sendNoContent, HttpError, sendError } from './http.js';
import { keepNotice, noticeAt, wireNotice } from './new-device.js';
import { recordSignIn } from './sign-ins.js';
import type { AccountStore } from './store.js';

/** Name of the first-party session cookie the backend sets after any successful sign-in. */
export const SESSION_COOKIE = 'latch_session';
/** Session lifetime: 8 hours (OWASP ASVS 5 7.3.2 suggests an absolute limit; a work day fits). */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;
/** Inactivity timeout: 15 minutes (OWASP ASVS 5 7.3.1; NIST SP 800-63B-4 §2.2.3 allows up to 30 for AAL2). */
export const IDLE_TIMEOUT_SECONDS = 15 * 60;

export type SignInMethod = 'passkey' | 'password' | 'email_otp';

export interface WebSession {
  /** The cookie's value: never leaves the cookie (the sessions list names a session by {@link handle}). */
  id: string;
  /** A random name for this session in the sessions list (profile §27.1); survives a step-up's new id. */
  handle: string;
  accountId: string;
  /** Epoch seconds: when the sign-in behind this session happened. */
  signedInAt: number;
  /** Epoch seconds: the last authenticated use or extension (`PATCH /session`); reading the status does not count. */
  lastActiveAt: number;
  /** The browser, as its owner sees it in the sessions list (device-info.ts). */
  device?: DeviceInfo;
  /** How the user first proved it here; absent after a federated sign-in (amr `fed`), which no method names. */
  method?: SignInMethod;
  /** Every factor proven in this session (the first factor, a second factor, step-ups). */
  factors: UsedFactor[];
  /** RFC 8176 values. */
  amr: string[];
  /** The authentication context class reached, from {@link acrFor}. */
  acr: string;
  /** When the user last actively authenticated, epoch seconds. */
  authTime: number;
  expiresAt: number;
  /** Ends the session unless something uses or extends it first, epoch seconds. */
  idleExpiresAt: number;
  /** Outstanding passkey registration challenge (base64url), single use. */
  registrationChallenge?: string;
  /** An authenticator app being set up: the secret, until a code proves the app holds it. */
  totpEnrollment?: { secret: string; expiresAt: number };
  /** A phone being added: the number and the texted code (hashed) that proves it. */
  phoneEnrollment?: { phoneNumber: string; codeHash: Buffer | null; expiresAt: number; attemptsRemaining: number };
  /** The account's sign-in before this session's (profile §26.3). */
  lastSignIn?: LastSignIn;
  /** This session's sign-in came from a browser the account had not used before (profile §26.4). */
  newDevice?: boolean;
}

/** Server-side sessions behind the `latch_session` cookie (memory only; a restart signs everyone out). */
export class WebSessions {
  readonly #sessions = new Map<string, WebSession>();

  constructor(
    readonly clock: Clock,
    readonly secureCookies: boolean,
    readonly idleTimeout: number = IDLE_TIMEOUT_SECONDS,
    /** The registrable domain when the site is a sibling subdomain of the issuer, so the site's own API gets the cookie. */
    readonly cookieDomain?: string,
  ) {}

  start(input: { accountId: string; method?: SignInMethod; factors: UsedFactor[]; amr?: string[]; acr?: string; authTime?: number; device?: DeviceInfo }): {
    session: WebSession;
    cookie: string;
  } {
    const now = this.clock.nowSeconds();
    const session: WebSession = {
      id: newSessionId(),
      handle: newSessionId(),
      accountId: input.accountId,
      signedInAt: now,
      lastActiveAt: now,
      ...(input.device ? { device: input.device } : {}),
      ...(input.method ? { method: input.method } : {}),
      factors: [...input.factors],
      amr: input.amr ?? [...new Set(input.factors.flatMap((factor) => AMR[factor]))],
      acr: input.acr ?? acrFor(input.factors),
      authTime: input.authTime ?? now,
      expiresAt: now + SESSION_TTL_SECONDS,
      idleExpiresAt: now + this.idleTimeout,
    };
    this.#sessions.set(session.id, session);
    return { session, cookie: this.#cookie(session.id, SESSION_TTL_SECONDS) };
  }

  /**
   * A step-up succeeded: the session gains the factor, its acr is recomputed, auth_time is now, and it gets
   * a new id (OWASP Session Management: renew the id on any privilege change), so an id captured before the
   * step-up is worth nothing after it.
   */
  upgrade(old: WebSession, factor: UsedFactor): { session: WebSession; cookie: string } {
    const now = this.clock.nowSeconds();
    const factors = [...new Set([...old.factors, factor])];
    const session: WebSession = {
      ...old,
      id: newSessionId(),
      factors,
      amr: [...new Set([...old.amr, ...AMR[factor]])],
      acr: acrFor(factors),
      authTime: now,
      idleExpiresAt: Math.min(old.expiresAt, now + this.idleTimeout),
    };
    delete session.registrationChallenge;
    this.#sessions.delete(old.id);
    this.#sessions.set(session.id, session);
    return { session, cookie: this.#cookie(session.id, Math.max(0, old.expiresAt - now)) };
  }

  /** The live session named by the request's cookie; reading it does not count as activity. */
  fromRequest(req: IncomingMessage): WebSession | undefined {
    const id = readCookies(req).get(SESSION_COOKIE);
    return id ? this.get(id) : undefined;
  }

  /** The live session with this id; an expired or idle one is ended on the way. */
  get(id: string): WebSession | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    const now = this.clock.nowSeconds();
    if (session.expiresAt <= now || session.idleExpiresAt <= now) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  /** Activity: pushes the idle timeout back, never past the absolute end. */
  touch(session: WebSession): void {
    const now = this.clock.nowSeconds();
    session.idleExpiresAt = Math.min(session.expiresAt, now + this.idleTimeout);
    session.lastActiveAt = now;
  }

  end(id: string): void {
    this.#sessions.delete(id);
  }

  /** The account's live sessions (expired ones are ended on the way). */
  listFor(accountId: string): WebSession[] {
    return [...this.#sessions.values()].filter((session) => session.accountId === accountId && this.get(session.id) !== undefined);
  }

  /** Ends the account's session named by `handle`; false when it has none by that name. */
  endByHandle(accountId: string, handle: string): boolean {
    const session = this.listFor(accountId).find((candidate) => candidate.handle === handle);
    if (session) this.#sessions.delete(session.id);
    return session !== undefined;
  }

  /** Ends every session of an account (a password reset, "This wasn't me"), but the one with id `keep` if given. */
  endAccount(accountId: string, keep?: string): void {
    for (const [id, session] of this.#sessions) if (session.accountId === accountId && id !== keep) this.#sessions.delete(id);
  }

  /** A Set-Cookie value that deletes the cookie. */
  clearCookie(): string {
    return this.#cookie('', 0);
  }

  // HttpOnly: scripts (and XSS) never see it. SameSite=Lax: not sent on cross-site subrequests (RFC 6265bis §8.8),
  // while www.<domain> and id.<domain> are one site, so the widget's credentialed requests carry it. Secure only
  // on https issuers, because plain-http localhost is the demo's origin. Domain only for sibling subdomains.
  #cookie(value: string, maxAge: number): string {
    const domain = this.cookieDomain ? `; Domain=${this.cookieDomain}` : '';
    return `${SESSION_COOKIE}=${value}; Path=/${domain}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${this.secureCookies ? '; Secure' : ''}`;
  }
}

function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The account, level and time of authentication behind an access token this backend issued, if still valid
 * and allowed to start a session for this request (token-binding.ts; its refusals throw an {@link HttpError}).
 */
export type SessionTokenLookup = (
  req: IncomingMessage,
  token: string,
) => Promise<{ accountId: string; amr: string[]; acr?: string; authTime?: number } | undefined>;

/**
 * `GET /session` (status; never counts as activity, so polling does not keep a session alive),
 * `PATCH /session` (extends the idle timeout), `DELETE /session` (sign-out), and `POST /session` with
 * `Authorization: Bearer <access token>`, which starts the first-party session after a redirect or popup
 * sign-in. The session starts only then: once the client has checked the callback (`iss`, `state`) and
 * redeemed the code, never when the provider merely finished its side; and only for a token of the asking
 * client, fresh and not used for a session before (token-binding.ts).
 */
export async function handleSession(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { sessions: WebSessions; accounts: AccountStore; sessionToken: SessionTokenLookup; consents?: (accountId: string) => ConsentReceipt[] },
): Promise<void> {
  let session = deps.sessions.fromRequest(req);
  if (req.method === 'DELETE') {
    if (session) deps.sessions.end(session.id);
    sendNoContent(res, { 'Set-Cookie': deps.sessions.clearCookie() });
    return;
  }
  let headers: Record<string, string> = {};
  if (req.method === 'POST') {
    let started: ReturnType<WebSessions['start']>;
    try {
      started = await startFromToken(req, deps);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return sendError(res, error);
    }
    session = started.session;
    headers = { 'Set-Cookie': started.cookie };
    // A redirect sign-in: the provider's page noted it (new-device.ts); its session tells the same notice.
    const owner = deps.accounts.findById(session.accountId);
    if (owner) keepNotice(session, noticeAt(owner, session.authTime));
    // A social or enterprise sign-in (amr `fed`) finished at the broker, which records nothing: it enters the
    // account's history and activity here, once, when its session starts (profile §25.1, §27.3).
    if (owner && session.amr.includes('fed')) {
      recordSignIn(owner, { method: 'sso', at: session.authTime, ...(session.device ? { device: session.device } : {}) });
      await deps.accounts.save();
    }
  } else if (req.method === 'PATCH') {
    // No body and no JSON needed: PATCH is never a CORS-simple request, so a cross-site page cannot send it
    // without a preflight this backend does not grant.
    if (session) deps.sessions.touch(session);
  } else if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, new HttpError(405, 'invalid_request', 'use GET, PATCH, POST or DELETE', { Allow: 'GET, HEAD, PATCH, POST, DELETE' }));
    return;
  }
  const account = session && deps.accounts.findById(session.accountId);
  if (!session || !account) {
    sendJson(res, 200, { active: false } satisfies SessionStatus, headers);
    return;
  }
  const status: SessionStatus = {
    active: true,
    user: { sub: account.id, email: account.email, ...(account.name ? { name: account.name } : {}) },
    amr: session.amr,
    acr: session.acr,
    auth_time: session.authTime,
    expires_at: session.expiresAt,
    idle_expires_at: session.idleExpiresAt,
    idle_timeout: deps.sessions.idleTimeout,
    has_passkey: account.passkeys.length > 0,
    ...(session.method ? { method: session.method } : {}),
    ...wireNotice(session),
  };
  // The current decision on each account policy (profile §24.4).
  const consents = deps.consents?.(account.id) ?? [];
  if (consents.length) status.consents = consents;
  sendJson(res, 200, status, headers);
}

async function startFromToken(
  req: IncomingMessage,
  deps: { sessions: WebSessions; sessionToken: SessionTokenLookup },
): Promise<ReturnType<WebSessions['start']>> {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const grant = token ? await deps.sessionToken(req, token) : undefined;
  if (!grant) throw new HttpError(401, 'invalid_token', 'a valid access token is required', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  return deps.sessions.start({
    accountId: grant.accountId,
    device: deviceInfo(req),
    factors: factorsFromAmr(grant.amr),
    amr: grant.amr,
    ...(grant.acr ? { acr: grant.acr } : {}),
    ...(grant.authTime ? { authTime: grant.authTime } : {}),
  });
}
