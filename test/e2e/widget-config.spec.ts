import { createServer, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { WidgetConfig } from '../../src/protocol/index.js';
import { E2E_BASE_URL } from './support/backend.js';

// The reference backend's widget config (docs/protocol.md §28.1): advertised in discovery, one public document
// per client with a strong ETag, `Cache-Control: max-age` and `304` on `If-None-Match`, and CORS for the client's
// own origins only. The browser half runs in Chromium from two real origins: an app origin the demo client allows
// (README "A backend for your app's dev server"), and one it does not.

const PORT = Number(process.env.E2E_PORT ?? 4173);
const CONFIG_URL = `${E2E_BASE_URL}/widget-config?client_id=latchkey-demo`;
const ALLOWED = `http://localhost:${Number(process.env.E2E_DEV_SERVER_PORT ?? PORT + 9)}`;
const FOREIGN = `http://localhost:${Number(process.env.E2E_SITE_PORT ?? 4453)}`;

const servers: Server[] = [];

test.beforeAll(async () => {
  for (const origin of [ALLOWED, FOREIGN]) {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html lang="en"><title>Site</title><p>Site</p></html>'));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(Number(new URL(origin).port), '127.0.0.1', resolve));
  }
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

test.describe('GET /widget-config', () => {
  test('discovery advertises the widget config and the event collector', async ({ request }) => {
    const metadata = (await (await request.get(`${E2E_BASE_URL}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata['ciam_widget_config_endpoint']).toBe(`${E2E_BASE_URL}/widget-config`);
    expect(metadata['ciam_events_endpoint']).toBe(`${E2E_BASE_URL}/events`);
  });

  test("answers the demo client's two running experiments, valid against the schema, with a strong ETag and max-age", async ({ request }) => {
    const response = await request.get(CONFIG_URL);
    expect(response.status()).toBe(200);
    const config = WidgetConfig.parse(await response.json());
    expect(config.experiments?.map((experiment) => [experiment.key, experiment.status, experiment.variations.map((variation) => variation.key)])).toEqual([
      ['passkey-first', 'running', ['email-first', 'passkey-first']],
      ['nudge-copy', 'running', ['standard', 'faster']],
    ]);
    expect(config.experiments?.[0]?.variations.map((variation) => variation.options)).toEqual([{ lead: 'email' }, { lead: 'passkey' }]);
    expect(config.experiments?.[1]?.variations.map((variation) => variation.options)).toEqual([{ nudgeCopy: 'standard' }, { nudgeCopy: 'faster' }]);
    const etag = response.headers()['etag'];
    expect(etag, 'a strong entity tag (RFC 9110 §8.8.3)').toMatch(/^"[^"]+"$/);
    expect(response.headers()['cache-control']).toBe(`public, max-age=${config.max_age}`);
    expect(config.max_age).toBe(300);
    // The same document, the same version and tag on every request: a browser's cached copy stays valid.
    const again = await request.get(CONFIG_URL);
    expect(again.headers()['etag']).toBe(etag);
    expect(((await again.json()) as WidgetConfig).version).toBe(config.version);
  });

  test('answers 304 with no body to If-None-Match naming the current tag, and the document to a stale one', async ({ request }) => {
    const etag = (await request.get(CONFIG_URL)).headers()['etag']!;
    const fresh = await request.get(CONFIG_URL, { headers: { 'If-None-Match': etag } });
    expect(fresh.status()).toBe(304);
    expect((await fresh.body()).length).toBe(0);
    expect(fresh.headers()['etag']).toBe(etag);
    expect(fresh.headers()['cache-control']).toBe('public, max-age=300');
    const listed = await request.get(CONFIG_URL, { headers: { 'If-None-Match': `"older", ${etag}` } });
    expect(listed.status()).toBe(304);
    const stale = await request.get(CONFIG_URL, { headers: { 'If-None-Match': '"an-older-version"' } });
    expect(stale.status()).toBe(200);
    expect(WidgetConfig.safeParse(await stale.json()).success).toBe(true);
  });

  test('an unknown client gets 404 invalid_client', async ({ request }) => {
    const response = await request.get(`${E2E_BASE_URL}/widget-config?client_id=nobody`);
    expect(response.status()).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  test("a page of the client's allowed origin reads it cross-origin and revalidates it with If-None-Match", async ({ page }) => {
    await page.goto(`${ALLOWED}/`);
    const seen = await page.evaluate(async (url) => {
      const first = await fetch(url, { credentials: 'omit' });
      const etag = first.headers.get('ETag');
      const version = ((await first.json()) as { version: string }).version;
      // The conditional request the browser's HTTP cache sends for a stale copy (src/experiments/remote-config.ts),
      // sent by hand here (the copy is fresh for 300 s), so it needs the preflight the backend allows.
      const second = await fetch(url, { credentials: 'omit', cache: 'no-store', headers: { 'If-None-Match': etag ?? '' } });
      return { status: first.status, etag, version, revalidated: second.status };
    }, CONFIG_URL);
    expect(seen.status).toBe(200);
    expect(seen.etag).toMatch(/^"[^"]+"$/);
    expect(seen.version).toMatch(/^v-[0-9a-f]{12}$/);
    expect(seen.revalidated).toBe(304);
  });

  test('a page of an origin the client does not allow cannot read it', async ({ page, request }) => {
    await page.goto(`${FOREIGN}/`);
    const outcome = await page.evaluate(async (url) => {
      try {
        await fetch(url, { credentials: 'omit' });
        return 'read';
      } catch (error) {
        return (error as Error).name;
      }
    }, CONFIG_URL);
    expect(outcome, 'the browser withholds an answer without CORS headers').toBe('TypeError');
    const direct = await request.get(CONFIG_URL, { headers: { Origin: FOREIGN } });
    expect(direct.headers()['access-control-allow-origin']).toBeUndefined();
    expect(direct.headers()['vary']).toContain('Origin');
    const preflight = await request.fetch(CONFIG_URL, {
      method: 'OPTIONS',
      headers: { Origin: FOREIGN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
    });
    expect(preflight.status()).toBe(204);
    expect(preflight.headers()['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers()['access-control-allow-headers']).toBeUndefined();
  });
});
