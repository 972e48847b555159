import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { initialLoad } from '../../bench/app-bytes.js';
import { E2E_BASE_URL, HttpCustomer, uniqueEmail } from './support/backend.js';
import { addVirtualAuthenticator, expect, servePage, test } from './support/widget.js';

// Elements that appear after the script ran — inserted seconds after load, rendered by a route change, inside
// an app's open shadow root — upgrade and work against the reference backend, for both ways of loading
// Latchkey: the script tag (dist/latchkey.js) and `import 'latchkey'` in an app built by Vite from the
// package (dist/define.js through package.json, as bench/app-bytes.ts builds it). Every page has the strict CSP.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLIENT_ID = 'latchkey-demo';

/** The Vite-built app: its output folder and entry file (`assets/index-….js`). */
let app: { out: string; entry: string };

test.beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'latch-late-app-'));
  const built = await initialLoad('vite', ROOT, out);
  app = { out, entry: built.files[0]! };
});

type Delivery = 'script tag' | 'npm entry';
const DELIVERIES: Delivery[] = ['script tag', 'npm entry'];

/** Opens a page holding `main`, loading Latchkey the `delivery` way; the app's files are served from its build. */
async function openPage(page: Page, delivery: Delivery, main: string): Promise<void> {
  // Vite's app build asks for its chunks (and preloads them) at /assets/ on the page's origin.
  await page.route('**/assets/*.js', async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    const body = await readFile(join(app.out, name)).catch(() => undefined);
    return body ? route.fulfill({ body, contentType: 'text/javascript' }) : route.fallback();
  });
  await servePage(page, '/late.html', main, delivery === 'npm entry' ? { script: `/${app.entry}` } : {});
  await page.goto('/late.html');
  await page.waitForLoadState('networkidle');
}

/**
 * Adds a `tag` element with `attributes` to the element matching `selector` (in the document, or in the app
 * shell's open shadow root) after `delayMs`, as an app's own code would.
 */
async function insertLater(page: Page, selector: string, tag: string, attributes: Record<string, string>, delayMs = 0): Promise<void> {
  await page.evaluate(
    ({ selector, tag, attributes, delayMs }) =>
      setTimeout(() => {
        const element = document.createElement(tag);
        for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
        const target = document.querySelector('#shell')?.shadowRoot?.querySelector(selector) ?? document.querySelector(selector)!;
        target.append(element);
      }, delayMs),
    { selector, tag, attributes, delayMs },
  );
}

const BACKEND = { issuer: '/', 'client-id': CLIENT_ID };

/** The passkey list as a user sees it, wherever on the page it is. */
function passkeyList(page: Page) {
  const root = page.locator('latch-passkeys');
  return {
    empty: root.getByText("You don't have any passkeys yet. Add one to sign in with one touch."),
    add: root.getByRole('button', { name: 'Add a passkey', exact: true }),
    status: root.locator('.live[role="status"]'),
    items: root.locator('li[data-passkey]'),
  };
}

/** A new account, signed up and so signed in in the page's browser. */
async function signedUp(page: Page, prefix: string): Promise<void> {
  const customer = new HttpCustomer(page.request, uniqueEmail(prefix), E2E_BASE_URL);
  expect((await customer.signUp()).status).toBe(200);
}

