import type { Page } from '@playwright/test';
import { uniqueEmail } from './support/backend.js';
import { signUpWithEmailCode } from './support/flows.js';
import { expect, servePage, test, widget } from './support/widget.js';

// Experiment assignment in a real browser against the reference backend (README "Experiments"): a visitor keeps
// their variant after signing in and out, the variant is on the first draw, a `config-url` config is cached (the
// next page load asks nothing: the browser's HTTP cache), and `?latch-variant=` forces only where the experiment
// allows it.

const PAGE = '/experiments-test.html';
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

/** The device id as the form read it before its first draw: localStorage's mirror (src/client/device-id.ts). */
const deviceId = (page: Page) => page.evaluate(() => localStorage.getItem('latch-device-id'));

/** The copy Latchkey's IndexedDB store keeps (read only once the client's code has opened the database). */
const storedDeviceId = (page: Page) =>
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
    const scripts: string[] = [];
    page.on('request', (request) => request.url().includes('/dist/') && scripts.push(new URL(request.url()).pathname));
    await page.goto(PAGE);
    const before = await assignments(page);
    // The script tag carries the draw code: before the form, its two files and nothing else.
    expect(scripts.slice(0, 2)).toEqual(['/dist/latchkey.js', expect.stringMatching(/^\/dist\/chunks\/shared-[\w-]+\.js$/)]);
    expect(scripts.filter((path) => /\/chunks\/draw-/.test(path))).toEqual([]);
    expect(before).toHaveLength(1);
    const hidden = before[0]!.variation === 'hidden';
    expect(await trustBoxes(page) > 0).toBe(!hidden);
    const id = await deviceId(page);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    await signUpWithEmailCode(page, uniqueEmail('variant'));
    // Signed in, the client's code is here: its store has the copy of the same id.
    expect(await storedDeviceId(page)).toBe(id);
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
    /** The page's reads of the widget config, as the browser timed them. */
    const configReads = (page: Page) =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.includes('/widget-config'))
          .map((entry) => ({ transferSize: (entry as PerformanceResourceTiming).transferSize, deliveryType: (entry as PerformanceResourceTiming & { deliveryType: string }).deliveryType })),
      );

    test("the first view asks the backend; the next reads the browser's HTTP cache and sends nothing", async ({ page }) => {
      // The demo's experiments page reads the reference backend's config (max-age 300) with no route in between:
      // a routed page has no HTTP cache in Playwright.
      await page.goto('/experiments');
      const first = await assignments(page);
      expect(first.map((assignment) => assignment.experiment)).toEqual(['passkey-first', 'nudge-copy']);
      const [asked] = await configReads(page);
      expect(asked!.transferSize).toBeGreaterThan(0);
      await page.goto('/experiments');
      expect(await assignments(page)).toEqual(first);
      expect(await configReads(page)).toEqual([{ transferSize: 0, deliveryType: 'cache' }]);
    });
  });
});
