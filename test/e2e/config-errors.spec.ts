import { createServer, type Server } from 'node:http';
import type { ConsoleMessage, Page } from '@playwright/test';
import type { ViteDevServer } from 'vite';
import type { ReferenceBackend } from '../../demo/server/app.js';
import { E2E_BASE_URL, uniqueEmail } from './support/backend.js';
import { DEV_SERVER_ORIGIN, startDevServer } from './support/dev-server.js';
import { submitEmail } from './support/flows.js';
import { startSpareBackend } from './support/spare-backend.js';
import { expect, latchEvents, test, widget } from './support/widget.js';

// Each misconfiguration of README "Troubleshooting", produced for real: an app on a Vite dev server
// (test/e2e/dev-server) pointed at a real backend that is set up wrong for it. The widget says what is wrong
// calmly, with the values a developer needs; the console says it once per page with the README anchor; the
// `latch-error` event carries the stable code.

const PROVIDER_ORIGIN = `http://localhost:${Number(process.env.E2E_PROVIDER_PORT ?? 4452)}`;
/** Nothing listens here during these tests: a backend that is down. */
const CLOSED_ORIGIN = `http://localhost:${Number(process.env.E2E_SITE_PORT ?? 4453)}`;

let devServer: ViteDevServer | undefined;
let spare: ReferenceBackend | undefined;
let oldBackend: Server | undefined;

test.afterEach(async () => {
  await devServer?.close();
  await spare?.close();
  await new Promise((resolve) => (oldBackend ? oldBackend.close(resolve) : resolve(undefined)));
  devServer = spare = oldBackend = undefined;
});

/** The console's `Latchkey LATCH_CONFIG_*` reports of a page. */
function configReports(page: Page): string[] {
  const reports: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && message.text().startsWith('Latchkey LATCH_CONFIG_')) reports.push(message.text());
  });
  return reports;
}

/**
 * The page shows `code`'s message (with `values`) as soon as it loads, the event carries the code, and the
 * console reports it once with `explains` — still once after the customer tries again and fails the same way.
 */
async function expectConfigError(
  page: Page,
  reports: string[],
  code: string,
  values: { widget: string[]; console: string[] },
  /** An origin the backend refuses shows no field to try again with (profile §26.2). */
  retry = true,
): Promise<void> {
  const ui = widget(page);
  const alert = ui.root.locator('.latch-alert');
  await expect(alert).toContainText("Sign-in isn't available on this page right now.");
  for (const value of [...values.widget, code]) await expect(alert).toContainText(value);
  await expect.poll(async () => (await latchEvents(page)).filter((event) => event.type === 'latch-error').map((event) => event.code)).toEqual([code]);
  if (!retry) {
    await expect(ui.root.locator('input')).toHaveCount(0);
    return expectReportedOnce(reports, code, values.console);
  }

  await submitEmail(page, uniqueEmail('config'));
  await expect.poll(async () => (await latchEvents(page)).filter((event) => event.type === 'latch-error').map((event) => event.code)).toEqual([code, code]);
  expectReportedOnce(reports, code, values.console);
}

function expectReportedOnce(reports: string[], code: string, values: string[]): void {
  expect(reports).toHaveLength(1);
  expect(reports[0]).toContain(`Latchkey ${code}: `);
  for (const value of values) expect(reports[0]).toContain(value);
  expect(reports[0]).toContain(`#${code.toLowerCase()}`);
}

test('an app behind its dev server proxy whose backend keeps its own issuer: LATCH_CONFIG_ISSUER_MISMATCH with both issuers', async ({ page }) => {
  // The suite's backend (issuer http://localhost:E2E_PORT) proxied without LATCH_ISSUER: the first try.
  devServer = await startDevServer({ issuer: '/', proxyTo: E2E_BASE_URL });
  const reports = configReports(page);
  await page.goto(`${DEV_SERVER_ORIGIN}/`);
  const both = [E2E_BASE_URL, DEV_SERVER_ORIGIN];
  await expectConfigError(page, reports, 'LATCH_CONFIG_ISSUER_MISMATCH', { widget: both, console: [...both, 'LATCH_ISSUER='] });
});

