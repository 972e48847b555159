import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import { uniqueEmail } from './support/backend.js';
import { signUpWithEmailCode } from './support/flows.js';
import { SPARE_PORT } from './support/spare-backend.js';
import { expect, servePage, test, widget } from './support/widget.js';

// Experiment assignment in a real browser against the reference backend (README "Experiments"): a visitor keeps
// their variant after signing in and out, the variant is on the first draw, a `config-url` config is cached (the
// next page load asks nothing), and `?latch-variant=` forces only where the experiment allows it.

const PAGE = '/experiments-test.html';
/** The config as the page reads it, on its own origin (the strict CSP allows no other), relayed to CONFIG_SERVER. */
const CONFIG_PATH = '/experiments-test-config.json';
/** A real HTTP server for the widget config (ETag, max-age, 304), started by this spec on a port of its own. */
const CONFIG_PORT = SPARE_PORT + 5;

/** 50/50 between the trust signals shown and hidden: which one a visitor has is visible on the form. */
const TRUST_EXPERIMENT = {
  key: 'trust-panel',
  status: 'running',
  variations: [
    { key: 'shown', weight: 0.5, options: { trustSignals: 'site brand links' } },
    { key: 'hidden', weight: 0.5, options: { trustSignals: 'none' } },
  ],
};

const login = (attributes: string) => `<latch-login issuer="/" client-id="latchkey-demo" site-name="Acme" ${attributes}></latch-login>`;
const attribute = (value: unknown) => JSON.stringify(value).replaceAll('&', '&amp;').replaceAll("'", '&#39;');

/** Counts, from the start of every page load, the trust boxes the form ever put in the page. */
async function watchTrustBoxes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = { boxes: 0 };
    (window as unknown as { __trustBoxes: typeof seen }).__trustBoxes = seen;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof Element && (node.matches('[part~="trust"]') || node.querySelector('[part~="trust"]'))) seen.boxes++;
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
}
const trustBoxes = (page: Page) => page.evaluate(() => (window as unknown as { __trustBoxes: { boxes: number } }).__trustBoxes.boxes);

/** What the element reports once its form is drawn. */
async function assignments(page: Page): Promise<Array<{ experiment: string; variation: string; forced?: boolean }>> {
  await expect(widget(page).email).toBeVisible();
  return page.evaluate(() => {
    const element = document.querySelector('latch-login') as HTMLElement & { assignments: Array<{ experiment: string; variation: string; forced?: boolean }> };
    return element.assignments.map(({ experiment, variation, forced }) => ({ experiment, variation, ...(forced ? { forced } : {}) }));
  });
}

const deviceId = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('latchkey');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('preferences').objectStore('preferences').get('device-id');
          read.onsuccess = () => resolve(read.result);
          read.onerror = () => reject(read.error);
        };
      }),
  );

