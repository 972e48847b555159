import { chromium, test, type Browser } from '@playwright/test';
import type { ReferenceBackend } from '../../demo/server/app.js';
import { chromiumLaunchOptions } from '../chromium.mjs';
import { SPARE_PORT, startSpareBackend } from './support/spare-backend.js';
import { expect, expectAccessible, expectCleanPage, instrumentPage, widget } from './support/widget.js';

// The site identity <latch-login> shows (profile §26): the page's registrable domain by the Public Suffix List,
// bold, with the rest of the host de-emphasised, from `location` — never from a server string. Chromium resolves
// every host to this machine (a launch of its own, --host-resolver-rules), and a backend registered with those
// origins serves its pages on them, so each page is a real page on that host against a real backend. (The pages
// are checked with the guards every widget test has — no CSP violation, no uncaught error, no secret stored —
// applied to this browser's page.)

const origin = (host: string) => `http://${host}:${SPARE_PORT}`;

/** Host, what is shown in bold, what is shown in front of it. */
const HOSTS: Array<{ host: string; registrable: string; rest: string; ascii?: string }> = [
  { host: 'shop.acme.co.uk', registrable: 'acme.co.uk', rest: 'shop.' },
  // A look-alike reads as the site it really is.
  { host: 'acme.com.evil.example', registrable: 'evil.example', rest: 'acme.com.' },
  { host: 'a.b.c.shop.acme.com', registrable: 'acme.com', rest: 'a.b.c.shop.' },
  { host: 'www.xn--mnchen-3ya.de', registrable: 'münchen.de', rest: 'www.', ascii: 'www.xn--mnchen-3ya.de' },
  { host: 'acme.github.io', registrable: 'acme.github.io', rest: '' },
  { host: '127.0.0.1', registrable: '127.0.0.1', rest: '' },
  { host: 'localhost', registrable: 'localhost', rest: '' },
];

let browser: Browser | undefined;
let backend: ReferenceBackend | undefined;

test.beforeAll(async () => {
  const origins = HOSTS.filter(({ host }) => host !== 'localhost').map(({ host }) => origin(host));
  backend = await startSpareBackend({ dev: true, appOrigins: origins, pageOrigins: origins });
  browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, '--host-resolver-rules=MAP * 127.0.0.1'] });
});

test.afterAll(async () => {
  await browser?.close();
  await backend?.close();
});

for (const { host, registrable, rest, ascii } of HOSTS) {
  test(`on ${host}: "Signing in to" ${rest}**${registrable}**`, async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    const guard = await instrumentPage(page);
    await page.goto(`${origin(host)}/plain.html`);
    const ui = widget(page);
    await expect(ui.email).toBeVisible();
    const site = ui.root.locator('[part="site"]');
    await expect(site.locator('[part="site-domain"]')).toHaveText(registrable);
    await expect(site.locator('strong')).toHaveText(registrable);
    if (rest) await expect(site.locator('[part="site-rest"]')).toHaveText(rest);
    else await expect(site.locator('[part="site-rest"]')).toHaveCount(0);
    await expect(site).toContainText(`Signing in to ${rest}${registrable}`);
    if (ascii) {
      // The punycode on hover and for screen readers, the Unicode form on screen.
      await expect(site.locator('[part="site-host"]')).toHaveAttribute('title', ascii);
      await expect(site).toContainText(`(${ascii})`);
    }
    // The rest is de-emphasised: lighter than the registrable domain.
    const weight = (selector: string) => site.locator(selector).evaluate((node) => Number(getComputedStyle(node).fontWeight));
    if (rest) expect(await weight('[part="site-rest"]')).toBeLessThan(await weight('strong'));
    await expectAccessible(page, `site identity on ${host}`);
    await expectCleanPage(page, guard);
    await context.close();
  });
}

test('in a right-to-left language the host still reads left to right inside the sentence', async () => {
  const context = await browser!.newContext();
  const page = await context.newPage();
  const guard = await instrumentPage(page);
  await page.goto(`${origin('shop.acme.co.uk')}/plain.html`);
  await expect(widget(page).email).toBeVisible();
  await page.evaluate(() => document.documentElement.setAttribute('lang', 'ar'));
  const site = page.locator('latch-login [part="site"]');
  await expect(site).toContainText('تسجيل الدخول إلى');
  await expect(site.locator('[part="site-host"]')).toHaveAttribute('dir', 'ltr');
  await expect(site.locator('[part="site-host"]')).toHaveText('shop.acme.co.uk');
  // The backend's policy links are http on another origin (the issuer's): not linked (profile §26.1).
  await expect(page.locator('latch-login [part="links"]')).toHaveCount(0);
  await expectAccessible(page, 'site identity in Arabic');
  await expectCleanPage(page, guard);
  await context.close();
});
