import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from '@playwright/test';
import { AnalyticsBatch, type AnalyticsEvent } from '../../../src/protocol/analytics.js';
import { backendURL, CLIENT_ID } from './backend.js';
import { expect } from './widget.js';

// The analytics specs' view of the reference backend's event collector (`POST /events`, docs/protocol.md §29.5):
// what it stored (`GET /dev/events`), emptying it (`POST /dev/events/clear`), the batches a page posted to it, and
// the `latch-analytics` events the page itself saw. The e2e tests run one at a time against one backend, so a
// test reads the events of its own views, or clears the store first when it needs exact totals.

/** The collector's path on the backend (`ciam_events_endpoint`). */
export const EVENTS_PATH = '/events';

/** One stored event, and when its batch arrived (every event of one batch shares the moment). */
export interface StoredEvent {
  client_id: string;
  received_at: number;
  event: AnalyticsEvent;
}

/** Every event the collector stored, oldest first, with its arrival. */
export async function storedEntries(): Promise<StoredEvent[]> {
  return ((await (await fetch(`${backendURL()}/dev/events`)).json()) as { events: StoredEvent[] }).events;
}

/** Every event the collector stored, oldest first. */
export async function storedEvents(): Promise<AnalyticsEvent[]> {
  return (await storedEntries()).map((entry) => entry.event);
}

/** Empties the collector's store (the dashboard's "Clear all events"). */
export async function clearStoredEvents(): Promise<void> {
  const response = await fetch(`${backendURL()}/dev/events/clear`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(response.status).toBe(200);
}

/** The stored events whose id is one of `ids`, once all of them have arrived, in the order they were stored. */
export async function storedOnceArrived(ids: readonly string[]): Promise<AnalyticsEvent[]> {
  await expect.poll(async () => (await storedEvents()).filter((event) => ids.includes(event.id)).length).toBe(ids.length);
  return (await storedEvents()).filter((event) => ids.includes(event.id));
}

/** The batches the pages of a context posted to the collector while they were open. */
export interface SentBatches {
  /** Every request body, as sent. */
  bodies: string[];
  /** The content type of each. */
  contentTypes: string[];
  /** Every event of every batch, in the order sent (each body checked with `AnalyticsBatch`). */
  events(): AnalyticsEvent[];
}

/**
 * Records what the context's pages post to {@link EVENTS_PATH}, and passes it on to the backend unchanged. (Only a
 * routed request shows its `sendBeacon` body; a beacon sent while a page unloads is not seen here, only stored.)
 */
export async function recordSentBatches(context: BrowserContext): Promise<SentBatches> {
  const bodies: string[] = [];
  const contentTypes: string[] = [];
  await context.route(
    (url) => url.pathname === EVENTS_PATH,
    async (route) => {
      bodies.push(route.request().postData() ?? '');
      contentTypes.push((await route.request().headerValue('content-type')) ?? '');
      await route.continue();
    },
  );
  return { bodies, contentTypes, events: () => bodies.flatMap((body) => AnalyticsBatch.parse(JSON.parse(body)).events) };
}

/**
 * Adds a `pagehide` beacon of the test's own (one event of a view of its own) behind the listeners the page has
 * now, the widget's included; returns its id. Once the collector holds it, what the widget sent as the page went
 * away went first.
 */
export async function markLeaving(page: Page): Promise<string> {
  const marker = {
    v: 1,
    id: randomUUID(),
    at: Date.now(),
    view: randomUUID(),
    visitor: '0'.repeat(32),
    experiments: [],
    locale: 'en',
    type: 'abandoned',
    step: 'identifier',
    elapsed_ms: 1,
  };
  await page.evaluate(
    ({ path, batch }) => addEventListener('pagehide', () => navigator.sendBeacon(path, new Blob([JSON.stringify(batch)], { type: 'text/plain' }))),
    { path: EVENTS_PATH, batch: { client_id: CLIENT_ID, events: [marker] } },
  );
  return marker.id;
}

/** Leaves `page` for `to` by a normal navigation, and waits until the collector has the {@link markLeaving} beacon; returns its id. */
export async function leaveAfterMarker(page: Page, to: string): Promise<string> {
  const marker = await markLeaving(page);
  await page.goto(to);
  await storedOnceArrived([marker]);
  return marker;
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