test.describe('experiment assignment', () => {
  test('a visitor keeps their variant after signing in and after signing out, and it is on the first draw', async ({ page }) => {
    await watchTrustBoxes(page);
    await servePage(page, PAGE, login(`experiments='${attribute({ version: 'e2e-1', experiments: [TRUST_EXPERIMENT] })}'`));
    await page.goto(PAGE);
    const before = await assignments(page);
    expect(before).toHaveLength(1);
    const hidden = before[0]!.variation === 'hidden';
    expect(await trustBoxes(page) > 0).toBe(!hidden);
    const id = await deviceId(page);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    await signUpWithEmailCode(page, uniqueEmail('variant'));
    await page.reload();
    await expect(widget(page).heading).toHaveText("You're signed in");
    // The signed-in view has no email field: read what the element reports once it shows that view.
    expect(await page.evaluate(() => (document.querySelector('latch-login') as HTMLElement & { assignments: Array<{ variation: string }> }).assignments.map((a) => a.variation))).toEqual([
      before[0]!.variation,
    ]);
    expect(await deviceId(page)).toBe(id);

    await widget(page).button('Sign out').click();
    await expect(widget(page).heading).toHaveText('Sign in to Acme');
    await page.reload();
    expect(await assignments(page)).toEqual(before);
    expect(await trustBoxes(page) > 0).toBe(!hidden);
    expect(await deviceId(page)).toBe(id);
  });

  test('?latch-variant= forces a variation only where the experiment allows it, and the forced one is marked', async ({ page }) => {
    const locked = { ...TRUST_EXPERIMENT, key: 'locked', variations: TRUST_EXPERIMENT.variations.map((v, i) => ({ ...v, weight: i })) };
    const open = { ...TRUST_EXPERIMENT, key: 'open', allow_force: true, variations: TRUST_EXPERIMENT.variations.map((v, i) => ({ ...v, weight: 1 - i })) };
    await watchTrustBoxes(page);
    const main = login(`experiments='${attribute({ version: 'e2e-2', experiments: [open, locked] })}'`);
    await servePage(page, PAGE, main);
    // The page with a query string (a route's glob matches the whole URL).
    await servePage(page, `${PAGE}?**`, main);
    await page.goto(`${PAGE}?latch-variant=locked:shown&latch-variant=open:hidden`);
    expect(await assignments(page)).toEqual([
      { experiment: 'open', variation: 'hidden', forced: true },
      { experiment: 'locked', variation: 'hidden' },
    ]);
    expect(await trustBoxes(page)).toBe(0);
    await page.goto(PAGE);
    expect(await assignments(page)).toEqual([
      { experiment: 'open', variation: 'shown' },
      { experiment: 'locked', variation: 'hidden' },
    ]);
  });

  test.describe('config-url', () => {
    let server: Server;
    const served: Array<{ ifNoneMatch?: string; status: number }> = [];
    let maxAge = 300;

    test.beforeAll(async () => {
      server = createServer((request, response) => {
        const body = JSON.stringify({ version: `e2e-url-${maxAge}`, max_age: maxAge, experiments: [TRUST_EXPERIMENT] });
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
        const status = request.headers['if-none-match'] === etag ? 304 : 200;
        served.push({ ...(request.headers['if-none-match'] ? { ifNoneMatch: request.headers['if-none-match'] } : {}), status });
        response.writeHead(status, { 'content-type': 'application/json', etag, 'cache-control': 'max-age=300' });
        response.end(status === 200 ? body : undefined);
      });
      await new Promise<void>((resolve) => server.listen(CONFIG_PORT, '127.0.0.1', resolve));
    });
    test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    test.beforeEach(async ({ page }) => {
      served.length = 0;
      await page.route(`**${CONFIG_PATH}`, async (route) => route.fulfill({ response: await route.fetch({ url: `http://127.0.0.1:${CONFIG_PORT}/widget-config` }) }));
      await servePage(page, PAGE, login(`config-url="${CONFIG_PATH}"`));
    });

    /** Requests for the config the page made. */
    const configRequests = (page: Page) => {
      const seen: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes(CONFIG_PATH)) seen.push(request.headers()['if-none-match'] ?? '');
      });
      return seen;
    };

    test('the first load asks once; the next load uses the cached copy and asks nothing', async ({ page }) => {
      maxAge = 300;
      const requests = configRequests(page);
      await page.goto(PAGE);
      const first = await assignments(page);
      expect(first.map((a) => a.experiment)).toEqual(['trust-panel']);
      expect(served).toEqual([{ status: 200 }]);
      await page.reload();
      expect(await assignments(page)).toEqual(first);
      expect(await page.evaluate(() => (document.querySelector('latch-login') as HTMLElement & { configVersion?: string }).configVersion)).toBe('e2e-url-300');
      expect(requests).toEqual(['']);
      expect(served).toHaveLength(1);
    });

    test('a stale copy is revalidated with If-None-Match, once, and a 304 keeps it', async ({ page }) => {
      maxAge = 0;
      const requests = configRequests(page);
      await page.goto(PAGE);
      const first = await assignments(page);
      await page.reload();
      expect(await assignments(page)).toEqual(first);
      expect(served.map((answer) => answer.status)).toEqual([200, 304]);
      expect(served[1]!.ifNoneMatch).toMatch(/^"[\w-]{16}"$/);
      expect(requests).toEqual(['', served[1]!.ifNoneMatch]);
    });
  });
});
