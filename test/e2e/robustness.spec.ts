import { test as plain, type Page } from '@playwright/test';
import { uniqueEmail } from './support/backend.js';
import { codeFor, submitEmail } from './support/flows.js';
import { addVirtualAuthenticator, expect, instrumentPage, test, widget } from './support/widget.js';

// The faults of reliability.md that a page, a network or a browser setting causes: each ends in a clear
// state (a translated, announced message or a quiet no-op), never an unhandled rejection, never work on a
// detached element.

test.describe('<latch-login> when its surroundings fail', () => {
  test('a chunk that fails to load (the SSO buttons) is a quiet no-op: no unhandled rejection, and the form signs in', async ({
    page,
  }) => {
    const ui = widget(page);
    await page.route('**/dist/chunks/social-buttons-*.js', (route) => route.abort('internetdisconnected'));
    const chunkFailed = page.waitForEvent('requestfailed', (request) => request.url().includes('/social-buttons-'));
    await page.goto('/');
    await chunkFailed;
    await expect(ui.heading).toHaveText(/^Sign in/);
    await expect(ui.root.getByRole('button', { name: /^Continue with/ })).toHaveCount(0);
    // The rest of the sign-in is untouched; the guard then checks that nothing was left unhandled.
    const email = uniqueEmail('chunk');
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
  });

  test('removed while its request is pending, it aborts the request and neither moves on nor announces', async ({ page }) => {
    const ui = widget(page);
    await page.goto('/');
    await expect(ui.heading).toHaveText(/^Sign in/);
    // The background start of the sign-in (at the passkey options endpoint, profile §2.1a) has answered; from
    // now on the step endpoint's answers are held.
    await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/passkey-options')))).toBe(true);
    let held!: () => void;
    const requestHeld = new Promise<void>((resolve) => (held = resolve));
    await page.route('**/authorize-challenge', () => held());
    const login = await ui.root.elementHandle();
    await login!.evaluate((element) => {
      const after: string[] = [];
      (window as unknown as { __after: string[] }).__after = after;
      for (const type of ['latch-step', 'latch-error', 'latch-signed-in']) element.addEventListener(type, () => after.push(type));
    });
    await ui.email.fill(uniqueEmail('detached'));
    await ui.button('Continue').click();
    await requestHeld;
    const aborted = page.waitForEvent('requestfailed', (request) => request.url().includes('/authorize-challenge'));
    await login!.evaluate((element) => element.remove());
    await aborted;
    // The aborted step settles (its form is no longer busy) without a step change, an error or an announcement.
    await expect.poll(() => login!.evaluate((element) => element.querySelector('form')?.getAttribute('aria-busy'))).toBe('false');
    expect(await login!.evaluate((element) => element.querySelector('h2')?.textContent)).toMatch(/^Sign in/);
    expect(await login!.evaluate((element) => element.shadowRoot?.querySelector('[role="alert"]')?.textContent)).toBe('');
    expect(await page.evaluate(() => (window as unknown as { __after: string[] }).__after)).toEqual([]);
  });
});

/**
 * Storage the browser refuses: with "block all site data" (Chromium's cookie setting) `sessionStorage` and
 * `indexedDB` throw SecurityError on access. A page whose getters throw simulates that setting.
 */
async function blockStorage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    for (const name of ['sessionStorage', 'indexedDB']) {
      Object.defineProperty(window, name, {
        configurable: true,
        get() {
          throw new DOMException(`Access to ${name} is denied for this document.`, 'SecurityError');
        },
      });
    }
  });
}

// Plain Playwright test: the usual guard reads sessionStorage and IndexedDB, which this page blocks.
plain.describe('<latch-login> with sessionStorage and IndexedDB blocked', () => {
  plain('signs in with an email code and offers a passkey as on a fresh device, with nothing unhandled', async ({ page }) => {
    const guard = await instrumentPage(page);
    await blockStorage(page);
    await addVirtualAuthenticator(page);
    const ui = widget(page);
    const email = uniqueEmail('blocked');
    await page.goto('/');
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    // The nudge's store reads as a fresh device (a failed read is not an error).
    await expect(ui.root.getByRole('heading', { name: 'Sign in faster next time' })).toBeVisible();
    expect(guard.errors).toEqual([]);
  });

  plain('a redirect sign-in that cannot keep its transaction ends with a clear, announced message', async ({ page }) => {
    const guard = await instrumentPage(page);
    await blockStorage(page);
    const ui = widget(page);
    await page.goto('/');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    await expect(page.getByText('Test sandbox')).toBeVisible();
    await page.getByLabel('Email').fill(uniqueEmail('blocked-sso'));
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(ui.alert).toHaveText("This sign-in wasn't started in this tab. Please start again.");
    await expect(ui.heading).not.toHaveText("You're signed in");
    expect(guard.errors).toEqual([]);
  });
});
