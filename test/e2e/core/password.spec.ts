import { PASSWORD, uniqueEmail } from '../support/backend.js';
import { codeFor, reachPasswordStep, signUpWithPassword, submitEmail } from '../support/flows.js';
import { clickCreateAccount, expectAccessible, widget } from '../support/widget.js';
import { discovery, expect, sessionStatus, test } from '../support/core.js';

// Passwords: sign-up with one (the email proven by its code), then sign-in with it, wrong and right.

test.describe('<latch-login> with a password', () => {
  test('creates an account with a password of the length discovery asks for, proving the email by its code', async ({ page, guard }) => {
    guard.secrets.push(PASSWORD);
    const ui = widget(page);
    const email = uniqueEmail('core-pw-new');
    const minimum = (await discovery()).ciam_password_min_length ?? 8;
    await page.goto('/');
    await clickCreateAccount(page);
    await expect(ui.heading).toHaveText('Create your Acme account');
    await submitEmail(page, email);

    await expect(ui.heading).toHaveText('Create a password');
    await expect(ui.newPassword).toBeFocused();
    await expect(ui.newPassword).toHaveAttribute('autocomplete', 'new-password');
    const short = 'x'.repeat(minimum - 1);
    await ui.newPassword.fill(short);
    await ui.button('Create account').click();
    await expect(ui.alert).toHaveText(`Use at least ${minimum} characters.`);
    await expect(ui.newPassword).toHaveValue(short);
    await expectAccessible(page, 'new password too short');

    await ui.newPassword.fill(PASSWORD);
    await ui.button('Create account').click();
    await expect(ui.heading).toHaveText('Check your email');
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(await sessionStatus(page)).toMatchObject({ active: true, user: { email } });
  });

  test('a wrong password is announced and the field keeps focus; the right one signs in', async ({ page, guard }) => {
    guard.secrets.push(PASSWORD);
    const ui = widget(page);
    const email = uniqueEmail('core-pw');
    await page.goto('/');
    await signUpWithPassword(page, email);

    await submitEmail(page, email);
    await reachPasswordStep(page);
    await expect(ui.password).toBeFocused();
    await expect(ui.password).toHaveAttribute('autocomplete', 'current-password');
    await expectAccessible(page, 'password');
    await ui.password.fill('not the password at all');
    await ui.button('Sign in').click();
    await expect(ui.alert).toHaveText("That email and password don't match. Try again, or use another method.");
    await expect(ui.password).toBeFocused();
    await expect(ui.heading).toHaveText('Enter your password');
    await expectAccessible(page, 'password rejected');

    await ui.password.fill(PASSWORD);
    await ui.button('Sign in').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(await sessionStatus(page)).toMatchObject({ active: true, user: { email }, method: 'password' });
  });
});
