import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { AnalyticsBatch, type AnalyticsEvent } from '../../../src/protocol/analytics.js';
import { STRICT_CSP } from './widget.js';

// A real HTTP collector for the analytics specs (until the reference backend's `POST /events` is merged): it
// keeps every body it receives as sent, and checks each against the contract's `AnalyticsBatch` schema.

export interface Collector {
  url: string;
  origin: string;
  /** Every request body, as received. */
  bodies: string[];
  /** Every event of every batch, in arrival order (each batch checked with `AnalyticsBatch`). */
  events(): AnalyticsEvent[];
  /** Bodies the page's route handed on (what left the browser, even when the page was gone before the forward). */
  routed: string[];
  /** Content types the batches came with. */
  contentTypes: string[];
  close(): Promise<void>;
}

export async function startCollector(): Promise<Collector> {
  const bodies: string[] = [];
  const contentTypes: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/events') {
        bodies.push(body);
        contentTypes.push(request.headers['content-type'] ?? '');
      }
      response.writeHead(request.method === 'POST' ? 204 : 404, { 'access-control-allow-origin': '*' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/events`,
    origin,
    bodies,
    routed: [],
    contentTypes,
    events: () => bodies.flatMap((body) => AnalyticsBatch.parse(JSON.parse(body)).events),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Records the page's `latch-analytics` events (their `detail`) and keeps `dataLayer` readable. */
export async function recordAnalytics(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __analytics: unknown[] }).__analytics = seen;
    document.addEventListener('latch-analytics', (event) => seen.push((event as CustomEvent).detail));
  });
}

/** The `latch-analytics` events the page saw so far. */
export function domEvents(page: Page): Promise<AnalyticsEvent[]> {
  return page.evaluate(() => (window as unknown as { __analytics: AnalyticsEvent[] }).__analytics);
}

/** Where the analytics pages send their beacons: a path on the page's own origin, forwarded to the collector. */
export const COLLECT_PATH = '/collect/events';

/**
 * Serves `path` on the backend's origin, under the strict CSP, and forwards what the page posts to
 * {@link COLLECT_PATH} to `collector`, as the browser sent it. (A page a test fulfils has no address, so Chromium's
 * Local Network Access blocks its requests to another loopback origin; a site's own path is also the usual setup.)
 */
export async function serveAnalyticsPage(page: Page, path: string, collector: Collector, body: string): Promise<void> {
  await page.route(`**${COLLECT_PATH}`, async (route) => {
    collector.routed.push(route.request().postData() ?? '');
    await route.fulfill({ response: await route.fetch({ url: collector.url }) }).catch(() => undefined);
  });
  await page.route(path, (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'content-security-policy': STRICT_CSP },
      body: `<!doctype html><html lang="en"><head><title>Analytics page</title><script type="module" src="/dist/latchkey.js"></script></head><body><main>${body}</main></body></html>`,
    }),
  );
}
