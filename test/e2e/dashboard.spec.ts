import type { Page } from '@playwright/test';
import { AnalyticsEvent, type WidgetConfig } from '../../src/protocol/index.js';
import { tabTo } from './support/account-policies.js';
import { clearStoredEvents, storedEvents } from './support/analytics.js';
import { E2E_BASE_URL } from './support/backend.js';
import { expect, expectAccessible, test } from './support/widget.js';

// The demo's funnel dashboard (/dashboard, README "Funnel dashboard (demo)"): a visitor presses "Replay" with the
// keyboard, the backend's collector stores the scripted sign-ins, and every number the page shows equals one this
// test works out from the stored events itself (`GET /dev/events`), independently of demo/server/funnel-stats.ts.
// The page is also checked with axe (light and dark, and at 320 px) and under the strict CSP (the test fixture
// fails the test on any violation or uncaught error).

async function demoConfig(): Promise<WidgetConfig> {
  return (await (await fetch(`${E2E_BASE_URL}/widget-config?client_id=latchkey-demo`)).json()) as WidgetConfig;
}

/** The variation's `data-stat` cell of an experiment's summary table. */
function cell(page: Page, experiment: string, variation: string, stat: string) {
  return page
    .getByRole('table', { name: `${experiment}: results by variation` })
    .locator(`tr[data-variation="${variation}"] td[data-stat="${stat}"]`);
}

/**
 * Every number cell of the page's tables in one read, keyed `caption|row|column`: the row is the summary's
 * variation, the funnel's step or the error's code; the column a summary statistic or, elsewhere, the variation.
 */
function tableCells(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const cells: Record<string, string> = {};
    for (const table of document.querySelectorAll('table')) {
      const caption = table.caption?.textContent ?? '';
      for (const row of table.querySelectorAll<HTMLElement>('tbody tr')) {
        const key = row.dataset['variation'] ?? row.dataset['step'] ?? row.dataset['code'] ?? '';
        for (const td of row.querySelectorAll<HTMLElement>('td[data-stat], td[data-variation]')) {
          const column = row.dataset['variation'] ? td.dataset['stat']! : td.dataset['variation']!;
          cells[`${caption}|${key}|${column}`] = td.textContent ?? '';
        }
      }
    }
    return cells;
  });
}

/** Type-7 quantile, written again here so the test does not check the dashboard against itself. */
function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const low = sorted[Math.floor(h)]!;
  const high = sorted[Math.ceil(h)]!;
  return low + (high - low) * (h - Math.floor(h));
}

const percentText = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;
const secondsText = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);

/** What the page should show for one variation, from the raw events. */
function expected(events: AnalyticsEvent[], experiment: string, variation: string) {
  const mine = events.filter((event) => event.experiments.some((ref) => ref.key === experiment && ref.variation === variation));
  const exposed = new Set<string>();
  for (const event of mine) if (event.type === 'exposure' && event.experiment === experiment) exposed.add(event.visitor);
  const signIns = mine.flatMap((event) => (event.type === 'signed_in' ? [event] : []));
  const converted = new Set(signIns.map((event) => event.visitor).filter((visitor) => exposed.has(visitor)));
  const errors = new Map<string, number>();
  for (const event of mine) if (event.type === 'error_shown') errors.set(event.code, (errors.get(event.code) ?? 0) + 1);
  const views = (types: string[]) => new Set(mine.filter((event) => types.includes(event.type)).map((event) => event.view)).size;
  return {
    exposed: exposed.size,
    converted: converted.size,
    conversion: percentText(converted.size, exposed.size),
    median: secondsText(percentile(signIns.map((event) => event.elapsed_ms), 0.5)),
    p90: secondsText(percentile(signIns.map((event) => event.elapsed_ms), 0.9)),
    passkey: percentText(signIns.filter((event) => event.method === 'passkey').length, signIns.length),
    abandoned: mine.filter((event) => event.type === 'abandoned').length,
    signedInViews: views(['signed_in']),
    // The scripted views all send `viewed` first, so every view with any event counts.
    viewed: views(['viewed']),
    errors,
  };
}

