import { buildAppClient } from './support/app-client.js';
import { consentLog, deviceIdOf, openConsentApp, serveConsentApp, switchConsentVersion, type ConsentWindow } from './support/consent.js';
import { expect, expectAccessible, test } from './support/widget.js';

// Consent Mode v2 and the page's other consent signals (docs/protocol.md §23.6): the defaults reach `dataLayer`
// before any tag can read it, every choice pushes `consent update` with the values its purposes map to, and GPC
// keeps advertising and sale/share off. Real Chromium, the reference backend, the built dist/consent-mode.js.

const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'denied',
};

let appClient = '';
test.beforeAll(async () => {
  appClient = await buildAppClient();
});
test.afterEach(async ({ request }) => switchConsentVersion(request, '2026-10'));

/** `dataLayer` as the tags see it, Arguments objects as arrays. */
function dataLayer(page: import('@playwright/test').Page): Promise<unknown[]> {
  return page.evaluate(() =>
    (window as unknown as ConsentWindow).dataLayer.map((entry) => (typeof (entry as { length?: unknown }).length === 'number' ? Array.from(entry as ArrayLike<unknown>) : entry)),
  );
}

test('consent default reaches dataLayer before the first tag reads it, regions granted as configured', async ({ page }) => {
  await serveConsentApp(page, appClient, `data-wait-for-update="300" data-regions='[{"region":["US-CA"],"granted":["analytics_storage"]}]'`);
  await page.goto('/consent-app.html');
  const saw = await page.evaluate(() => (window as unknown as ConsentWindow).tagSaw);
  expect(saw.length).toBe(2);
  expect(saw.entries[0]).toEqual(['consent', 'default', { ...DENIED, wait_for_update: 300 }]);
  expect(saw.entries[1]).toEqual(['consent', 'default', { ...DENIED, analytics_storage: 'granted', region: ['US-CA'] }]);
  // Pushed the way gtag.js pushes: an Arguments object, not an array (tags ignore arrays as commands).
  expect(await page.evaluate(() => Object.prototype.toString.call((window as unknown as ConsentWindow).dataLayer[0]))).toBe('[object Arguments]');
});

test('every choice pushes consent update with its mapped values, then latch_consent_update and latch-consent-change', async ({ page }) => {
  await serveConsentApp(page, appClient);
  await openConsentApp(page);
  const before = (await dataLayer(page)).length;

  await page.evaluate(() => (window as unknown as ConsentWindow).latchConsent.set({ analytics: true }, { method: 'banner', text: 'Choose' }));
  let entries = (await dataLayer(page)).slice(before);
  expect(entries[0]).toEqual(['consent', 'update', { ...DENIED, analytics_storage: 'granted', security_storage: 'granted' }]);
  expect(entries[1]).toEqual({ event: 'latch_consent_update', latch_consent: { version: '2026-10', purposes: { analytics: true, advertising: false, personalisation: false } } });

  await page.evaluate(() => (window as unknown as ConsentWindow).latchConsent.set({ analytics: true, advertising: true, personalisation: true }, { method: 'banner', text: 'Accept all' }));
  entries = (await dataLayer(page)).slice(before + 2);
  // 2026-10 has no functional purpose, so nothing grants functionality_storage.
  expect(entries[0]).toEqual(['consent', 'update', {
    ...Object.fromEntries(Object.keys(DENIED).map((type) => [type, 'granted'])),
    functionality_storage: 'denied',
  }]);

  await page.evaluate(() => (window as unknown as ConsentWindow).latchConsent.set({}, { method: 'banner', text: 'Reject all' }));
  entries = (await dataLayer(page)).slice(before + 4);
  expect(entries[0]).toEqual(['consent', 'update', { ...DENIED, security_storage: 'granted' }]);
  expect(await page.evaluate(() => (window as unknown as ConsentWindow).consentEvents)).toEqual([
    { policy: 'cookies', version: '2026-10', purposes: { analytics: true, advertising: false, personalisation: false }, gpc: false, method: 'banner' },
    { policy: 'cookies', version: '2026-10', purposes: { analytics: true, advertising: true, personalisation: true }, gpc: false, method: 'banner' },
    { policy: 'cookies', version: '2026-10', purposes: { analytics: false, advertising: false, personalisation: false }, gpc: false, method: 'banner' },
  ]);

  // The next page: the stored choice is in force before the first tag reads consent (default, then update).
  await page.reload();
  const saw = await page.evaluate(() => (window as unknown as ConsentWindow).tagSaw);
  expect(saw.entries).toEqual([
    ['consent', 'default', { ...DENIED, wait_for_update: 500 }],
    ['consent', 'update', { ...DENIED, security_storage: 'granted' }],
  ]);
});

