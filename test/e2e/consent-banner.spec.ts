import type { Locator, Page } from '@playwright/test';
import { consentLog, switchConsentVersion } from './support/consent.js';
import { expect, expectAccessible, STRICT_CSP, test } from './support/widget.js';

// <latch-consent-banner> against the reference backend (its purposes from GET /consent, its choices recorded by
// POST /consent/records): accept, reject and choose, each recorded exactly once; rejecting takes no more actions
// than accepting; a returning visitor sees nothing and nothing shifts; keyboard only; preferences; the modal;
// 320 px wide; axe and the strict CSP (every page here is served with it) in every state.

const PAGE = '/consent-banner-test.html';
const BANNER = '<latch-consent-banner issuer="/" client-id="latchkey-demo"></latch-consent-banner>';
const PREFERENCES = '<latch-consent-banner mode="preferences" issuer="/" client-id="latchkey-demo"></latch-consent-banner>';
const PAGE_PURPOSES = JSON.stringify([
  { id: 'necessary', legal_basis: 'contract', required: true },
  { id: 'analytics', legal_basis: 'consent', required: false },
]);

/** A store page: the banner first in `<body>` (first in the tab order), some content, a footer with "Privacy choices". */
async function servePage(page: Page, { banner = BANNER, main = '<p>Shop our range.</p>' } = {}): Promise<void> {
  await page.route(`**${PAGE}`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'content-security-policy': STRICT_CSP },
      body: `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Store</title>
<script type="module" src="/dist/latchkey.js"></script></head>
<body>${banner}<main><h1>Acme</h1>${main}</main><footer>${PREFERENCES}</footer></body></html>`,
    }),
  );
}

/** Sums the layout shifts of the page's whole life so far (buffered), as a user's CLS would count them. */
async function observeShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: number[] = [];
    (window as unknown as { __shifts: number[] }).__shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (!entry.hadRecentInput) shifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}
const layoutShift = (page: Page) =>
  page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts.reduce((sum, value) => sum + value, 0));

function banner(page: Page) {
  const root = page.locator('latch-consent-banner:not([mode="preferences"])');
  return {
    root,
    region: root.getByRole('region', { name: 'Your privacy choices' }),
    button: (name: string): Locator => root.getByRole('button', { name, exact: true }),
    status: root.getByRole('status'),
  };
}
const preferencesButton = (page: Page) => page.locator('latch-consent-banner[mode="preferences"]').getByRole('button', { name: 'Privacy choices' });

/** The receipts the backend holds for this browser's device id. */
async function recorded(page: Page) {
  const deviceId = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('latchkey');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('preferences').objectStore('preferences').get('device-id');
          read.onsuccess = () => resolve(read.result as string);
        };
      }),
  );
  return (await consentLog(page.request, { device_id: deviceId })).map((entry) => entry.receipt);
}

/** Presses Tab until `target` has focus; returns how many presses it took (at most 20). */
async function tabsTo(page: Page, target: Locator): Promise<number> {
  for (let presses = 1; presses <= 20; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element.matches(':focus'))) return presses;
  }
  throw new Error('never reached by Tab');
}

/** Whether something other than the body has focus (through shadow roots). */
const focusKept = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active !== null && active !== document.body;
  });

test.afterEach(async ({ request }) => switchConsentVersion(request, '2026-10'));

