import { uniqueEmail } from '../support/backend.js';
import { enrolPasskey, signUpWithEmailCode } from '../support/flows.js';
import { expect, expectCleanPage, instrumentPage, test, widget } from '../support/widget.js';

// The account elements and session watching on www, each reading the backend on id with the session cookie.
test.describe('sibling subdomains: account elements and session watching', () => {
  test('the security page lists the passkey and the factors from the backend', async ({ page }) => {
    const { credential } = await enrolPasskey(page, 'sub-security');
    await page.goto('/security');
    const passkeys = page.locator('latch-passkeys li[data-passkey]');
    await expect(passkeys).toHaveCount(1);
    await expect(passkeys.first()).toHaveAttribute('data-passkey', Buffer.from(credential.credentialId, 'base64').toString('base64url'));
    await expect(page.locator('latch-security').getByRole('region', { name: 'Authenticator app', exact: true }).getByText('Off', { exact: true })).toBeVisible();
  });

  // Regression: the tab that signed out told the others before its DELETE reached the backend, so another tab
  // re-read a session that was still live and showed itself signed in again (flaky on sibling subdomains, where
  // the DELETE waits for its CORS preflight).
  test('signing out in one tab signs the other out, even when the DELETE is slow', async ({ page, context }) => {
    await page.goto('/');
    await signUpWithEmailCode(page, uniqueEmail('sub-tabs'));
    const other = await context.newPage();
    const guard = await instrumentPage(other);
    await other.goto('/');
    await expect(widget(other).heading).toHaveText("You're signed in");

    // A slow network for the signing-out tab's DELETE only; the other tab's requests go at once.
    await page.route('**/session', async (route) => {
      if (route.request().method() === 'DELETE') await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    await widget(page).button('Sign out').click();
    await expect(widget(page).heading).toHaveText('Sign in to Acme');
    await expect(widget(other).heading).toHaveText('Sign in to Acme');
    await expect(widget(other).status).toHaveText(/You signed out in another tab\./);
    await expectCleanPage(other, guard);
  });
});