test("a choice in one tab reaches the other tab's dataLayer and listeners", async ({ page, context }) => {
  await serveConsentApp(page, appClient);
  await openConsentApp(page);
  const other = await context.newPage();
  await serveConsentApp(other, appClient);
  await openConsentApp(other);
  const before = (await dataLayer(other)).length;
  await page.evaluate(() => (window as unknown as ConsentWindow).latchConsent.set({ advertising: true }, { method: 'banner', text: 'Choose' }));
  await expect.poll(async () => (await dataLayer(other)).length).toBe(before + 2);
  expect((await dataLayer(other)).slice(before)[0]).toEqual([
    'consent',
    'update',
    { ...DENIED, ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', security_storage: 'granted' },
  ]);
  expect(await other.evaluate(() => (window as unknown as ConsentWindow).consentEvents)).toHaveLength(1);
  expect(await other.evaluate(() => (window as unknown as ConsentWindow).latchConsent.granted('advertising'))).toBe(true);
  await other.close();
});

test('a choice made under an older policy version is not pushed once the page knows the new version', async ({ page, request }) => {
  await serveConsentApp(page, appClient);
  await openConsentApp(page);
  await page.evaluate(() => (window as unknown as ConsentWindow).latchConsent.set({ analytics: true, advertising: true, personalisation: true }, { method: 'banner', text: 'Accept all' }));
  await switchConsentVersion(request, '2026-12');
  await openConsentApp(page);
  expect(await page.evaluate(() => (window as unknown as ConsentWindow).latchConsent.get())).toMatchObject({ needsChoice: true, previousVersion: '2026-10' });
  await page.reload();
  const saw = await page.evaluate(() => (window as unknown as ConsentWindow).tagSaw);
  expect(saw.entries).toEqual([['consent', 'default', { ...DENIED, wait_for_update: 500 }]]);
});

test.describe('with Global Privacy Control', () => {
  test.beforeEach(async ({ page, request }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }));
    await switchConsentVersion(request, '2026-12');
  });

  test('"Accept all" leaves advertising and sale/share off, and the record says gpc', async ({ page, request }) => {
    await serveConsentApp(page, appClient);
    await openConsentApp(page);
    const before = (await dataLayer(page)).length;
    await page.evaluate(async () => {
      const app = window as unknown as ConsentWindow;
      const { config } = app.latchConsent.get();
      await app.latchConsent.set(app.latchChoice.acceptAllPurposes(config!, app.latchChoice.gpcEnabled()), { method: 'banner', text: 'Accept all' });
    });
    const [update] = (await dataLayer(page)).slice(before);
    expect(update).toEqual([
      'consent',
      'update',
      { ...DENIED, analytics_storage: 'granted', functionality_storage: 'granted', personalization_storage: 'granted', security_storage: 'granted' },
    ]);
    const deviceId = await deviceIdOf(page);
    await expect.poll(async () => (await consentLog(request, { device_id: deviceId })).length).toBe(1);
    const [entry] = await consentLog(request, { device_id: deviceId });
    expect(entry!.receipt).toMatchObject({
      version: '2026-12',
      gpc: true,
      purposes: { functional: true, analytics: true, advertising: false, personalisation: true, sale_share: false },
    });
  });

  test('an explicit choice per purpose wins over GPC', async ({ page }) => {
    await serveConsentApp(page, appClient);
    await openConsentApp(page);
    const choice = await page.evaluate(() =>
      (window as unknown as ConsentWindow).latchConsent.set({ advertising: true }, { method: 'preferences', text: 'Choose: advertising' }),
    );
    expect(choice.gpc).toBe(true);
    expect(choice.purposes).toMatchObject({ advertising: true, sale_share: false });
    // Sale/share stays off, and it gates the data sent to ad platforms.
    expect(choice.consent_mode).toMatchObject({ ad_storage: 'granted', ad_personalization: 'granted', ad_user_data: 'denied' });
  });
});

test('the demo page shows the Consent Mode entries live, under the strict CSP, accessibly', async ({ page }) => {
  await page.route('**/app/client.js', (route) => route.fulfill({ contentType: 'text/javascript', body: appClient }));
  await page.goto('/consent-mode');
  const rows = page.locator('#entries tbody tr');
  await expect(rows.first()).toHaveAttribute('data-kind', 'consent default');
  await expect(rows.first().locator('[data-type="ad_storage"]')).toHaveText('denied');
  await expectAccessible(page, 'consent mode page');
  const count = await rows.count();
  await page.evaluate(async () => {
    const entry = '/app/client.js';
    const { createClient } = (await import(entry)) as typeof import('../../src/client/index.js');
    const consent = await createClient({ issuer: location.origin, clientId: 'latchkey-demo' }).consent();
    await consent.loadConfig();
    await consent.set({ analytics: true }, { method: 'api', text: 'Analytics only' });
  });
  await expect(rows).toHaveCount(count + 2);
  await expect(rows.nth(count)).toHaveAttribute('data-kind', 'consent update');
  await expect(rows.nth(count).locator('[data-type="analytics_storage"]')).toHaveText('granted');
  await expect(rows.nth(count + 1)).toHaveAttribute('data-kind', 'latch_consent_update');
});
