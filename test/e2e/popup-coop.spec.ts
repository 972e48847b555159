import type { Page } from '@playwright/test';
import { E2E_BASE_URL, uniqueEmail } from './support/backend.js';
import { expect, latchEvents, servePage, test, widget } from './support/widget.js';

// A provider's page may send `Cross-Origin-Opener-Policy: same-origin`, which severs a sign-in popup from
// the page that opened it: `window.opener` is null in the popup, and the opener sees the popup as closed.
// The reference backend sends it on its sign-in and sandbox pages to a browser with the test-only cookie
// (demo/server/dev-routes.ts, on only with the test clock).

test.beforeEach(async ({ context }) => {
  await context.addCookies([{ name: 'latch_test_coop', value: '1', url: E2E_BASE_URL }]);
});

/** The demo store page with the SSO buttons in popup mode, and a field the customer typed in. */
async function openPopupPage(page: Page): Promise<ReturnType<typeof widget>> {
  await servePage(page, '/popup-demo.html', `<label>Gift note <input id="note"></label> <latch-login issuer="/" client-id="latchkey-demo" sso-mode="popup"></latch-login>`);
  await page.goto('/popup-demo.html');
  return widget(page);
}

/** Clicks a provider's button and waits for its popup to show the sandbox's page, cut off from this page. */
async function openSeveredPopup(page: Page, provider: string): Promise<Page> {
  const ui = widget(page);
  const opened = page.waitForEvent('popup');
  const coop = page.context().waitForEvent('response', (response) => response.headers()['cross-origin-opener-policy'] === 'same-origin');
  await ui.root.getByRole('button', { name: `Continue with ${provider}` }).click();
  const popup = await opened;
  await coop;
  await expect(popup.getByText('Test sandbox')).toBeVisible();
  expect(await popup.evaluate(() => window.opener)).toBeNull();
  return popup;
}

async function atSandbox(popup: Page, email: string): Promise<void> {
  await popup.getByLabel('Email').fill(email);
  await popup.getByRole('button', { name: 'Continue', exact: true }).click();
}

test.describe('popup sign-in when a page on the way sends Cross-Origin-Opener-Policy', () => {
  test('completes over the BroadcastChannel named for its state, keeps the page, and the popup closes itself', async ({ page }) => {
    const ui = await openPopupPage(page);
    await page.locator('#note').fill('Happy birthday!');
    const email = uniqueEmail('coop');
    const popup = await openSeveredPopup(page, 'GitHub');
    const closed = popup.waitForEvent('close');
    await atSandbox(popup, email);
    await closed;

    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(page.locator('#note')).toHaveValue('Happy birthday!');
    expect((await (await page.request.get('/session')).json()).user.email).toBe(email);
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-error')).toEqual([]);
  });

  test('a popup closed before it reaches the provider is still noticed and announced', async ({ page }) => {
    const ui = await openPopupPage(page);
    const opened = page.waitForEvent('popup');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    await (await opened).close();
    await expect(ui.root.locator('latch-social-buttons').getByRole('alert')).toHaveText(
      'The sign-in window was closed before you finished. Choose a way to sign in.',
    );
  });

  // Closed or cut off, the popup looks the same from here; a closed one must not hold the buttons.
  test('closing a popup that COOP cut off leaves nothing stuck: the next click starts over and signs in, with no error', async ({ page }) => {
    const ui = await openPopupPage(page);
    const first = await openSeveredPopup(page, 'Google');
    await first.close();

    // The Google button still says it is signing in: the customer picks another way.
    const email = uniqueEmail('coop-again');
    const second = await openSeveredPopup(page, 'GitHub');
    await atSandbox(second, email);
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-error')).toEqual([]);
  });

  test('a callback with another state on the channel is ignored, and the real one still completes', async ({ page }) => {
    const ui = await openPopupPage(page);
    const popup = await openSeveredPopup(page, 'Google');
    // A page of this origin posting a forged callback on a guessed channel is not taken.
    await page.evaluate((origin) => {
      const channel = new BroadcastChannel('latchkey:callback:forged');
      channel.postMessage({ type: 'latchkey:callback', url: `${origin}/callback?code=forged&state=forged&iss=${origin}` });
      channel.close();
    }, E2E_BASE_URL);
    const email = uniqueEmail('coop-forged');
    await atSandbox(popup, email);
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
  });
});
