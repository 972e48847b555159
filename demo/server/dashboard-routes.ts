import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BackendContext } from './context.js';
import { DASHBOARD_PATH, sendDashboard } from './dashboard.js';
import { funnelStats } from './funnel-stats.js';
import { scriptedSignIns } from './funnel-replay.js';
import { HttpError, mediaType, readBody, sendError, sendJson } from './http.js';
import { DEMO_CLIENT_ID } from './provider.js';

// The funnel dashboard's routes: the page (`GET /dashboard`), and with `LATCH_DEV=1` the dev routes behind its
// buttons and the tests: `GET /dev/events` (every stored event), `POST /dev/events/clear`, `POST
// /dev/events/replay` (scripted sign-ins through the collector's checks). A form post answers `303` back to the
// page; a JSON post answers JSON.

/** Scripted visitors per variation of a replay unless the request says otherwise. */
const REPLAY_PER_VARIATION = 300;

/** Whether `pathname` is one of these routes (the dev ones only in development). */
export function isDashboardPath(pathname: string, dev: boolean): boolean {
  return pathname === DASHBOARD_PATH || (dev && (pathname === '/dev/events' || pathname.startsWith('/dev/events/')));
}

export async function handleDashboardRoute(req: IncomingMessage, res: ServerResponse, url: URL, ctx: BackendContext, dev: boolean): Promise<void> {
  try {
    switch (url.pathname) {
      case DASHBOARD_PATH:
        return showDashboard(req, res, url, ctx, dev);
      case '/dev/events':
        requireMethod(req, 'GET');
        return sendJson(res, 200, { events: ctx.events.list() });
      case '/dev/events/clear':
        requireSameOriginPost(req, ctx);
        await ctx.events.clear();
        return answer(req, res, { cleared: true }, 'cleared=1');
      case '/dev/events/replay': {
        requireSameOriginPost(req, ctx);
        const { seed, perVariation } = await replayRequest(req);
        const config = ctx.widgetConfigs.of(DEMO_CLIENT_ID)!;
        const totals = { visitors: 0, accepted: 0, duplicates: 0 };
        for (const batch of scriptedSignIns({ config, clientId: DEMO_CLIENT_ID, perVariation, seed, now: ctx.clock.now() })) {
          const result = await ctx.events.accept(batch, { known: (clientId) => ctx.widgetConfigs.of(clientId) !== undefined });
          totals.accepted += result.accepted;
          totals.duplicates += result.duplicates;
        }
        totals.visitors = perVariation * Math.max(...(config.experiments ?? []).map((experiment) => experiment.variations.length));
        return answer(req, res, totals, `replayed=${totals.visitors}`);
      }
      default:
        throw new HttpError(404, 'not_found', 'no such route');
    }
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

function showDashboard(req: IncomingMessage, res: ServerResponse, url: URL, ctx: BackendContext, dev: boolean): void {
  requireMethod(req, 'GET');
  const config = ctx.widgetConfigs.of(DEMO_CLIENT_ID)!;
  const stored = ctx.events.list();
  const replayed = Number(url.searchParams.get('replayed'));
  const notice = url.searchParams.has('cleared')
    ? 'Every stored event was cleared.'
    : Number.isInteger(replayed) && replayed > 0
      ? `Replayed ${replayed} scripted visitors.`
      : undefined;
  sendDashboard(res, {
    experiments: funnelStats(config.experiments ?? [], stored.map((entry) => entry.event)),
    storedEvents: stored.length,
    configVersion: config.version,
    dev,
    notice,
  });
}

/** A replay's seed and size: from a JSON body (tests), else a fresh seed and the default size (the button). */
async function replayRequest(req: IncomingMessage): Promise<{ seed: number; perVariation: number }> {
  const fallback = { seed: randomInt(2 ** 31), perVariation: REPLAY_PER_VARIATION };
  if (mediaType(req) !== 'application/json') return fallback;
  const text = await readBody(req);
  let body: { seed?: unknown; per_variation?: unknown };
  try {
    body = JSON.parse(text || '{}') as typeof body;
  } catch {
    throw new HttpError(400, 'invalid_request', 'body is not valid JSON');
  }
  const seed = Number.isInteger(body.seed) ? (body.seed as number) : fallback.seed;
  const perVariation = Number.isInteger(body.per_variation) && (body.per_variation as number) > 0 && (body.per_variation as number) <= 2000 ? (body.per_variation as number) : fallback.perVariation;
  return { seed, perVariation };
}

function requireMethod(req: IncomingMessage, method: string): void {
  if (req.method !== method) throw new HttpError(405, 'invalid_request', `use ${method}`, { Allow: method });
}

/**
 * A change from the dashboard's own form, or from a test without a page: another page's form is refused (CSRF).
 * The dashboard is served with `Referrer-Policy: no-referrer`, so its own form posts `Origin: null`; the browser's
 * `Sec-Fetch-Site` tells its own page from another.
 */
function requireSameOriginPost(req: IncomingMessage, ctx: BackendContext): void {
  requireMethod(req, 'POST');
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  const foreignSite = site !== undefined && site !== 'same-origin' && site !== 'none';
  const foreignOrigin = origin !== undefined && origin !== 'null' && !ctx.firstPartyOrigins.includes(origin);
  if (foreignSite || foreignOrigin) throw new HttpError(403, 'access_denied', 'not from this site');
}

/** A form post goes back to the dashboard with a notice; anything else gets JSON. */
function answer(req: IncomingMessage, res: ServerResponse, body: object, notice: string): void {
  if (mediaType(req) === 'application/json') return sendJson(res, 200, body);
  res.writeHead(303, { Location: `${DASHBOARD_PATH}?${notice}`, 'Cache-Control': 'no-store' });
  res.end();
}
