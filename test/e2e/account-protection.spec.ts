import type { Page } from '@playwright/test';
import { E2E_BASE_URL, HttpCustomer, totpCode, uniqueEmail } from './support/backend.js';
import { tabTo } from './support/account-policies.js';
import { enrolPasskey } from './support/flows.js';
import { addVirtualAuthenticator, expect, expectAccessible, freshPage, latchEvents, servePage, test, widget, useBrowserLayer } from './support/widget.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

// Issue 14: <latch-security>'s "How your account is protected" (the account's methods, strongest first, and one
// recommendation whose button starts the existing setup), and the passkey cue after a passkey sign-in, once per device.

const CUE = "You signed in with a passkey. Passkeys can't be phished: they only work on this site.";

/** The summary section of `<latch-security>`, as a user finds it. */
function summary(page: Page) {
  const section = page.locator('latch-security').getByRole('region', { name: 'How your account is protected', exact: true });
  return {
    section,
    methods: section.getByRole('listitem'),
    button: section.getByRole('button'),
  };
}

test.describe('<latch-security> account protection summary', () => {
  test('lists the methods strongest first, and its one recommendation changes as a passkey and an app are added', async ({ page }) => {
    await addVirtualAuthenticator(page);
    const customer = new HttpCustomer(page.request, uniqueEmail('protect'), E2E_BASE_URL);
    expect((await customer.signUp()).status).toBe(200);
    await page.goto('/security');
    const ui = summary(page);

    await expect(ui.methods).toHaveText(['Password', 'Email codes']);
    await expect(ui.button).toHaveText('Add a passkey');
    await expect(ui.button).toHaveAccessibleDescription(/strongest way to sign in/);
    await expectAccessible(page, 'summary recommending a passkey');

    await ui.button.click();
    await expect(page.locator('latch-passkeys').getByRole('listitem')).toHaveCount(1);
    await expect(ui.methods).toHaveText(['Passkeys (1)', 'Password', 'Email codes']);
    // A password and no second factor: two-step verification is next.
    await expect(ui.button).toHaveText('Turn on two-step verification');
    await expectAccessible(page, 'summary recommending two-step verification');

    let secret = '';
    await page.route('**/factors/totp', async (route) => {
      const response = await route.fetch();
      if (route.request().postData()?.includes('"start"')) secret = ((await response.json()) as { secret: string }).secret;
      await route.fulfill({ response });
    });
    // By keyboard alone: Tab to the recommendation, Enter, type the code, Enter.
    await tabTo(page, ui.button, 40);
    await page.keyboard.press('Enter');
    // The existing authenticator app setup, its code field focused.
    const code = page.locator('latch-security').getByLabel('Code', { exact: true });
    await expect(code).toBeFocused();
    await expect.poll(() => secret).not.toBe('');
    await page.keyboard.type(await totpCode(E2E_BASE_URL, secret.replace(/\s/g, '')));
    await page.keyboard.press('Enter');
    await expect(ui.methods).toHaveText(['Passkeys (1)', 'Authenticator app', 'Password', 'Email codes']);
    await expect(ui.button).toHaveCount(0);
    await expectAccessible(page, 'summary with nothing to recommend');
  });

  test('fits a 320 px wide screen', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    const customer = new HttpCustomer(page.request, uniqueEmail('protect-narrow'), E2E_BASE_URL);
    expect((await customer.signUp()).status).toBe(200);
    await page.goto('/security');
    const ui = summary(page);
    await expect(ui.methods).toHaveText(['Password', 'Email codes']);
    // No horizontal scrolling (WCAG 2.2 SC 1.4.10), and the summary's last line fits inside the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const box = await ui.section.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(320);
    await expectAccessible(page, 'summary at 320 px');
  });
});

test.describe('<latch-login> passkey cue', () => {
  test('tells once, after the first passkey sign-in on this device, that passkeys cannot be phished', async ({ page, browser }) => {
    const { email, credential } = await enrolPasskey(page, 'cue');
    // The sign-up by email code and the passkey created after it: no passkey sign-in yet, so no cue.
    await expect(widget(page).root.getByText(CUE)).toHaveCount(0);

    const { page: returning, done } = await freshPage(browser);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    await returning.goto('/');
    const ui = widget(returning);
    // Chromium's virtual authenticator answers the passkey autofill request at once: a passkey sign-in.
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(ui.root.locator('[part~="passkey-cue"]')).toHaveText(CUE);
    await expectAccessible(returning, 'signed in with the passkey cue');

    // A reload is not a sign-in: the cue is gone.
    await returning.reload();
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(ui.root.getByText(CUE)).toHaveCount(0);

    // The second passkey sign-in on this device (autofill again, right after signing out): no cue.
    await ui.button('Sign out').click();
    await expect.poll(async () => (await latchEvents(returning)).filter((event) => event.type === 'latch-signed-in')).toEqual([
      expect.objectContaining({ method: 'passkey', email }),
    ]);
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(ui.root.getByText(CUE)).toHaveCount(0);
    await done();
  });

  test('is not shown where the site turned the passkey signal off', async ({ page, browser }) => {
    const { email, credential } = await enrolPasskey(page, 'cue-off');
    const { page: returning, done } = await freshPage(browser);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    await servePage(returning, '/quiet.html', '<latch-login issuer="/" client-id="latchkey-demo" trust-signals="last-used"></latch-login>');
    await returning.goto('/quiet.html');
    const ui = widget(returning);
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(ui.root.getByText(CUE)).toHaveCount(0);
    // Not shown, so not spent: the device may still get it where the signal is on.
    expect(await returning.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open('latchkey');
        request.onsuccess = () => resolve(request.result);
      });
      const value = await new Promise((resolve) => {
        const request = db.transaction('preferences').objectStore('preferences').get('passkey-cue-shown');
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return value ?? null;
    })).toBeNull();
    await done();
  });
});
