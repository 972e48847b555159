import type { IncomingMessage, ServerResponse } from 'node:http';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnalyticsBatch, type AnalyticsEvent } from '../../src/protocol/index.js';
import type { Clock } from './clock.js';
import { applyCors } from './cors.js';
import { writeFileAtomic } from './files.js';
import { clientIp, HttpError, mediaType, readBody, sendError, sendJson } from './http.js';
import type { RateLimiter } from './rate-limit.js';

// The event collector (profile §29.5): `POST /events` takes an `AnalyticsBatch` as JSON, or as `text/plain` (what
// `navigator.sendBeacon` sends without a preflight), checks it against the schema, refuses anything that looks
// like personal data, drops an event id it already has, and appends the rest to the demo's data directory. The
// funnel dashboard (dashboard.ts) reads them back.

/** `ciam_events_endpoint`. */
export const EVENTS_PATH = '/events';

/** One stored event: which client sent it, when it arrived, and the event as the schema parsed it. */
export interface StoredEvent {
  client_id: string;
  /** Epoch milliseconds on the backend's clock. */
  received_at: number;
  event: AnalyticsEvent;
}

/** The most events the demo keeps; past it the collector answers `503` until the store is cleared. */
export const MAX_STORED_EVENTS = 200_000;

/** Members no event has, whose presence means a client is sending personal data or a secret. */
const PERSONAL_KEYS = new Set([
  'email',
  'name',
  'given_name',
  'family_name',
  'phone',
  'phone_number',
  'sub',
  'user_id',
  'ip',
  'password',
  'auth_session',
  'access_token',
  'id_token',
  'refresh_token',
]);

/** Text shaped like an email address or a JWT, anywhere. */
const PERSONAL_TEXT: ReadonlyArray<[RegExp, string]> = [
  [/[^\s@"<>]+@[^\s@"<>]+\.[a-z]{2,}/i, 'an email address'],
  [/eyJ[\w-]{6,}\.[\w-]{6,}\./, 'a token'],
];

/** Text shaped like a one-time code (six to eight digits), in any member but the opaque ids and versions. */
const CODE_SHAPE = /^\d{6,8}$/;

/** Members whose values are opaque ids or a version (`"20261204"` is a fine `config_version`), not a place a code could leak to. */
const OPAQUE_MEMBERS = new Set(['id', 'view', 'visitor', 'config_version', 'at']);

/** What a client learns: how many events were new, and how many it had sent before. */
export interface Accepted {
  accepted: number;
  duplicates: number;
}

/** Where a batch may come from: a known client, and pages of its allowed origins. */
export interface CollectorClients {
  known(clientId: string): boolean;
  allows(clientId: string, origin: string): boolean;
}

/** The demo's event store: one JSON line per event in `analytics-events.jsonl`, appended in arrival order. */
export class EventCollector {
  readonly #path: string;
  readonly #clock: Clock;
  #events: StoredEvent[] = [];
  readonly #ids = new Set<string>();
  #writing: Promise<void> = Promise.resolve();

  private constructor(path: string, clock: Clock) {
    this.#path = path;
    this.#clock = clock;
  }

  static async open(dataDir: string, clock: Clock): Promise<EventCollector> {
    const collector = new EventCollector(join(dataDir, 'analytics-events.jsonl'), clock);
    const text = await readFile(collector.#path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const stored = JSON.parse(line) as StoredEvent;
      collector.#events.push(stored);
      collector.#ids.add(stored.event.id);
    }
    return collector;
  }

  /** Every stored event, oldest first. */
  list(): readonly StoredEvent[] {
    return this.#events;
  }

