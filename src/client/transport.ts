import type * as z from 'zod/mini';
import { LatchError, LatchErrorCode, type ConfigProblem } from './errors.js';

/** README "Troubleshooting": each code is a heading there, so `#<code in lower case>` is its anchor. */
export const TROUBLESHOOTING_URL = 'https://www.npmjs.com/package/latchkey#troubleshooting';

/** Which misconfigurations this page has told the console about. */
const told = new Set<string>();

/**
 * A misconfiguration (`LATCH_CONFIG_*`) is the developer's to fix, so besides the widget's message it is told
 * in the console, in English, once per page per problem, with the README entry that explains the fix. `message`
 * says exactly what is wrong. (Here, with the requests whose failures find them, so it ships in the client chunk.)
 */
export function configError(code: LatchErrorCode, message: string, config: ConfigProblem, cause?: unknown): LatchError {
  const key = `${code} ${message}`;
  if (!told.has(key)) {
    told.add(key);
    console.error(`Latchkey ${code}: ${message}\nHow to fix it: ${TROUBLESHOOTING_URL.replace('#troubleshooting', `#${code.toLowerCase()}`)}`);
  }
  return new LatchError(code, message, { config, cause });
}

/** Largest response body the client reads; anything bigger is a hostile or broken backend (fault R6). */
const MAX_BODY_BYTES = 256 * 1024;

/** What every request needs: the fetch to use, the timeout, and the caller's abort signal. */
export interface RequestContext {
  fetch: typeof fetch;
  /** Milliseconds before the request is given up. */
  timeout: number;
  signal?: AbortSignal;
  /** The page's origin: a failed request to another origin is probed to tell CORS from a network fault. */
  origin?: string;
}

/**
 * Sends a request with a timeout and the caller's abort signal; network faults become {@link LatchError}s.
 * Cookies go along (`credentials: 'include'`) unless `init` says otherwise: the profile's endpoints need the
 * session and device cookies, while a public document such as discovery must go without them (a provider
 * answering `Access-Control-Allow-Origin: *` is refused by the browser for a credentialed request).
 */
export async function send(url: string, init: RequestInit, context: RequestContext): Promise<Response> {
  const signal = withTimeout(context);
  try {
    return await context.fetch(url, { credentials: 'include', ...init, signal, redirect: 'error' });
  } catch (cause) {
    const error = abortOrNetworkError(cause, context.signal);
    throw error.code === LatchErrorCode.NETWORK ? await corsOrNetworkError(url, error, context) : error;
  }
}

/**
 * A fetch fails the same way when the backend is down and when it refused the page's origin (the Fetch
 * standard makes a CORS failure a network error). An opaque `no-cors` request tells them apart: it succeeds whenever
 * the server answers at all, so the backend is up and it is CORS that refused (a redirect fails the same
 * way and is as much a misconfiguration of an API endpoint).
 */
async function corsOrNetworkError(url: string, network: LatchError, context: RequestContext): Promise<LatchError> {
  const { origin } = context;
  if (!origin || origin === 'null') return network;
  const backend = new URL(url, origin).origin;
  if (backend === origin) return network;
  const answered = await context.fetch(url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit', signal: withTimeout(context) }).then(
    () => true,
    () => false,
  );
  if (!answered) return network;
  return configError(
    LatchErrorCode.CONFIG_CORS_REFUSED,
    `The backend at ${backend} answers, but refuses requests from this page's origin ${origin} (CORS). Add ${origin} to the backend's allowed origins, or serve the backend through this origin's proxy.`,
    { issuer: backend, origin },
    network,
  );
}

/**
 * The caller's signal combined with the request timeout. The timeout is a `setTimeout` rather than
 * `AbortSignal.timeout()` so that the page's clock governs it and tests can move that clock.
 */
export function withTimeout(context: RequestContext): AbortSignal {
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new DOMException('The backend did not answer in time', 'TimeoutError')),
    context.timeout,
  );
  const signal = context.signal ? AbortSignal.any([context.signal, timeout.signal]) : timeout.signal;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return signal;
}

/** Maps a failed fetch (or body read) to ABORTED, TIMEOUT or NETWORK. */
function abortOrNetworkError(cause: unknown, caller: AbortSignal | undefined): LatchError {
  if (caller?.aborted) return new LatchError(LatchErrorCode.ABORTED, 'Request aborted', { cause });
  if (cause instanceof DOMException && cause.name === 'TimeoutError') return new LatchError(LatchErrorCode.TIMEOUT, 'The backend did not answer in time', { cause });
  return new LatchError(LatchErrorCode.NETWORK, 'Network request failed', { cause });
}

/**
 * Reads a JSON body, refusing non-JSON content types (a proxy's HTML error page, fault R8), bodies over
 * {@link MAX_BODY_BYTES} (R6) and malformed JSON (R9).
 */
export async function readJSON(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw invalidResponse(`Expected JSON, got "${type.slice(0, 64)}" (HTTP ${response.status})`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_BODY_BYTES) throw invalidResponse('Response body too large');
  const text = await readCapped(response);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw invalidResponse('Response body is not valid JSON', cause);
  }
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  // A declared length (already checked against the cap) is read whole: Chromium reports a body streamed to
  // its end as a cancelled request (ERR_ABORTED) though every byte arrived.
  if (response.headers.has('content-length')) return readWhole(response);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > MAX_BODY_BYTES) {
        await reader.cancel();
        throw invalidResponse('Response body too large');
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (cause) {
    if (cause instanceof LatchError) throw cause;
    throw new LatchError(LatchErrorCode.NETWORK, 'Connection dropped while reading the response', { cause });
  }
  return text + decoder.decode();
}

async function readWhole(response: Response): Promise<string> {
  let body: ArrayBuffer;
  try {
    body = await response.arrayBuffer();
  } catch (cause) {
    throw new LatchError(LatchErrorCode.NETWORK, 'Connection dropped while reading the response', { cause });
  }
  // A compressed body declares its compressed length; what it decoded to must fit the cap too.
  if (body.byteLength > MAX_BODY_BYTES) throw invalidResponse('Response body too large');
  return new TextDecoder().decode(body);
}

/** Parses a value with a profile schema; a mismatch is INVALID_RESPONSE with the zod issues as `cause`. */
export function parseWith<T extends z.ZodMiniType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidResponse('Response does not match the backend profile', result.error);
  return result.data;
}

/** An INVALID_RESPONSE error. */
export function invalidResponse(message: string, cause?: unknown): LatchError {
  return new LatchError(LatchErrorCode.INVALID_RESPONSE, message, { cause });
}

/**
 * Seconds from a `Retry-After` header (RFC 9110 §10.2.3: delay-seconds or an HTTP-date), clamped to
 * 1 s – 1 h so an absurd value never shows an absurd countdown (fault R14).
 */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - now) / 1000;
  if (!Number.isFinite(value)) return undefined;
  return Math.min(3600, Math.max(1, Math.ceil(value)));
}
