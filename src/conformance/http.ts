import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

// The runner's HTTP client: one cookie jar per simulated browser, every exchange kept for the checks that
// judge all answers at once (Cache-Control, error shapes), and a short description of an answer for a report.

/** One request and its answer, with the body read whole. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  /** Header names lower-cased; `set-cookie` joined with `, `. */
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  json: unknown;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Sent form-encoded (`application/x-www-form-urlencoded`). */
  form?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as is, with the caller's Content-Type. */
  body?: string;
  /** `manual` keeps a 3xx answer (the redirect tier reads its `Location`). */
  redirect?: 'manual' | 'follow';
  /**
   * A top-level navigation (`Sec-Fetch-Mode: navigate`), as a browser follows the redirect tier. Node's fetch always
   * sends `Sec-Fetch-Mode: cors`, which a provider may rightly answer as a script's request (better-auth's
   * oauth-provider answers `200 {redirect, url}` instead of `302`), so a navigation goes out through node:http.
   */
  navigate?: boolean;
}

/** One answer as the client reads it: status, headers, body. */
interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Every exchange of a run, in order, for the checks that judge them together. */
export class ExchangeLog {
  readonly all: Exchange[] = [];
}

/**
 * A browser as far as a backend can tell: its own cookies (one host, the issuer's), no `Origin` unless given.
 * Node's fetch sends no cookies of its own, so the jar is explicit.
 */
export class Browser {
  readonly #cookies = new Map<string, string>();

  constructor(readonly log: ExchangeLog) {}

  get hasCookies(): boolean {
    return this.#cookies.size > 0;
  }

  async send(url: string, options: RequestOptions = {}): Promise<Exchange> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    let body: string | undefined = options.body;
    if (options.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    if (this.#cookies.size > 0) headers['Cookie'] = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const method = options.method ?? (body === undefined ? 'GET' : 'POST');
    const response: RawAnswer = options.navigate
      ? await navigate(url, { ...headers, 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' })
      : await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), redirect: options.redirect ?? 'manual' }).then(async (answer) => ({
          status: answer.status,
          headers: answer.headers,
          text: await answer.text(),
        }));
    this.#keepCookies(response.headers.getSetCookie());
    const text = response.text;
    const exchange: Exchange = { method, url, status: response.status, headers: headersOf(response.headers), text, json: parseJson(text) };
    this.log.all.push(exchange);
    return exchange;
  }

  /** RFC 6265 §5.2, as far as one host needs: a cookie set empty or already expired is removed. */
  #keepCookies(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', val = ''] = attribute.split('=').map((part) => part.trim());
        return (key.toLowerCase() === 'max-age' && Number(val) <= 0) || (key.toLowerCase() === 'expires' && Date.parse(val) < Date.now());
      });
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}

/** A `GET` without fetch's own `Sec-Fetch-*` headers; redirects are not followed. */
function navigate(url: string, headers: Record<string, string>): Promise<RawAnswer> {
  const send = new URL(url).protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(url, { method: 'GET', headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) answerHeaders.append(name, one);
        }
        resolve({ status: incoming.statusCode ?? 0, headers: answerHeaders, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `400 {"error":"…"} (cache-control: no-store)`: what a report shows of an answer, trimmed. */
export function summarize(exchange: Exchange, headerNames: string[] = []): string {
  const body = exchange.text.replace(/\s+/g, ' ').trim();
  const shown = body.length > 240 ? `${body.slice(0, 240)}…` : body;
  const headers = headerNames.map((name) => `${name}: ${exchange.headers[name] ?? '(none)'}`);
  return [`${exchange.status}${shown ? ` ${shown}` : ''}`, ...(headers.length ? [`(${headers.join('; ')})`] : [])].join(' ');
}

/** The answer's JSON body as an object, or `{}`. */
export function bodyOf(exchange: Exchange): Record<string, unknown> {
  return exchange.json && typeof exchange.json === 'object' && !Array.isArray(exchange.json) ? (exchange.json as Record<string, unknown>) : {};
}
