import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WidgetConfig } from '../../src/protocol/index.js';
import { HttpError, sendError } from './http.js';
import { DEMO_CLIENT_ID } from './provider.js';

// The widget config (profile §28): `GET /widget-config?client_id=` answers one client's public options and
// experiments with a strong ETag, `Cache-Control: max-age`, `304` on `If-None-Match`, and CORS for the client's
// allowed origins (a preflight too: `If-None-Match` is not a CORS-safelisted header).

/** `ciam_widget_config_endpoint`. */
export const WIDGET_CONFIG_PATH = '/widget-config';

/** Seconds a browser may use its copy before revalidating; the document's `max_age` says the same. */
export const WIDGET_CONFIG_MAX_AGE_SECONDS = 300;

/** The two experiments the demo runs (README "Funnel dashboard (demo)"); their first variation is the control. */
const DEMO_CONFIG: Omit<WidgetConfig, 'version'> = {
  experiments: [
    {
      key: 'passkey-first',
      status: 'running',
      hash_version: 2,
      coverage: 1,
      allow_force: true,
      variations: [
        { key: 'email-first', weight: 0.5, options: { lead: 'email' } },
        { key: 'passkey-first', weight: 0.5, options: { lead: 'passkey' } },
      ],
    },
    {
      key: 'nudge-copy',
      status: 'running',
      hash_version: 2,
      coverage: 1,
      allow_force: true,
      variations: [
        { key: 'standard', weight: 0.5, options: { nudgeCopy: 'standard' } },
        { key: 'faster', weight: 0.5, options: { nudgeCopy: 'faster' } },
      ],
    },
  ],
  max_age: WIDGET_CONFIG_MAX_AGE_SECONDS,
};

/** A published config: the document, its JSON exactly as sent, and the strong ETag of those bytes. */
interface Published {
  config: WidgetConfig;
  body: string;
  etag: string;
}

/**
 * Publishes a config: its `version` is derived from its content (so it changes whenever anything in it does,
 * §28.1) and the ETag from the bytes sent. Checked against the schema, so the demo never serves what the
 * profile would reject.
 */
export function publishWidgetConfig(content: Omit<WidgetConfig, 'version'>): Published {
  const version = `v-${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12)}`;
  const config = WidgetConfig.parse({ version, ...content });
  const body = JSON.stringify(config);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { config, body, etag };
}

/** Every client's widget config, by client id: the demo's one client. */
export class WidgetConfigs {
  readonly #clients: ReadonlyMap<string, Published>;
  readonly #allows: (clientId: string, origin: string) => boolean;

  /** `allows`: whether a page of `origin` may run `clientId`'s sign-in (the branding's allow-list, §26.2). */
  constructor(allows: (clientId: string, origin: string) => boolean, configs: ReadonlyMap<string, Omit<WidgetConfig, 'version'>> = new Map([[DEMO_CLIENT_ID, DEMO_CONFIG]])) {
    this.#clients = new Map([...configs].map(([clientId, content]) => [clientId, publishWidgetConfig(content)]));
    this.#allows = allows;
  }

  /** The config a client's widget gets, or `undefined` for an unknown client. */
  of(clientId: string): WidgetConfig | undefined {
    return this.#clients.get(clientId)?.config;
  }

  /** `GET /widget-config?client_id=` and its CORS preflight. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const clientId = url.searchParams.get('client_id') ?? '';
    const cors = this.#corsHeaders(req, clientId);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, ...(cors['Access-Control-Allow-Origin'] ? PREFLIGHT_HEADERS : {}), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, new HttpError(405, 'invalid_request', 'GET only', { ...cors, Allow: 'GET, HEAD' }));
    const published = this.#clients.get(clientId);
    if (!published) return sendError(res, new HttpError(404, 'invalid_client', 'unknown client', cors));
    const headers = {
      ...cors,
      ETag: published.etag,
      'Cache-Control': `public, max-age=${published.config.max_age ?? WIDGET_CONFIG_MAX_AGE_SECONDS}`,
      'X-Content-Type-Options': 'nosniff',
    };
    if (matchesETag(req.headers['if-none-match'], published.etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(published.body)) });
    res.end(req.method === 'HEAD' ? undefined : published.body);
  }

  /**
   * The config is public, but only the client's own pages get CORS headers: another origin's copy of the embed
   * learns nothing it could use, and the answer varies by `Origin` for shared caches (Fetch §3.2.5).
   */
  #corsHeaders(req: IncomingMessage, clientId: string): Record<string, string> {
    const origin = req.headers.origin;
    if (origin === undefined || !this.#allows(clientId, origin)) return { Vary: 'Origin' };
    return {
      Vary: 'Origin',
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'ETag, Cache-Control',
    };
  }
}

/** What an allowed preflight may ask for: a conditional GET. */
const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, HEAD',
  'Access-Control-Allow-Headers': 'If-None-Match',
  'Access-Control-Max-Age': '600',
};

/** RFC 9110 §13.1.2: `If-None-Match` is `*` or a list of entity tags, compared weakly. */
function matchesETag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