test.describe('funnel dashboard', () => {
  // Each replay stores some four thousand events, and the page then draws them: more than a default test's
  // time on a busy two-core machine.
  test.describe.configure({ timeout: 90_000 });
  test.beforeEach(clearStoredEvents);

  test('after a replay every number on the page equals the one worked out from the stored events', async ({ page }) => {
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign-in funnel');
    await expect(cell(page, 'passkey-first', 'email-first', 'exposed')).toHaveText('0');

    // A keyboard user replays: the form posts, the backend stores the batches, the page comes back and says so.
    await tabTo(page, page.getByRole('button', { name: 'Replay scripted sign-ins' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Replayed 600 scripted visitors.');

    const events = await storedEvents();
    for (const event of events) expect(AnalyticsEvent.safeParse(event).success, 'every stored event is a valid v1 event').toBe(true);
    await expect(page.getByText(`from ${events.length} stored analytics events`)).toBeVisible();
    const config = await demoConfig();
    const shown = await tableCells(page);
    for (const experiment of config.experiments ?? []) {
      for (const variation of experiment.variations) {
        const want = expected(events, experiment.key, variation.key);
        expect(want.exposed, 'the replay sends 300 visitors per variation').toBe(300);
        const at = (table: string, row: string, column: string) => shown[`${experiment.key}: ${table}|${row}|${column}`];
        const summary = (stat: string) => at('results by variation', variation.key, stat);
        expect(summary('exposed')).toBe(String(want.exposed));
        expect(summary('converted')).toBe(String(want.converted));
        expect(summary('conversion')).toBe(want.conversion);
        expect(summary('median')).toBe(want.median);
        expect(summary('p90')).toBe(want.p90);
        expect(summary('passkey')).toBe(want.passkey);
        expect(summary('abandoned')).toBe(String(want.abandoned));
        const funnel = 'views reaching each step, and the drop-off from the step before';
        expect(at(funnel, 'viewed', variation.key)).toBe(String(want.viewed));
        expect(at(funnel, 'signed_in', variation.key)).toBe(String(want.signedInViews));
        for (const [code, count] of want.errors) expect(at('errors shown, by code', code, variation.key)).toBe(String(count));
        expect(want.errors.size, 'the replay shows some errors').toBeGreaterThan(0);
      }
      // Each non-control variation has a verdict from the stated method.
      const versus = `${experiment.key}: conversion compared with the control, ${experiment.variations[0]!.key}|${experiment.variations[1]!.key}`;
      expect(shown[`${versus}|verdict`]).toMatch(/^(not significant yet|significant: (better|worse) by \d+\.\d points)$/);
      const [control, variant] = experiment.variations.map((variation) => expected(events, experiment.key, variation.key));
      const difference = variant!.converted / variant!.exposed - control!.converted / control!.exposed;
      expect(shown[`${versus}|difference`]).toBe(`${difference > 0 ? '+' : difference < 0 ? '−' : ''}${(Math.abs(difference) * 100).toFixed(1)} points`);
    }
    // The charts are there for sighted readers, labelled for everyone else.
    await expect(page.getByRole('img', { name: /^passkey-first funnel: views reaching each step per variation/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^nudge-copy: time from seeing the form to signing in/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'How the numbers are made' })).toBeVisible();
  });

  test('a second replay adds new visitors, and Clear empties the store', async ({ page }) => {
    await page.goto('/dashboard');
    await page.getByRole('button', { name: 'Replay scripted sign-ins' }).click();
    await expect(page.getByRole('status')).toHaveText('Replayed 600 scripted visitors.');
    await page.getByRole('button', { name: 'Replay scripted sign-ins' }).click();
    await expect(page).toHaveURL(/\/dashboard\?replayed=600$/);
    await expect(cell(page, 'nudge-copy', 'faster', 'exposed')).toHaveText('600');
    await page.getByRole('button', { name: 'Clear all events' }).click();
    await expect(page.getByRole('status')).toHaveText('Every stored event was cleared.');
    await expect(cell(page, 'nudge-copy', 'faster', 'exposed')).toHaveText('0');
    expect(await storedEvents()).toEqual([]);
  });

  test('is served with the strict CSP and is accessible in light and dark, and at 320 px without sideways scrolling', async ({ page }) => {
    const response = await page.goto('/dashboard');
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    await page.getByRole('button', { name: 'Replay scripted sign-ins' }).click();
    await expect(page.getByRole('status')).toHaveText('Replayed 600 scripted visitors.');
    await expectAccessible(page, 'dashboard after a replay');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'dashboard, dark');
    await page.setViewportSize({ width: 320, height: 720 });
    await expectAccessible(page, 'dashboard at 320 px');
    // WCAG 1.4.10: the page reflows; only the wide tables scroll, inside their own labelled, focusable regions.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expect(page.getByRole('region', { name: 'passkey-first: results by variation' })).toBeVisible();
  });

  test("refuses a replay or a clear posted from another site's page", async ({ page, request }) => {
    await page.goto('/dashboard');
    for (const path of ['/dev/events/replay', '/dev/events/clear']) {
      const response = await request.post(path, { headers: { Origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, data: '' });
      expect(response.status()).toBe(403);
    }
    expect(await storedEvents()).toEqual([]);
  });
});
