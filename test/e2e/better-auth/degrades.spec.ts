import type { Page } from '@playwright/test';
import { uniqueEmail } from '../support/backend.js';
import { signUpWithEmailCode } from '../support/flows.js';
import { expect, test, widget } from '../support/widget.js';

// Issue 16: where better-auth cannot do something the profile offers, discovery says so and the demo pages show
// no button that cannot work. better-auth's discovery lists no `sms_otp` step and no sessions, activity or privacy
// resources, and its FactorSummary says recovery codes come with an authenticator app.

/** Console errors and uncaught exceptions of `page` from now on. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}

/** Signs a new customer in with an email code on the demo's sign-in page, as a person would. */
async function signInOnPage(page: Page): Promise<string> {
  const email = uniqueEmail('ba-degrade');
  await page.goto('/');
  await signUpWithEmailCode(page, email);
  return email;
}

for (const width of [1280, 320]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('the security page has no text-message section and says recovery codes come with an authenticator app', async ({ page }) => {
      await signInOnPage(page);
      const errors = consoleErrors(page);
      const asked: string[] = [];
      page.on('request', (request) => asked.push(new URL(request.url()).pathname));
      await page.goto('/security.html');
      const security = page.locator('latch-security');
      await expect(security.getByRole('region', { name: 'Authenticator app', exact: true })).toBeVisible();

      await expect(security.getByRole('region', { name: 'Text message codes' })).toHaveCount(0);
      await expect(security.getByRole('button', { name: 'Add a phone number' })).toHaveCount(0);
      const codes = security.getByRole('region', { name: 'Recovery codes', exact: true });
      await expect(codes.getByText('You get recovery codes when you set up an authenticator app.', { exact: true })).toBeVisible();
      await expect(codes.getByRole('button')).toHaveCount(0);
      // No sessions resource in discovery: the devices card is not drawn at all (no "Try again" that cannot work).
      await expect(page.locator('latch-devices')).toBeHidden();

      expect(asked.filter((path) => /\/factors\/(phone|recovery-codes)$/.test(path))).toEqual([]);
      expect(errors).toEqual([]);
    });

    test('signed in, the sign-in, account and security pages log no console errors', async ({ page }) => {
      // From the sign-in on: its steps are 400 answers by design (FiPA's insufficient_authorization), which Chromium logs.
      const email = await signInOnPage(page);
      const errors = consoleErrors(page);

      await page.goto('/');
      await expect(widget(page).heading).toHaveText("You're signed in");
      await page.goto('/account.html');
      await expect(page.locator('#profile-email')).toHaveText(email);
      // No privacy resource in discovery: the privacy center is not drawn.
      await expect(page.locator('latch-privacy')).toBeHidden();
      await page.goto('/security.html');
      await expect(page.locator('latch-security').getByRole('region', { name: 'Recovery codes', exact: true })).toBeVisible();
      await expect(page.locator('latch-devices')).toBeHidden();

      expect(errors).toEqual([]);
    });
  });
}