  /**
   * Checks and stores one batch (a parsed JSON value): the schema, no personal data, a known client, then
   * every event id not stored before. The HTTP route and the dashboard's replay both come through here.
   */
  async accept(input: unknown, clients: Pick<CollectorClients, 'known'>): Promise<Accepted> {
    const personal = findPersonalData(input);
    if (personal) throw new HttpError(400, 'invalid_request', `an event carries ${personal}; events hold no personal data (profile §29.2)`);
    const parsed = AnalyticsBatch.safeParse(input);
    if (!parsed.success) throw new HttpError(400, 'invalid_request', `not an AnalyticsBatch: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const batch = parsed.data;
    if (!clients.known(batch.client_id)) throw new HttpError(400, 'invalid_client', 'unknown client');
    const fresh = uniqueById(batch.events).filter((event) => !this.#ids.has(event.id));
    if (this.#events.length + fresh.length > MAX_STORED_EVENTS) {
      throw new HttpError(503, 'temporarily_unavailable', 'the demo event store is full; clear it', { 'Retry-After': '60' });
    }
    const receivedAt = this.#clock.now();
    const stored = fresh.map((event): StoredEvent => ({ client_id: batch.client_id, received_at: receivedAt, event }));
    for (const entry of stored) {
      this.#events.push(entry);
      this.#ids.add(entry.event.id);
    }
    if (stored.length > 0) await this.#write(() => appendFile(this.#path, stored.map((entry) => `${JSON.stringify(entry)}\n`).join(''), { mode: 0o600 }));
    return { accepted: stored.length, duplicates: batch.events.length - stored.length };
  }

  /** Forgets every event (the dashboard's "Clear"). */
  async clear(): Promise<void> {
    this.#events = [];
    this.#ids.clear();
    await this.#write(() => writeFileAtomic(this.#path, ''));
  }

  /**
   * `POST /events`, from a page of one of the client's allowed origins (or from a server, with no `Origin`):
   * `200 { accepted, duplicates }`; `400` for a batch the schema refuses or one carrying personal data;
   * `403 origin_not_allowed`; `415` for another media type; `429` past the per-address rate.
   */
  async handle(req: IncomingMessage, res: ServerResponse, context: { allowedOrigins: readonly string[]; clients: CollectorClients; limiter: RateLimiter }): Promise<void> {
    if (applyCors(req, res, context.allowedOrigins)) return;
    try {
      if (req.method !== 'POST') throw new HttpError(405, 'invalid_request', 'use POST', { Allow: 'POST' });
      if (!['application/json', 'text/plain'].includes(mediaType(req))) throw new HttpError(415, 'invalid_request', 'send application/json or text/plain');
      const wait = context.limiter.hit(clientIp(req));
      if (wait > 0) throw new HttpError(429, 'slow_down', 'too many batches', { 'Retry-After': String(wait) });
      const input = parseJson(await readBody(req));
      const origin = req.headers.origin;
      const clientId = (input as { client_id?: unknown } | null)?.client_id;
      if (origin !== undefined && !(typeof clientId === 'string' && context.clients.allows(clientId, origin))) {
        throw new HttpError(403, 'origin_not_allowed', `${origin} is not an allowed origin of this client`);
      }
      sendJson(res, 200, await this.accept(input, context.clients));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendError(res, error);
    }
  }

  /** Writes one at a time, in order, so appends and a clear never interleave. */
  #write(task: () => Promise<void>): Promise<void> {
    this.#writing = this.#writing.then(task, task);
    return this.#writing;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_request', 'body is not valid JSON');
  }
}

/** The first event of each id in a batch (a client that retried inside one batch). */
function uniqueById(events: AnalyticsEvent[]): AnalyticsEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => !seen.has(event.id) && seen.add(event.id));
}

/**
 * What in a raw batch looks like personal data, or `undefined`: a member named like one (`email`, `sub`, a token),
 * or any text shaped like an email address, a JWT or a one-time code. Scanned before parsing, so a member the
 * schema would silently drop still gets the batch refused and the client's mistake seen.
 */
export function findPersonalData(value: unknown, depth = 0, member = ''): string | undefined {
  if (depth > 8) return undefined;
  if (typeof value === 'string') {
    const shaped = PERSONAL_TEXT.find(([shape]) => shape.test(value))?.[1];
    return shaped ?? (!OPAQUE_MEMBERS.has(member) && CODE_SHAPE.test(value) ? 'a one-time code' : undefined);
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findPersonalData(item, depth + 1, member);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (PERSONAL_KEYS.has(key.toLowerCase())) return `the member "${key}"`;
    const found = findPersonalData(item, depth + 1, key);
    if (found) return found;
  }
  return undefined;
}
