import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body any profile endpoint reads (FiPA §9.3: bound the work an attacker can cause). */
export const MAX_BODY_BYTES = 64 * 1024;

/** A request failure that maps straight to an HTTP answer with an RFC 6749-style JSON body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description?: string,
    readonly headers: Record<string, string> = {},
    /** Extra members of the JSON error body (`attempts_remaining`, `field_errors`, …). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(description ?? error);
  }
}

/** Headers every JSON answer carries: never cached (RFC 6749 §5.1), never sniffed. */
const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const json = JSON.stringify(body);
  // A declared length lets the client read the body whole (src/client/transport.ts readCapped).
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': String(Buffer.byteLength(json)), ...headers });
  res.end(json);
}

export function sendNoContent(res: ServerResponse, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(204, { 'Cache-Control': 'no-store', ...headers });
  res.end();
}

export function sendError(res: ServerResponse, failure: HttpError, extra: Record<string, unknown> = {}): void {
  const body: Record<string, unknown> = { error: failure.error };
  if (failure.description) body.error_description = failure.description;
  Object.assign(body, failure.body, extra);
  sendJson(res, failure.status, body, failure.headers);
}

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Reads the body as UTF-8, refusing more than {@link MAX_BODY_BYTES} with 413 before buffering it all. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, 'invalid_request', 'request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'invalid_request', 'request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; anything that is not JSON is `invalid_request`. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_request', 'body is not valid JSON');
  }
}

/**
 * Requires `application/json`. A cross-site page can send a form or `text/plain` without a CORS preflight,
 * but not JSON, so this is the CSRF defence of every state-changing JSON endpoint (OWASP CSRF cheat sheet).
 */
export function requireJson(req: IncomingMessage): void {
  if (mediaType(req) !== 'application/json') {
    throw new HttpError(415, 'invalid_request', 'Content-Type must be application/json');
  }
}

/** Cookie header → map; the first occurrence of a name wins (RFC 6265 §5.4). */
export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** The caller's address for rate limiting; the demo is never behind a proxy, so X-Forwarded-For is ignored. */
export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
