import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import { E2E_BASE_URL } from './support/backend.js';
import { expect, test, widget } from './support/widget.js';

// A standard provider answers discovery with `Access-Control-Allow-Origin: *` (its metadata is public).
// Browsers refuse such an answer to a request with credentials, so the client must send none there.
// Two small real servers make the topology: a standard provider on 127.0.0.1 serving the reference
// backend's metadata that way (without the profile's endpoints, as Google's or Entra's has none), and a
// site on localhost that serves a page with the script-tag bundle. Both are real origins, so Chromium applies
// its real CORS and local-network rules (a page fulfilled by Playwright would count as a public origin).

const PROVIDER = `http://127.0.0.1:${Number(process.env.E2E_PROVIDER_PORT ?? 4452)}`;
const SITE = `http://localhost:${Number(process.env.E2E_SITE_PORT ?? 4453)}`;
const DIST = new URL('../../dist/', import.meta.url);

const servers: Server[] = [];
const discoveries: IncomingHttpHeaders[] = [];

async function listen(origin: string, handler: RequestListener): Promise<void> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(Number(new URL(origin).port), '127.0.0.1', resolve));
}

test.beforeAll(async () => {
  const metadata = (await (await fetch(new URL('/.well-known/openid-configuration', E2E_BASE_URL))).json()) as Record<string, unknown>;
  const standard = Object.fromEntries(
    Object.entries(metadata).filter(([key]) => key === 'ciam_connections' || (!key.startsWith('ciam_') && key !== 'authorization_challenge_endpoint')),
  );
  const document = JSON.stringify({ ...standard, issuer: PROVIDER });
  await listen(PROVIDER, (req, res) => {
    if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
    discoveries.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(document);
  });
  await listen(SITE, async (req, res) => {
    const path = new URL(req.url ?? '/', SITE).pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="en"><head><title>Site</title>
        <script type="module" src="/dist/latchkey.js"></script></head>
        <body><main><latch-login issuer="${PROVIDER}" client-id="latchkey-demo"></latch-login></main></body></html>`);
      return;
    }
    const file = path.startsWith('/dist/') && !path.includes('..') ? await readFile(new URL(path.slice('/dist/'.length), DIST)).catch(() => undefined) : undefined;
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(file);
  });
});

test.afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

test('discovery at a provider that answers Access-Control-Allow-Origin: * works from another origin', async ({ page }) => {
  await page.goto(SITE);
  // The provider's connections come from its metadata: the buttons show only if discovery worked.
  await expect(widget(page).root.getByRole('button', { name: 'Continue with Google' })).toBeVisible();
  expect(discoveries.at(-1)?.origin).toBe(SITE);
  expect(discoveries.at(-1)?.cookie).toBeUndefined();
});