test('an app whose issuer is its own dev server without a proxy: LATCH_CONFIG_DISCOVERY_UNREACHABLE', async ({ page }) => {
  devServer = await startDevServer({ issuer: '/' });
  const reports = configReports(page);
  await page.goto(`${DEV_SERVER_ORIGIN}/`);
  await expectConfigError(page, reports, 'LATCH_CONFIG_DISCOVERY_UNREACHABLE', {
    widget: [DEV_SERVER_ORIGIN],
    console: [`${DEV_SERVER_ORIGIN}/.well-known/openid-configuration`],
  });
});

test('an app on an origin the backend does not allow: LATCH_CONFIG_CORS_REFUSED names the origin to allow', async ({ page }) => {
  spare = await startSpareBackend({ dev: true });
  devServer = await startDevServer({ issuer: spare.url });
  const reports = configReports(page);
  await page.goto(`${DEV_SERVER_ORIGIN}/`);
  await expectConfigError(page, reports, 'LATCH_CONFIG_CORS_REFUSED', {
    widget: [spare.url, DEV_SERVER_ORIGIN],
    console: [`Add ${DEV_SERVER_ORIGIN} to the backend's allowed origins`],
  }, false);
});

test('a backend that is down is a network failure, not a CORS refusal', async ({ page }) => {
  devServer = await startDevServer({ issuer: CLOSED_ORIGIN });
  const reports = configReports(page);
  await page.goto(`${DEV_SERVER_ORIGIN}/`);
  const ui = widget(page);
  await expect(ui.heading).toHaveText('Sign in to Acme');
  await submitEmail(page, uniqueEmail('down'));
  await expect(ui.root.locator('.latch-alert')).toContainText("We couldn't reach the sign-in service");
  expect((await latchEvents(page)).filter((event) => event.type === 'latch-error').map((event) => event.code)).toEqual(['LATCH_NETWORK']);
  expect(reports).toEqual([]);
});

test('a client id the backend does not know: LATCH_CONFIG_INVALID_CLIENT names it', async ({ page }) => {
  devServer = await startDevServer({ issuer: E2E_BASE_URL, clientId: 'latchkey-demo-typo' });
  const reports = configReports(page);
  await page.goto(`${DEV_SERVER_ORIGIN}/`);
  await expectConfigError(page, reports, 'LATCH_CONFIG_INVALID_CLIENT', { widget: ['"latchkey-demo-typo"'], console: ['"latchkey-demo-typo"', E2E_BASE_URL] });
});

test('a backend with neither profile version this client speaks: LATCH_CONFIG_PROFILE_VERSION names both sides', async ({ page }) => {
  // An older backend: the reference backend's metadata, served by a plain server on its own origin,
  // advertising only an earlier profile version (as a backend not yet upgraded would).
  const metadata = (await (await fetch(new URL('/.well-known/openid-configuration', E2E_BASE_URL))).json()) as Record<string, unknown>;
  const document = JSON.stringify({ ...metadata, issuer: PROVIDER_ORIGIN, ciam_profile_versions_supported: ['2025-01'] });
  oldBackend = createServer((req, res) => {
    if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(document);
  });
  await new Promise<void>((resolve) => oldBackend!.listen(Number(new URL(PROVIDER_ORIGIN).port), '127.0.0.1', resolve));
  devServer = await startDevServer({ issuer: PROVIDER_ORIGIN });
  const reports = configReports(page);
  await page.goto(`${DEV_SERVER_ORIGIN}/`);
  await expectConfigError(page, reports, 'LATCH_CONFIG_PROFILE_VERSION', { widget: [PROVIDER_ORIGIN, '2026-12 or 2026-11'], console: ['2025-01'] });
});
