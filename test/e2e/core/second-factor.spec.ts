import type { Page } from '@playwright/test';
import { PASSWORD, uniqueEmail } from '../support/backend.js';
import { codeFor, reachPasswordStep, submitEmail } from '../support/flows.js';
import { clickCreateAccount, expectAccessible, widget } from '../support/widget.js';
import { authenticatorCode, discovery, expect, sessionStatus, signOut, test } from '../support/core.js';

// A second factor set up in the account element <latch-security> (/security): an authenticator app, and
// recovery codes; the next password sign-in asks for one of them.

/** The parts of `<latch-security>` a customer sees. */
function securityView(page: Page) {
  const root = page.locator('latch-security');
  const section = (name: string) => root.getByRole('region', { name, exact: true });
  return {
    root,
    totp: section('Authenticator app'),
    codes: section('Recovery codes'),
    code: root.getByLabel('Code', { exact: true }),
    button: (name: string) => root.getByRole('button', { name, exact: true }),
    // Its own live region comes first; the embedded <latch-passkeys> has its own after it.
    status: root.locator('.live[role="status"]').first(),
  };
}

/** The authenticator app as the customer set it up: the key and the code length the security page showed. */
interface AuthenticatorApp {
  secret: string;
  digits: number;
}

/**
 * A customer with a password (signed up in this browser, so signed in) sets up an authenticator app on the security page with
 * the key shown there; answers what the app was given.
 */
async function setUpAuthenticatorApp(page: Page, prefix: string): Promise<{ email: string; app: AuthenticatorApp }> {
  const email = uniqueEmail(prefix);
  const form = widget(page);
  await page.goto('/');
  await clickCreateAccount(page);
  await expect(form.heading).toHaveText('Create your Acme account');
  await submitEmail(page, email);
  await expect(form.heading).toHaveText('Create a password');
  await form.newPassword.fill(PASSWORD);
  await form.button('Create account').click();
  await expect(form.heading).toHaveText('Check your email');
  await form.code.fill(await codeFor(email));
  await form.button('Verify').click();
  await expect(form.heading).toHaveText("You're signed in");

  await page.goto('/security');
  const ui = securityView(page);
  await expect(ui.totp.getByText('Off', { exact: true })).toBeVisible();
  await ui.button('Set up an authenticator app').click();
  await expect(ui.totp.getByRole('img', { name: 'QR code to scan with your authenticator app' })).toBeVisible();
  // What the customer types into the app: the key shown under the QR code, and codes of the length the hint says
  // (every 30 s, RFC 6238's default, which the page does not show).
  const key = (await ui.totp.locator('[data-secret]').innerText()).replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{16,}$/);
  const hint = await ui.totp.getByText(/^Enter the \d+-digit code\. You can paste it\.$/).innerText();
  const app: AuthenticatorApp = { secret: key, digits: Number(/\d+/.exec(hint)![0]) };
  await expect(ui.code).toBeFocused();
  await ui.code.fill(authenticatorCode(key, app));
  await ui.button('Verify').click();
  await expect(ui.status).toHaveText(/^Authenticator app set up\. You can use its codes to confirm it’s you\.\s?$/);
  await expect(ui.totp.getByText('On', { exact: true })).toBeVisible();
  await expect(ui.totp.getByRole('heading', { name: 'Authenticator app' })).toBeFocused();
  return { email, app };
}

/** Signs out on the store page and signs in again with the password, up to the second-factor step. */
async function passwordAgain(page: Page, email: string): Promise<void> {
  const ui = widget(page);
  await page.goto('/');
  await expect(ui.heading).toHaveText("You're signed in");
  await signOut(page);
  await submitEmail(page, email);
  await reachPasswordStep(page);
  await ui.password.fill(PASSWORD);
  await ui.button('Sign in').click();
  await expect(ui.heading).toHaveText("Confirm it's you");
}

test.describe('<latch-security> second factors at sign-in', () => {
  test('an authenticator app set up on the security page is asked for at the next password sign-in', async ({ page, guard }) => {
    guard.secrets.push(PASSWORD);
    const { email, app } = await setUpAuthenticatorApp(page, 'core-totp');
    await expectAccessible(page, 'authenticator app on');

    await passwordAgain(page, email);
    const ui = widget(page);
    await expect(ui.root.getByText(`Enter the ${app.digits}-digit code from your authenticator app.`)).toBeVisible();
    await expect(ui.code).toBeFocused();
    await expectAccessible(page, 'authenticator code asked');
    // The setup spent this period's code; the app's next one is within the drift every backend allows (RFC 6238 §5.2).
    await ui.code.fill(authenticatorCode(app.secret, { ...app, steps: 1 }));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();

    // The level reached, where the backend has levels (§12.1: the strongest is last); none where it has not.
    const session = await sessionStatus(page);
    expect(session).toMatchObject({ active: true, user: { email }, method: 'password' });
    const levels = (await discovery()).acr_values_supported;
    if (levels?.length) expect(session['acr']).toBe(levels.at(-1));
    else expect(session['acr']).toBeUndefined();
  });

  test('recovery codes made on the security page are shown once, and one of them finishes a password sign-in', async ({ page, guard }) => {
    guard.secrets.push(PASSWORD);
    const { email } = await setUpAuthenticatorApp(page, 'core-codes');
    const ui = securityView(page);
    // A backend may make a first set with the app (better-auth does): then the page offers to replace it, saying
    // the old codes stop working.
    const none = ui.codes.getByText('You have no recovery codes.', { exact: true });
    await expect(none.or(ui.codes.getByText(/^\d+ unused codes? left\.$/))).toBeVisible();
    if (await none.isVisible()) {
      await ui.button('Create recovery codes').click();
    } else {
      await ui.button('Create new codes').click();
      await expect(ui.codes.getByText('New codes replace the old ones: your current codes will stop working.')).toBeVisible();
      await ui.button('Replace my codes').click();
    }
    const list = ui.codes.getByRole('list', { name: 'Your recovery codes' });
    await expect(list).toBeFocused();
    const codes = await list.getByRole('listitem').allInnerTexts();
    expect(codes.length).toBeGreaterThanOrEqual(5);
    expect(new Set(codes).size).toBe(codes.length);
    await expect(ui.codes.getByText('Save these codes now. They will not be shown again.')).toBeVisible();
    await expectAccessible(page, 'recovery codes shown');
    await ui.button('I have saved them').click();
    await expect(list).toHaveCount(0);
    await expect(ui.codes.getByText(`${codes.length} unused codes left.`)).toBeVisible();
    guard.secrets.push(...codes);

    await passwordAgain(page, email);
    const form = widget(page);
    await form.button('Try another way').click();
    await form.button('Use a recovery code').click();
    const recovery = form.root.getByLabel('Recovery code', { exact: true });
    await expect(recovery).toBeFocused();
    await recovery.fill(codes[0]!);
    await form.button('Verify').click();
    await expect(form.heading).toHaveText("You're signed in");
    await expect(form.root.getByText(`Signed in as ${email}`)).toBeVisible();

    await page.goto('/security');
    await expect(ui.codes.getByText(`${codes.length - 1} unused codes left.`)).toBeVisible();
  });
});
