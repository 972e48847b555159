import { LatchError, LatchErrorCode } from './errors.js';
import { tabStorage } from './tab-storage.js';
import type { RequestContext } from './transport.js';
import type { CallOptions, ClientLocation, ClientOptions, ClientWindow, TabStorage } from './types.js';

// What every part of one client shares: its options with their defaults applied, the page's globals it
// was given (or the real ones), and the guard that sends one request per step at a time.

const DEFAULT_SCOPE = 'openid email profile';
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

/** One client's settings and shared helpers, handed to each of its parts. */
export interface ClientContext {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
  readonly uiLocales?: string;
  readonly completion: 'session' | 'tokens';
  /** Plain http is accepted for a loopback development backend only (see {@link checkIssuer}). */
  readonly allowHttp: boolean;
  /** The page's fetch as it was when the client was created (fault E8). */
  readonly fetch: typeof fetch;
  readonly window: ClientWindow;
  readonly location: ClientLocation;
  /** Where redirect and popup sign-ins, and a `redirect_to_web`, come back to. */
  redirectUri(): string;
  /** This tab's storage for redirect transactions; undefined when the browser blocks it. */
  tabStorage(): TabStorage | undefined;
  /** What a request of one call needs: the fetch, the timeout, the call's signal. */
  request(call?: CallOptions): RequestContext;
  /** One request per key at a time: a second call while one is in flight gets the same promise (fault K1). */
  once<T>(key: string, run: () => Promise<T>): Promise<T>;
}

/** Checks the options and applies their defaults. */
export function createClientContext(options: ClientOptions): ClientContext {
  const issuer = checkIssuer(options.issuer);
  if (!options.clientId) throw new LatchError(LatchErrorCode.INVALID_OPTIONS, 'clientId is required');
  // Keep the fetch the page had at load: a host that patches fetch later (zone.js, analytics) does not
  // change our behaviour (fault E8).
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeout = options.timeout ?? 15_000;
  const inflight = new Map<string, Promise<unknown>>();
  const location = options.location ?? globalThis.location;
  return {
    issuer,
    clientId: options.clientId,
    scope: options.scope ?? DEFAULT_SCOPE,
    uiLocales: options.uiLocales,
    completion: options.completion ?? 'session',
    allowHttp: new URL(issuer).protocol === 'http:',
    fetch: fetchImpl,
    window: options.window ?? globalThis,
    location,
    redirectUri: () => options.redirectUri ?? new URL('/callback', location.href).href,
    tabStorage: () => options.tabStorage ?? tabStorage(),
    request: (call) => ({ fetch: fetchImpl, timeout, signal: call?.signal, origin: location?.origin }),
    once<T>(key: string, run: () => Promise<T>): Promise<T> {
      const pending = inflight.get(key) as Promise<T> | undefined;
      if (pending) return pending;
      const started = run().finally(() => inflight.delete(key));
      inflight.set(key, started);
      return started;
    },
  };
}

/** An issuer must be an absolute https URL; plain http is accepted for loopback development backends only. */
export function checkIssuer(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new LatchError(LatchErrorCode.INVALID_OPTIONS, 'issuer must be an absolute URL', { cause });
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  if (!secure || url.search || url.hash) {
    throw new LatchError(LatchErrorCode.INVALID_OPTIONS, 'issuer must be https (http only on localhost), without query or fragment');
  }
  return url.href.replace(/\/$/, '');
}