test.describe('<latch-consent-banner>', () => {
  test('a new visitor sees the backend\'s purposes, accepts all, and the choice is recorded once', async ({ page }) => {
    await observeShifts(page);
    await servePage(page);
    await page.goto(PAGE);
    const { region, button, status } = banner(page);
    await expect(region).toBeVisible();
    await expect(region.getByRole('list', { name: 'Purposes' }).getByRole('listitem')).toHaveText([
      'Strictly necessary',
      'Analytics',
      'Advertising',
      'Personalisation',
    ]);
    await expectAccessible(page, 'banner, first layer');
    await button('Accept all').click();
    await expect(region).toBeHidden();
    await expect(status).toHaveText('Your choices are saved.');
    expect(await focusKept(page), 'focus not lost to the body').toBe(true);
    await expect.poll(async () => (await recorded(page)).length).toBe(1);
    const [receipt] = await recorded(page);
    expect(receipt).toMatchObject({ policy: 'cookies', version: '2026-10', method: 'banner', gpc: false });
    expect(receipt!.purposes).toEqual({ analytics: true, advertising: true, personalisation: true });
    expect(await layoutShift(page), 'CLS of the first view').toBe(0);
    await expectAccessible(page, 'after a choice');
  });

  test('"Reject all" takes no more key presses than "Accept all", and records every purpose off', async ({ page }) => {
    await servePage(page);
    await page.goto(PAGE);
    const { region, button } = banner(page);
    await expect(region).toBeVisible();
    const toAccept = await tabsTo(page, button('Accept all'));
    // Counted again from the top of a fresh page, as a keyboard user arriving would.
    await page.reload();
    await expect(region).toBeVisible();
    const toReject = await tabsTo(page, button('Reject all'));
    expect(toReject, 'Tab presses to Reject all ≤ to Accept all').toBeLessThanOrEqual(toAccept);
    await page.keyboard.press('Enter');
    await expect(region).toBeHidden();
    expect(await focusKept(page)).toBe(true);
    await expect.poll(async () => (await recorded(page)).map((receipt) => receipt.purposes)).toEqual([
      { analytics: false, advertising: false, personalisation: false },
    ]);
  });

  test('keyboard only: "Choose", switch analytics on, save', async ({ page }) => {
    await servePage(page);
    await page.goto(PAGE);
    const { root, region, button } = banner(page);
    await expect(region).toBeVisible();
    await tabsTo(page, button('Choose'));
    await page.keyboard.press('Enter');
    await expect(root.getByRole('heading', { name: 'Choose what to allow' })).toBeFocused();
    const necessary = root.getByRole('switch', { name: /Strictly necessary/ });
    await expect(necessary).toBeChecked();
    await expect(necessary).toBeDisabled();
    for (const name of ['Analytics', 'Advertising', 'Personalisation']) await expect(root.getByRole('switch', { name })).not.toBeChecked();
    await expectAccessible(page, 'banner, choose');
    await tabsTo(page, root.getByRole('switch', { name: 'Analytics' }));
    await page.keyboard.press('Space');
    await tabsTo(page, button('Save choices'));
    await page.keyboard.press('Enter');
    await expect(region).toBeHidden();
    expect(await focusKept(page)).toBe(true);
    await expect.poll(async () => (await recorded(page)).map((receipt) => receipt.purposes)).toEqual([
      { analytics: true, advertising: false, personalisation: false },
    ]);
  });

  test('a returning visitor sees no banner, makes no consent request before the first paint, and nothing shifts', async ({ page }) => {
    await servePage(page);
    await page.goto(PAGE);
    await banner(page).button('Reject all').click();
    await expect.poll(async () => (await recorded(page)).length).toBe(1);
    await observeShifts(page);
    await page.reload();
    await page.waitForFunction(() => customElements.get('latch-consent-banner'));
    // Wait for the late config check (after paint) to be over, so "no banner" is not just "not yet".
    await page.waitForLoadState('networkidle');
    await expect(banner(page).region).toHaveCount(0);
    const timing = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-paint')[0]?.startTime ?? Infinity;
      const consent = performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.startsWith('/consent'));
      return { paint, consentStarts: consent.map((entry) => entry.startTime) };
    });
    expect(timing.paint).toBeLessThan(Infinity);
    for (const start of timing.consentStarts) expect(start, 'a consent request before the first paint').toBeGreaterThan(timing.paint);
    expect(await layoutShift(page), 'CLS on the returning visit').toBe(0);
    expect((await recorded(page)).length, 'nothing recorded twice').toBe(1);
  });

  test('with purposes on the page, a new visitor\'s banner is there in the first frame after the element is defined', async ({ page }) => {
    await observeShifts(page);
    await page.addInitScript(() => {
      void customElements.whenDefined('latch-consent-banner').then(() =>
        requestAnimationFrame(() => {
          const element = document.querySelector('latch-consent-banner:not([mode="preferences"])');
          (window as unknown as { __firstFrame: boolean }).__firstFrame = !!element?.shadowRoot?.querySelector('[role="region"]');
        }),
      );
    });
    await servePage(page, {
      banner: `<latch-consent-banner issuer="/" client-id="latchkey-demo" policy="cookies" policy-version="page-1" purposes='${PAGE_PURPOSES}'></latch-consent-banner>`,
    });
    await page.goto(PAGE);
    await page.waitForFunction(() => (window as unknown as { __firstFrame?: boolean }).__firstFrame !== undefined);
    expect(await page.evaluate(() => (window as unknown as { __firstFrame: boolean }).__firstFrame)).toBe(true);
    await expect(banner(page).region.getByRole('listitem')).toHaveText(['Strictly necessary', 'Analytics']);
    expect(await layoutShift(page)).toBe(0);
  });

  test('"Privacy choices" reopens the current choice anywhere, and withdrawing is as easy as giving', async ({ page }) => {
    await servePage(page);
    await page.goto(PAGE);
    await banner(page).button('Accept all').click();
    await expect.poll(async () => (await recorded(page)).length).toBe(1);

    await page.reload();
    const preferences = preferencesButton(page);
    await preferences.click();
    // The page's banner opens them where it draws (one bar on the page, not two).
    const panel = banner(page).root;
    await expect(panel.getByRole('heading', { name: 'Choose what to allow' })).toBeFocused();
    for (const name of ['Analytics', 'Advertising', 'Personalisation']) await expect(panel.getByRole('switch', { name })).toBeChecked();
    await expectAccessible(page, 'preferences');
    for (const name of ['Analytics', 'Advertising', 'Personalisation']) await panel.getByRole('switch', { name }).uncheck();
    await panel.getByRole('button', { name: 'Save choices' }).click();
    await expect(panel.getByRole('region')).toHaveCount(0);
    await expect(preferences).toBeFocused();
    await expect(banner(page).status).toHaveText('Your choices are saved.');
    await expect.poll(async () => (await recorded(page)).map((receipt) => [receipt.method, receipt.purposes])).toEqual([
      ['banner', { analytics: true, advertising: true, personalisation: true }],
      ['preferences', { analytics: false, advertising: false, personalisation: false }],
    ]);
  });

  test('the modal variant takes focus, Escape accepts nothing, and a choice closes it', async ({ page }) => {
    await servePage(page, { banner: '<latch-consent-banner modal issuer="/" client-id="latchkey-demo"></latch-consent-banner>' });
    await page.goto(PAGE);
    const root = page.locator('latch-consent-banner[modal]');
    const dialog = root.getByRole('dialog', { name: 'Your privacy choices' });
    await expect(dialog).toBeVisible();
    await expect(root.getByRole('heading', { name: 'Your privacy choices' })).toBeFocused();
    await expectAccessible(page, 'modal banner');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('latch-consent')), 'nothing chosen by Escape').toBeNull();
    await root.getByRole('button', { name: 'Reject all', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(async () => (await recorded(page)).length).toBe(1);
  });

  test('at 320 px the banner never hides a focused sign-in field, and is accessible', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 568 });
    // Words above the form put its email field where the bar is drawn.
    const intro = '<p>Track orders, save your cart, check out faster. Sign in with a passkey, a code we email you, or a password.</p>';
    await servePage(page, { main: `${intro.repeat(3)}<latch-login issuer="/" client-id="latchkey-demo" site-name="Acme"></latch-login>` });
    await page.goto(PAGE);
    const { region } = banner(page);
    await expect(region).toBeVisible();
    const email = page.locator('latch-login').getByLabel('Email');
    await expect(email).toBeVisible();
    const [before, barBefore] = await Promise.all([email.boundingBox(), region.boundingBox()]);
    expect(before!.y + before!.height, 'before focus, the field is where the bar is').toBeGreaterThan(barBefore!.y);
    await email.focus();
    await expect(email).toBeFocused();
    const [field, bar] = await Promise.all([email.boundingBox(), region.boundingBox()]);
    expect(field!.y + field!.height, 'the focused field ends above the banner').toBeLessThanOrEqual(bar!.y + 1);
    expect(field!.y, 'the focused field is on screen').toBeGreaterThanOrEqual(0);
    await expectAccessible(page, 'banner at 320 px');
  });

  test('with Global Privacy Control the banner says so, and "Accept all" leaves advertising off', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    await servePage(page);
    await page.goto(PAGE);
    const { region, button } = banner(page);
    await expect(region).toContainText('Your browser sends Global Privacy Control, so advertising and selling or sharing your data stay off');
    await expectAccessible(page, 'banner with GPC');
    await button('Accept all').click();
    await expect.poll(async () => (await recorded(page)).length).toBe(1);
    const [receipt] = await recorded(page);
    expect(receipt).toMatchObject({ gpc: true, purposes: { analytics: true, advertising: false, personalisation: true } });
  });

  test('a new policy version asks again and says what changed', async ({ page, request }) => {
    await servePage(page);
    await page.goto(PAGE);
    await banner(page).button('Reject all').click();
    await expect.poll(async () => (await recorded(page)).length).toBe(1);
    await switchConsentVersion(request, '2026-12');
    // The cached config is the old one: the page checks the backend's after its first paint, then asks.
    await page.reload();
    const { region } = banner(page);
    await expect(region).toContainText('What changed since you last chose: We added a functional purpose and a choice on selling or sharing your data.');
    await expect(region.getByRole('listitem')).toHaveCount(6);
    await expectAccessible(page, 'asked again');
  });
});
