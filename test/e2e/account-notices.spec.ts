import type { Locator, Page } from '@playwright/test';
import { advanceServerClock, E2E_BASE_URL, HttpCustomer, uniqueEmail } from './support/backend.js';
import { addVirtualAuthenticator, expect, expectAccessible, test } from './support/widget.js';

// The account elements' notices, as a customer sees them on the security page: a change called off (a
// dismissed passkey prompt, a closed "Confirm it's you") is a neutral notice, never an error in the danger
// colour; a failure is; and a notice goes away as soon as the next action starts.

function passkeysView(page: Page) {
  const root = page.locator('latch-passkeys');
  return {
    root,
    add: root.getByRole('button', { name: 'Add a passkey', exact: true }),
    status: root.locator('.live[role="status"]'),
    alert: root.locator('.live[role="alert"]'),
    notice: (tone: 'error' | 'success' | 'info'): Locator => root.locator(`[part~="notice-${tone}"][part~="notice"]`),
  };
}

/** The colour a notice is drawn in: its text, and the border that marks its tone. */
async function tone(notice: Locator): Promise<{ color: string; border: string }> {
  return notice.evaluate((node) => {
    const style = getComputedStyle(node);
    return { color: style.color, border: style.borderInlineStartColor };
  });
}

async function dangerColour(page: Page): Promise<string> {
  return page.locator('latch-passkeys').evaluate((host) => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--_danger)';
    host.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  });
}

async function signedUpCustomer(page: Page, prefix: string): Promise<void> {
  const customer = new HttpCustomer(page.request, uniqueEmail(prefix), E2E_BASE_URL);
  expect((await customer.signUp()).status).toBe(200);
}

test.describe('account notices on the security page', () => {
  test('a dismissed "Add a passkey" prompt says no passkey was added in a neutral notice, which the next try clears', async ({ page }) => {
    // User verification fails: the browser's passkey prompt ends as if the customer dismissed it.
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page, { isUserVerified: false });
    await signedUpCustomer(page, 'add-dismissed');
    await page.goto('/security');
    const ui = passkeysView(page);
    await ui.add.click();

    await expect(ui.status).toHaveText(/^No passkey was added\.\s?$/);
    await expect(ui.notice('info')).toHaveText('No passkey was added.');
    await expect(ui.notice('error')).toHaveCount(0);
    await expect(ui.alert).toHaveText('');
    const danger = await dangerColour(page);
    const neutral = await tone(ui.notice('info'));
    expect(neutral.color).not.toBe(danger);
    expect(neutral.border).not.toBe(danger);
    await expectAccessible(page, 'passkey prompt dismissed');

    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    await ui.add.click();
    await expect(ui.notice('success')).toHaveText('Passkey added.');
    await expect(ui.notice('info')).toHaveCount(0);
  });

  test('closing "Confirm it\'s you" before a change is a neutral notice; a failure is a danger one', async ({ page }) => {
    await addVirtualAuthenticator(page);
    await signedUpCustomer(page, 'add-closed');
    await page.goto('/security');
    const ui = passkeysView(page);
    await expect(ui.add).toBeVisible();
    await advanceServerClock(E2E_BASE_URL, 301);

    await ui.add.click();
    const dialog = page.locator('latch-step-up').getByRole('dialog', { name: "Confirm it's you" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(ui.notice('info')).toHaveText("You didn't confirm it's you, so nothing was changed.");
    await expect(ui.notice('error')).toHaveCount(0);
    await expect(ui.status).toHaveText(/You didn't confirm it's you/);

    // The backend goes away (a refused connection, simulated: the suite's one backend cannot be stopped for one
    // test): the next try fails, in the danger colour, and the neutral notice is gone.
    await page.route('**/passkeys/register', (route) => route.abort('connectionrefused'));
    await ui.add.click();
    await expect(ui.notice('error')).toBeVisible();
    await expect(ui.notice('info')).toHaveCount(0);
    const failure = await tone(ui.notice('error'));
    expect(failure.color).toBe(await dangerColour(page));
    await expectAccessible(page, 'passkey add failed');
  });
});
