import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startSpareBackend } from './support/spare-backend.js';
import { E2E_BASE_URL } from './support/backend.js';

// The reference backend's event collector (`POST ciam_events_endpoint`, docs/protocol.md §29.5): what it stores,
// what it refuses, and that a real page's `navigator.sendBeacon` (text/plain, no preflight) reaches it.

const EVENTS = `${E2E_BASE_URL}/events`;

/** A valid v1 event of one view; `fields` override or add members. */
function event(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    v: 1,
    id: randomUUID(),
    at: Date.now(),
    view: randomUUID(),
    visitor: 'a3f1c2d4e5f60718293a4b5c6d7e8f90',
    experiments: [{ key: 'passkey-first', variation: 'email-first' }],
    config_version: 'v-test',
    locale: 'en',
    type: 'identifier_submitted',
    elapsed_ms: 4_200,
    ...fields,
  };
}

async function storedIds(base = E2E_BASE_URL): Promise<string[]> {
  const stored = (await (await fetch(`${base}/dev/events`)).json()) as { events: Array<{ event: { id: string } }> };
  return stored.events.map((entry) => entry.event.id);
}

async function post(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }, url = EVENTS): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

test.describe('POST /events', () => {
  test('stores a batch once: the same event ids sent again are counted as duplicates', async () => {
    const events = [event(), event({ type: 'signed_in', method: 'passkey', elapsed_ms: 6_000, steps: 1, retries: 0 })];
    const first = await post({ client_id: 'latchkey-demo', events });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0 });
    const again = await post({ client_id: 'latchkey-demo', events: [...events, event()] });
    expect(await again.json()).toEqual({ accepted: 1, duplicates: 2 });
    const ids = await storedIds();
    for (const sent of events) expect(ids.filter((id) => id === sent['id'])).toHaveLength(1);
  });

  test('accepts a config version that is all digits: only other members are read as a possible code', async () => {
    const sent = event({ config_version: '20261204' });
    expect((await post({ client_id: 'latchkey-demo', events: [sent] })).status).toBe(200);
    expect(await storedIds()).toContain(sent['id']);
  });

  test('accepts text/plain, what sendBeacon sends without a preflight', async () => {
    const sent = event();
    const response = await post({ client_id: 'latchkey-demo', events: [sent] }, { 'content-type': 'text/plain;charset=UTF-8' });
    expect(response.status).toBe(200);
    expect(await storedIds()).toContain(sent['id']);
  });

  test('refuses a batch with personal data, whatever member carries it, and stores none of it', async () => {
    const innocent = event();
    const carriers = [
      event({ type: 'error_shown', code: 'ada@example.com', step: 'identifier' }),
      event({ email: 'ada@example.com' }),
      event({ type: 'error_shown', code: 'LATCH_INVALID_CODE', step: '482913' }),
      event({ view: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl' }),
      event({ sub: 'user-42' }),
    ];
    for (const carrier of carriers) {
      const response = await post({ client_id: 'latchkey-demo', events: [innocent, carrier] });
      expect(response.status, JSON.stringify(carrier)).toBe(400);
      const body = (await response.json()) as { error: string; error_description: string };
      expect(body.error).toBe('invalid_request');
      expect(body.error_description).toContain('personal data');
      // The refusal names the kind of data, never the data itself.
      expect(body.error_description).not.toMatch(/ada@example\.com|482913|user-42|eyJ/);
    }
    expect(await storedIds()).not.toContain(innocent['id']);
  });

  test('refuses what is not an AnalyticsBatch of a known client, and other media types', async () => {
    expect((await post({ client_id: 'latchkey-demo', events: [event({ type: 'clicked_ad' })] })).status).toBe(400);
    expect((await post({ client_id: 'latchkey-demo', events: [event({ v: 2 })] })).status).toBe(400);
    expect((await post({ client_id: 'latchkey-demo', events: [] })).status).toBe(400);
    expect((await post('{not json', { 'content-type': 'text/plain' })).status).toBe(400);
    const unknown = await post({ client_id: 'someone-else', events: [event()] });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_client' });
    const form = await post('client_id=latchkey-demo', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
  });

  test("refuses a page of an origin the client does not allow, even without a preflight", async () => {
    const sent = event();
    const response = await post({ client_id: 'latchkey-demo', events: [sent] }, { 'content-type': 'text/plain', origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'origin_not_allowed' });
    expect(await storedIds()).not.toContain(sent['id']);
  });

  test("a page's navigator.sendBeacon on pagehide delivers its batch as the page goes away", async ({ page }) => {
    await page.goto('/plain.html');
    const sent = event({ type: 'abandoned', step: 'identifier' });
    await page.evaluate((batch) => {
      addEventListener('pagehide', () => navigator.sendBeacon('/events', JSON.stringify(batch)));
    }, { client_id: 'latchkey-demo', events: [sent] });
    await page.goto('/dashboard');
    await expect.poll(storedIds).toContain(sent['id']);
  });

  test('keeps the stored events across a restart of the backend (the data directory)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latch-events-'));
    const sent = event();
    let backend = await startSpareBackend({ dataDir, dev: true });
    try {
      expect((await post({ client_id: 'latchkey-demo', events: [sent] }, { 'content-type': 'application/json' }, `${backend.url}/events`)).status).toBe(200);
    } finally {
      await backend.close();
    }
    backend = await startSpareBackend({ dataDir, dev: true });
    try {
      expect(await storedIds(backend.url)).toEqual([sent['id']]);
      // The duplicate check survives the restart too.
      expect(await (await post({ client_id: 'latchkey-demo', events: [sent] }, { 'content-type': 'application/json' }, `${backend.url}/events`)).json()).toEqual({
        accepted: 0,
        duplicates: 1,
      });
    } finally {
      await backend.close();
    }
  });
});