for (const delivery of DELIVERIES) {
  test.describe(`elements that appear late, ${delivery}`, () => {
    test('<latch-security> inserted 2 s after load shows the signed-in customer\'s passkeys and adds one', async ({ page }) => {
      await addVirtualAuthenticator(page);
      await signedUp(page, 'late-security');
      await openPage(page, delivery, '<h1>Your account</h1><div id="outlet"></div>');
      expect(await page.evaluate(() => customElements.get('latch-security'))).toBeUndefined();

      await insertLater(page, '#outlet', 'latch-security', { ...BACKEND, 'site-name': 'Acme' }, 2_000);
      const list = passkeyList(page);
      await expect(list.empty).toBeVisible({ timeout: 10_000 });
      await list.add.click();
      await expect(list.status).toHaveText(/^Passkey added\.\s?$/);
      await expect(list.items).toHaveCount(1);
      const atBackend = (await (await page.request.get('/passkeys')).json()) as { passkeys: unknown[] };
      expect(atBackend.passkeys).toHaveLength(1);
    });

    test('<latch-passkeys> rendered by a route change inside an app\'s open shadow root lists the session\'s passkeys', async ({ page }) => {
      await signedUp(page, 'late-shadow');
      await openPage(page, delivery, '<h1>Acme</h1>');
      // The app shell draws its pages in an open shadow root (attached before the shell joins the page, as a
      // framework's render does), then changes route without a reload.
      await page.evaluate(() => {
        const shell = document.createElement('div');
        shell.id = 'shell';
        const outlet = document.createElement('main');
        outlet.id = 'outlet';
        outlet.textContent = 'Home';
        shell.attachShadow({ mode: 'open' }).append(outlet);
        document.body.append(shell);
      });
      await page.evaluate(() => {
        history.pushState({}, '', '/late.html#/account/passkeys');
        document.querySelector('#shell')!.shadowRoot!.querySelector('#outlet')!.textContent = '';
      });
      await insertLater(page, '#outlet', 'latch-passkeys', BACKEND);
      // The list came from the backend's GET /passkeys of this session.
      await expect(passkeyList(page).empty).toBeVisible({ timeout: 10_000 });
    });

    test('<latch-social-buttons> added after load renders the providers, and one signs in', async ({ page }) => {
      await openPage(page, delivery, '<h1>Sign in</h1><div id="outlet"></div>');
      await insertLater(page, '#outlet', 'latch-social-buttons', { ...BACKEND, providers: 'github google' });
      const buttons = page.locator('latch-social-buttons').getByRole('button');
      await expect(buttons).toHaveCount(2);
      await expect(buttons.nth(0)).toHaveAccessibleName('Continue with GitHub');
      await buttons.nth(1).click();
      await expect(page.getByText('Test sandbox')).toBeVisible();
    });

    test('the client\'s chunk is fetched only after the form is drawn', async ({ page }) => {
      // When the username field is first in the page and laid out: recorded in the page, at the mutation.
      await page.addInitScript(() => {
        const marks: { drawnAt?: number } = {};
        (window as unknown as { __form: typeof marks }).__form = marks;
        const observer = new MutationObserver(() => {
          const input = document.querySelector('latch-login input[autocomplete~="username"]');
          if (input && input.getBoundingClientRect().width > 0) {
            marks.drawnAt = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true, attributes: true });
      });
      await openPage(page, delivery, `<latch-login issuer="/" client-id="${CLIENT_ID}" site-name="Acme"></latch-login>`);
      await expect(page.locator('latch-login').getByLabel('Email')).toBeVisible();
      const timing = await page.evaluate(() => ({
        drawnAt: (window as unknown as { __form: { drawnAt?: number } }).__form.drawnAt,
        scripts: performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.endsWith('.js'))
          .map((entry) => ({ name: new URL(entry.name).pathname, startTime: entry.startTime })),
      }));
      expect(timing.drawnAt).toBeDefined();
      const client = timing.scripts.filter((script) => /\/(chunks|assets)\/client-[\w-]+\.js$/.test(script.name));
      // It is fetched (the form needs it to sign in), and only once the form is on the screen.
      expect(client, JSON.stringify(timing.scripts)).toHaveLength(1);
      expect(client[0]!.startTime).toBeGreaterThan(timing.drawnAt!);
    });
  });
}

test('the script tag and an app\'s `import \'latchkey\'` on one page: no error, and a late tag still upgrades', async ({ page }) => {
  // The app's bundle comes second, as a site that adds an app to a page with the script tag would have it;
  // the guard (support/widget.ts) fails the test on any uncaught error or unhandled rejection.
  const appLoaded = page.waitForResponse((response) => response.url().endsWith(`/${app.entry}`) && response.ok());
  await openPage(page, 'script tag', `<latch-login issuer="/" client-id="${CLIENT_ID}"></latch-login><div id="outlet"></div><script type="module" src="/${app.entry}"></script>`);
  await appLoaded;
  await expect(page.locator('latch-login').getByLabel('Email')).toBeVisible();
  await insertLater(page, '#outlet', 'latch-social-buttons', { ...BACKEND, providers: 'github google' });
  // <latch-login> shows its own buttons too (the backend has connections): count only the added element's.
  await expect(page.locator('#outlet latch-social-buttons').getByRole('button')).toHaveCount(2);
});
