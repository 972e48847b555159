import type { IncomingMessage, ServerResponse } from 'node:http';

/** Methods the profile endpoints answer (`/session` is GET, PATCH, POST and DELETE; `/passkeys/{id}` PATCH and DELETE). */
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
/** Request headers the client sends that are not CORS-safelisted (JSON bodies, Bearer tokens). */
const ALLOWED_HEADERS = 'Content-Type, Authorization, Accept';
/** Response headers the client reads: the wait, the step-up challenge (RFC 9470) and the server's clock. */
const EXPOSED_HEADERS = 'Retry-After, WWW-Authenticate, Date';
/** How long a browser may cache a preflight answer (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * The credentialed CORS allow-list of the profile endpoints (Fetch §3.2): a request from an allowed origin
 * gets its origin echoed with `Access-Control-Allow-Credentials`, so the widget on a sibling subdomain can send
 * and receive the session cookie; any other origin gets no CORS headers and the browser withholds the answer.
 * Answers a preflight itself and returns `true`; otherwise only sets headers for the handler's answer.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  // The answer depends on Origin, so shared caches must key on it (Fetch §3.2.5 "CORS protocol and HTTP caches").
  res.setHeader('Vary', 'Origin');
  const allowed = origin !== undefined && allowedOrigins.includes(origin);
  if (allowed) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }
  if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return false;
  if (allowed) {
    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
  }
  res.writeHead(204, { 'Cache-Control': 'no-store' });
  res.end();
  return true;
}
