import { SessionStatus } from '../protocol/index.js';
import { readError } from './challenge.js';
import type { ClientContext } from './context.js';
import type { Discovery } from './discovery.js';
import { LatchError, LatchErrorCode } from './errors.js';
import type { SessionChannel, SessionMessage, SignOutReason } from './session-channel.js';
import type { TokenSet } from './tokens.js';
import { parseWith, readJSON, send } from './transport.js';
import type { CallOptions, LatchClient, SessionChange } from './types.js';

// The signed-in state of one client: the backend session behind its HttpOnly cookie, the tokens of a
// `tokens` completion (memory only), the tab channel that tells other tabs, and sign-out.

/** The longest round trip whose `Date` header still places the backend's clock on this page's (±2.5 s). */
const CLOCK_READING_MAX_ROUND_TRIP_MS = 5000;

/** What the session needs from the rest of the client. */
export interface SessionDeps {
  ctx: ClientContext;
  discovery: Pick<Discovery, 'discover' | 'endpoint'>;
  channel: SessionChannel;
  /** Drops the sign-in in progress, on every sign-out here or in another tab. */
  forgetTransaction(): void;
}

/** The session part of the client. */
export interface Session {
  /** The client's calls that this part answers. */
  calls: Pick<
    LatchClient,
    'getSession' | 'extendSession' | 'signOut' | 'endSessionUrl' | 'onSessionChange' | 'serverTimeOffset' | 'getAccessToken'
  >;
  getSession(call?: CallOptions): Promise<SessionStatus>;
  /** Turns an access token into the first-party session (profile §4); COOKIES_BLOCKED when none starts. */
  startSession(accessToken: string, call?: CallOptions): Promise<SessionStatus>;
  /** Tells this client's listeners, then the other tabs. */
  announce(message: SessionMessage): void;
  /** The tokens of the last sign-in, in memory only. */
  tokens(): TokenSet | undefined;
  keepTokens(tokens: TokenSet): void;
}

/** The session of one client; subscribes to its tab channel at once. */
export function createSession({ ctx, discovery, channel, forgetTransaction }: SessionDeps): Session {
  let tokens: TokenSet | undefined;
  /** Kept past sign-out, only as the `id_token_hint` of {@link Session.endSessionUrl}. */
  let lastIdToken: string | undefined;
  let clockOffset = 0;
  const listeners = new Set<(change: SessionChange) => void>();

  channel.subscribe((message) => {
    // Signed out in another tab: this tab's tokens and transaction go too (fault K3), listeners or not.
    if (message.type === 'signed-out') forget();
    notify(message, true);
  });

  /** One call to the session endpoint. Its `Date` header is the backend's clock (RFC 9110 §6.6.1, whole
   * seconds; cross-origin it must be exposed), which places `idle_expires_at` on this page's clock. */
  async function sessionRequest(init: RequestInit, call: CallOptions = {}): Promise<SessionStatus> {
    const url = await discovery.endpoint('ciam_session_endpoint', call);
    const sentAt = Date.now();
    const response = await send(url, { ...init, headers: { accept: 'application/json', ...init.headers } }, ctx.request(call));
    if (!response.ok) throw await readError(response);
    const date = Date.parse(response.headers.get('date') ?? '');
    const receivedAt = Date.now();
    // The backend wrote `Date` somewhere between sending and receiving; the midpoint is off by up to half the
    // round trip. A longer one (or this page's clock jumping meanwhile: a laptop waking, a clock set) would move
    // the deadline by that much, so its reading is not taken and the last one stays.
    const roundTrip = receivedAt - sentAt;
    if (Number.isFinite(date) && roundTrip >= 0 && roundTrip <= CLOCK_READING_MAX_ROUND_TRIP_MS) clockOffset = date + 500 - (sentAt + receivedAt) / 2;
    return parseWith(SessionStatus, await readJSON(response));
  }

  function getSession(call?: CallOptions): Promise<SessionStatus> {
    return sessionRequest({}, call);
  }

  async function extendSession(call?: CallOptions): Promise<SessionStatus> {
    const session = await sessionRequest({ method: 'PATCH' }, call);
    if (session.active && session.idle_expires_at !== undefined) {
      announce({ type: 'extended', at: Date.now(), idle_expires_at: session.idle_expires_at });
    }
    return session;
  }

  async function startSession(accessToken: string, call?: CallOptions): Promise<SessionStatus> {
    const session = await sessionRequest({ method: 'POST', headers: { authorization: `Bearer ${accessToken}` } }, call);
    if (!session.active) throw new LatchError(LatchErrorCode.COOKIES_BLOCKED, 'The session did not start');
    return session;
  }

  async function signOut(call: CallOptions & { reason?: SignOutReason } = {}): Promise<void> {
    // ASVS 5 14.3.1: forget local state first, so sign-out holds even if the backend is unreachable.
    forget();
    const message: SessionMessage = { type: 'signed-out', at: Date.now(), reason: call.reason ?? 'user' };
    notify(message, false);
    // `ended`: the backend already ended it; a DELETE now could end a newer session another tab just started.
    if (call.reason === 'ended') return channel.post(message);
    try {
      const url = await discovery.endpoint('ciam_session_endpoint', call);
      const response = await send(url, { method: 'DELETE' }, ctx.request(call));
      if (!response.ok) throw await readError(response);
    } finally {
      // Other tabs re-read the session when told: only once the DELETE has ended it (or failed).
      channel.post(message);
    }
  }

  /** OpenID Connect RP-Initiated Logout 1.0 §2, with the last ID token as a hint. */
  async function endSessionUrl({ postLogoutRedirectUri }: { postLogoutRedirectUri?: string } = {}): Promise<string | undefined> {
    const endpoint = (await discovery.discover()).end_session_endpoint;
    if (!endpoint) return undefined;
    const url = new URL(endpoint);
    url.searchParams.set('client_id', ctx.clientId);
    if (lastIdToken) url.searchParams.set('id_token_hint', lastIdToken);
    if (postLogoutRedirectUri) url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
    return url.href;
  }

  function forget(): void {
    lastIdToken = tokens?.idToken ?? lastIdToken;
    tokens = undefined;
    forgetTransaction();
  }

  function announce(message: SessionMessage): void {
    notify(message, false);
    channel.post(message);
  }

  function notify(message: SessionMessage, remote: boolean): void {
    const change: SessionChange =
      message.type === 'signed-out'
        ? { type: 'signed-out', reason: message.reason, remote }
        : message.type === 'extended'
          ? { type: 'extended', idleExpiresAt: message.idle_expires_at, remote }
          : { type: 'signed-in', remote };
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One broken listener must not keep the others from hearing about a sign-out.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  function onSessionChange(listener: (change: SessionChange) => void): () => void {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }

  return {
    calls: {
      getSession,
      extendSession,
      signOut,
      endSessionUrl,
      onSessionChange,
      serverTimeOffset: () => clockOffset,
      getAccessToken: () => tokens?.accessToken,
    },
    getSession,
    startSession,
    announce,
    tokens: () => tokens,
    keepTokens: (next) => void (tokens = next),
  };
}
