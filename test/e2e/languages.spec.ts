import type { Page, Request } from '@playwright/test';
import { uniqueEmail } from './support/backend.js';
import { expect, expectAccessible, STRICT_CSP, test, widget } from './support/widget.js';

// The demo pages load the script-tag bundle (dist/latchkey.js) under the strict CSP: English is built in,
// every other locale is a chunk of its own (dist/chunks/<tag>-<hash>.js) fetched the first time it is used.

const LOCALE_CHUNK = /\/dist\/chunks\/(ar|de|fa|he)-[\w-]+\.js$/;

/** The locale chunks the page requested, in order. */
function localeRequests(page: Page): string[] {
  const requested: string[] = [];
  page.on('request', (request: Request) => {
    const match = LOCALE_CHUNK.exec(new URL(request.url()).pathname);
    if (match) requested.push(match[1] as string);
  });
  return requested;
}

test.describe('languages on the script-tag demo page', () => {
  test('English needs no locale request; lang="de" fetches German once, and the form follows it', async ({ page }) => {
    const requested = localeRequests(page);
    const ui = widget(page);
    await page.goto('/');
    // The form chose its language before its first draw, so any locale it wanted was already requested.
    await expect(ui.heading).toHaveText('Sign in to Acme');
    expect(requested).toEqual([]);

    const german = page.waitForResponse((response) => LOCALE_CHUNK.test(new URL(response.url()).pathname));
    await page.evaluate(() => (document.documentElement.lang = 'de'));
    expect(new URL((await german).url()).pathname).toMatch(/\/chunks\/de-/);
    await expect(ui.heading).toHaveText('Bei Acme anmelden');
    await expect(ui.root.getByRole('button', { name: 'Weiter', exact: true })).toBeVisible();
    // <latch-social-buttons>, a lazily loaded element inside the form, follows too.
    await expect(ui.root.getByRole('button', { name: 'Weiter mit Google' })).toBeVisible();

    // The real flow in German: the code step and its resend countdown, counted in German.
    await ui.root.getByLabel('E-Mail-Adresse').fill(uniqueEmail('de'));
    await ui.root.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(ui.heading).toHaveText('Prüfen Sie Ihre E-Mails');
    await expect(ui.root.getByText(/^Einen neuen Code können Sie in \d+ Sekunden anfordern\.$/)).toBeAttached();

    await page.evaluate(() => (document.documentElement.lang = 'en'));
    await expect(ui.heading).toHaveText('Check your email');
    expect(requested, 'German came once, no other locale').toEqual(['de']);
  });

  test('lang="ar" draws the form in Arabic, right to left, and stays accessible', async ({ page }) => {
    const requested = localeRequests(page);
    const ui = widget(page);
    await page.goto('/');
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await page.evaluate(() => (document.documentElement.lang = 'ar'));
    // Names inside an Arabic sentence are bidi isolates (U+2068 … U+2069, format.ts).
    await expect(ui.heading).toHaveText('تسجيل الدخول إلى \u2068Acme\u2069');
    await expect(ui.root.getByRole('button', { name: 'المتابعة باستخدام \u2068Google\u2069' })).toBeVisible();
    await expect(ui.root.locator('latch-social-buttons ul')).toHaveAttribute('dir', 'rtl');
    const card = ui.root.locator('.card');
    await expect(card).toHaveAttribute('dir', 'rtl');
    expect(await ui.heading.evaluate((heading) => getComputedStyle(heading).direction)).toBe('rtl');
    expect(requested).toEqual(['ar']);
    await expectAccessible(page, 'identifier in Arabic');
  });

  test('window.Latchkey registers a site’s wording and a locale of its own, also before the script runs', async ({ page }) => {
    await page.addInitScript(() => {
      // A page that declares its locales before latchkey.js loads (a classic inline script, a tag manager).
      (window as unknown as { Latchkey: unknown }).Latchkey = {
        translations: { 'en-x-acme': { login: { signInTitleSite: 'Welcome back to {site}', continue: 'Next' } } },
      };
    });
    const ui = widget(page);
    await page.goto('/');
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await page.evaluate(() => (document.documentElement.lang = 'en-x-acme'));
    await expect(ui.heading).toHaveText('Welcome back to Acme');
    await expect(ui.button('Next')).toBeVisible();

    await page.evaluate(() => {
      const api = (window as unknown as { Latchkey: { registerTranslation(tag: string, t: unknown): void } }).Latchkey;
      api.registerTranslation('de', { login: { signInTitleSite: 'Willkommen bei {site}' } });
      document.documentElement.lang = 'de';
    });
    await expect(ui.heading).toHaveText('Willkommen bei Acme');
    await expect(ui.button('Weiter'), 'the rest from the shipped German').toBeVisible();
  });

  test('the classic script (latchkey.iife.js) fetches a locale chunk next to itself, and only when used', async ({ page }) => {
    const requested = localeRequests(page);
    await page.route('**/classic-de.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        headers: { 'content-security-policy': STRICT_CSP },
        body: `<!doctype html><html lang="de"><head><title>Klassisch</title><script src="/dist/latchkey.iife.js"></script></head>
          <body><main><latch-login issuer="/" client-id="latchkey-demo" site-name="Acme"></latch-login></main></body></html>`,
      }),
    );
    await page.goto('/classic-de.html');
    const ui = widget(page);
    await expect(ui.heading).toHaveText('Bei Acme anmelden');
    expect(requested).toEqual(['de']);
  });
});
