import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ReferenceBackend } from '../../demo/server/app.js';
import { advanceServerClock, readMailbox, serverNow, uniqueEmail } from './support/backend.js';
import { SPARE_PORT, startSpareBackend } from './support/spare-backend.js';
import { expect, expectAccessible, test, widget } from './support/widget.js';

// "Last signed in 3 days ago on Chrome, Linux, near Lisbon, Portugal" after a returning customer's sign-in
// (docs/protocol.md §26.3), in the widget's language, with the page's activity link. Three days pass on a
// backend of this spec's own (its test clock moves, and the page's clock with it), so no other spec's sessions
// see the jump.

const BASE = `http://localhost:${SPARE_PORT}`;
const DAY = 24 * 60 * 60;
let backend: ReferenceBackend;

test.use({ baseURL: BASE });
test.beforeAll(async () => {
  backend = await startSpareBackend({ dataDir: mkdtempSync(join(tmpdir(), 'latch-last-sign-in-')), testClock: true });
});
test.afterAll(async () => {
  await backend.close();
});

/** The newest code mailed to `email` by this spec's backend, other than `previous`. */
async function codeFor(email: string, previous?: string): Promise<string> {
  let code: string | null | undefined;
  await expect.poll(async () => ((code = (await readMailbox(BASE, email))?.code), code !== previous && /^\d{6}$/.test(code ?? ''))).toBe(true);
  return code as string;
}

/** Signs up or in by emailed code (the first method on this browser), ending signed in. */
async function signInByCode(page: Page, email: string): Promise<void> {
  const ui = widget(page);
  const previous = (await readMailbox(BASE, email))?.code ?? undefined;
  await ui.email.fill(email);
  await ui.button('Continue').click();
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeFor(email, previous));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
}

/** Three days pass, at the backend and on the page, which the customer then opens again. */
async function threeDaysPass(page: Page): Promise<void> {
  await advanceServerClock(BASE, 3 * DAY);
  await page.clock.setSystemTime((await serverNow(BASE)) * 1000);
  await page.reload();
}

test.describe('last sign-in after sign-in', () => {
  test('not on the first sign-in; the next one shows when, on what and near where, in English and German', async ({ page }) => {
    const email = uniqueEmail('last-sign-in');
    const ui = widget(page);
    const line = ui.root.locator('[part~="last-sign-in"]');
    await page.clock.install({ time: (await serverNow(BASE)) * 1000 });
    await page.goto('/');
    await signInByCode(page, email);
    await expect(line).toHaveCount(0);
    await ui.button('Sign out').click();
    await expect(ui.heading).toHaveText('Sign in to Acme');

    await threeDaysPass(page);
    await signInByCode(page, email);
    await expect(line).toHaveText(/^Last signed in 3 days ago on Chrome, Linux, near Lisbon, Portugal\. Not you\? Review activity$/);
    // The demo page's `activity-url` is the security page's activity list.
    await expect(line.getByRole('link', { name: 'Not you? Review activity' })).toHaveAttribute('href', `${BASE}/security.html#activity`);
    await expect(ui.root.locator('[part~="new-device"]')).toHaveCount(0);
    await expectAccessible(page, 'last sign-in line');
    // At 320 px (400 % zoom of a 1280 px window) the line wraps: nothing wider than the screen (WCAG 2.2 SC 1.4.10).
    await page.setViewportSize({ width: 320, height: 800 });
    // (The demo store's header, with the signed-in address, is the page's own and not checked here.)
    expect(await ui.root.evaluate((element) => element.getBoundingClientRect().right)).toBeLessThanOrEqual(320);
    expect(await line.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await expectAccessible(page, 'last sign-in line at 320 px');

    await page.evaluate(() => (document.documentElement.lang = 'de'));
    await expect(line).toHaveText(/^Zuletzt angemeldet vor 3 Tagen mit Chrome, Linux, in der Nähe von Lisbon, Portugal\. Nicht Sie\? Aktivität prüfen$/);
    await expectAccessible(page, 'last sign-in line in German');
    await page.evaluate(() => (document.documentElement.lang = 'en'));

    // Only the sign-in that brought it shows it: a reload's session names who is signed in, nothing more.
    await page.reload();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(line).toHaveCount(0);
  });

  test('no activity-url: no link; trust-signals without last-sign-in: no line', async ({ page }) => {
    const email = uniqueEmail('last-sign-in-options');
    const ui = widget(page);
    const line = ui.root.locator('[part~="last-sign-in"]');
    await page.goto('/');
    const login = page.locator('latch-login');
    await login.evaluate((element) => element.removeAttribute('activity-url'));
    await signInByCode(page, email);
    await ui.button('Sign out').click();
    await signInByCode(page, email);
    await expect(line).toHaveText(/^Last signed in 1 minute ago on Chrome, Linux, near Lisbon, Portugal\.$/);
    await expect(line.getByRole('link')).toHaveCount(0);

    await login.evaluate((element) => element.setAttribute('trust-signals', 'site brand'));
    await expect(line).toHaveCount(0);
    await login.evaluate((element) => element.removeAttribute('trust-signals'));
    await expect(line).toBeVisible();
  });
});
