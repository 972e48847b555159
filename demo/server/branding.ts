import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Branding } from '../../src/protocol/index.js';
import { HttpError, sendError, sendJson } from './http.js';
import { SITE_NAME } from './html.js';
import { DEMO_CLIENT_ID } from './provider.js';

// How each client presents itself and where its sign-in may run (profile §26.1–§26.2): `GET /branding?client_id=`
// for the widget, and the per-client origin allow-list every credentialed profile endpoint enforces.

/** `GET ciam_branding_endpoint`; the demo logo beside it. */
export const BRANDING_PATH = '/branding';
export const LOGO_PATH = '/branding/logo.svg';

/** Seconds a browser or CDN may keep the branding (it changes when a client's registration does). */
const BRANDING_MAX_AGE_SECONDS = 300;

/** The demo's mark: a rounded square with an "A", same-origin with the issuer so the widget there shows it. */
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/>' +
  '<path d="M16 7 8 25h4l1.6-4h4.8l1.6 4h4L16 7Zm0 6.5 1.7 4.5h-3.4L16 13.5Z" fill="#fff"/></svg>';

/** The demo's logo at {@link LOGO_PATH}, public and cacheable like the branding (the better-auth demo serves it too). */
export function sendLogo(res: ServerResponse): void {
  res.writeHead(200, {
    'Cache-Control': `public, max-age=${BRANDING_MAX_AGE_SECONDS}`,
    'Access-Control-Allow-Origin': '*',
    'Content-Type': 'image/svg+xml',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'",
  });
  res.end(LOGO_SVG);
}

/** Every client's branding, by client id. */
export class ClientBranding {
  readonly #clients: ReadonlyMap<string, Branding>;

  /** `allowedOrigins`: the demo client's (the issuer's, the site's and the app origins: those CORS allows). */
  constructor(issuer: string, allowedOrigins: readonly string[]) {
    this.#clients = new Map([
      [
        DEMO_CLIENT_ID,
        {
          client_id: DEMO_CLIENT_ID,
          client_name: SITE_NAME,
          logo_uri: `${issuer}${LOGO_PATH}`,
          // Issue 13's documents; the widget links them where they are https or on its own origin.
          policy_uri: `${issuer}/policies/privacy`,
          tos_uri: `${issuer}/policies/terms`,
          allowed_origins: [...allowedOrigins],
        },
      ],
    ]);
  }

  of(clientId: string): Branding | undefined {
    return this.#clients.get(clientId);
  }

  /**
   * Whether a page of `origin` may run a sign-in: for `clientId`'s allow-list, or, on endpoints whose
   * requests name no client (the session, the account resources), any client's.
   */
  allows(origin: string, clientId?: string): boolean {
    const clients = clientId === undefined ? [...this.#clients.values()] : [this.of(clientId)];
    return clients.some((branding) => branding?.allowed_origins.includes(origin));
  }

  /**
   * Refuses a request whose `Origin` is present and allowed for no client: `403 origin_not_allowed`, before
   * anything is read or changed (profile §26.2). Like every answer to a foreign origin it carries no CORS
   * headers, so a page there learns only that it was refused (its widget also compares the branding's
   * `allowed_origins` with its own origin). Returns whether it refused.
   */
  refuse(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (origin === undefined || this.allows(origin)) return false;
    sendError(res, new HttpError(403, 'origin_not_allowed', `${origin} is not an allowed origin of this client`));
    return true;
  }

  /** `GET /branding?client_id=` (public, any origin, cacheable) and the demo's logo. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, new HttpError(405, 'invalid_request', 'GET only', { Allow: 'GET' }));
    const cache = { 'Cache-Control': `public, max-age=${BRANDING_MAX_AGE_SECONDS}`, 'Access-Control-Allow-Origin': '*' };
    if (url.pathname === LOGO_PATH) return sendLogo(res);
    const branding = this.of(url.searchParams.get('client_id') ?? '');
    if (!branding) return sendError(res, new HttpError(404, 'invalid_client', 'unknown client', { 'Access-Control-Allow-Origin': '*' }));
    sendJson(res, 200, branding, cache);
  }
}

/** Whether a path is the branding resource or its logo. */
export function isBrandingPath(pathname: string): boolean {
  return pathname === BRANDING_PATH || pathname === LOGO_PATH;
}
