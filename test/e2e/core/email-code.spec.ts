import { uniqueEmail } from '../support/backend.js';
import { codeFor, signUpWithEmailCode, submitEmail } from '../support/flows.js';
import { expectAccessible, latchEvents, widget } from '../support/widget.js';
import { discovery, expect, sessionStatus, signOut, tabTo, test } from '../support/core.js';

// Sign-in and sign-up by emailed code on the store page, and the discovery the whole core set relies on.

test.describe('discovery', () => {
  test('names the profile version, every step the core set drives and its endpoints; the form offers them', async ({ page }) => {
    // The form a visitor sees: the email field, a passkey button and sign-up.
    const ui = widget(page);
    await page.goto('/');
    await expect(ui.email).toBeVisible();
    await expect(ui.button('Sign in with a passkey')).toBeVisible();
    await expect(ui.button('Create an account')).toBeVisible();
    // What the form and the rest of the set rely on.
    const metadata = await discovery();
    expect(metadata.ciam_profile_versions_supported).toContain('2026-11');
    expect(metadata.ciam_step_types_supported).toEqual(
      expect.arrayContaining(['identifier', 'email_otp', 'password', 'sign_up', 'webauthn', 'totp', 'recovery_code']),
    );
    expect(metadata.ciam_sign_up_enabled).toBe(true);
    for (const key of ['ciam_session_endpoint', 'ciam_passkey_registration_endpoint', 'ciam_passkeys_endpoint', 'ciam_factors_endpoint'] as const) {
      expect(metadata[key], key).toMatch(/^https?:\/\//);
    }
  });
});

test.describe('<latch-login> with an emailed code', () => {
  test('signs a new customer up with no password, and the store greets them', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('core-code');
    await page.goto('/');
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect(ui.email).toHaveAttribute('autocomplete', 'username webauthn');
    await expectAccessible(page, 'identifier');

    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    await expect(ui.code).toBeFocused();
    await expect(ui.code).toHaveAttribute('autocomplete', 'one-time-code');
    await expectAccessible(page, 'code');
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();

    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(page.locator('#account')).toHaveText(`Hi, ${email}`);
    await expectAccessible(page, 'signed in');
    expect(await sessionStatus(page)).toMatchObject({ active: true, user: { email }, method: 'email_otp' });
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-signed-in')).toEqual([
      { type: 'latch-signed-in', method: 'email_otp', email },
    ]);
  });

  test('a wrong code is announced with the typed code kept, and the right one signs the customer back in', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('core-wrong');
    await page.goto('/');
    await signUpWithEmailCode(page, email);
    const first = await codeFor(email);
    await signOut(page);
    expect(await sessionStatus(page)).toMatchObject({ active: false });

    await submitEmail(page, email);
    const right = await codeFor(email, first);
    const wrong = right === '000000' ? '111111' : '000000';
    await ui.code.fill(wrong);
    await ui.button('Verify').click();
    await expect(ui.alert).toHaveText(/^That code didn't work\./);
    await expect(ui.code).toHaveValue(wrong);
    await expect(ui.code).toHaveAttribute('aria-invalid', 'true');
    await expect(ui.code).toBeFocused();
    await expect(ui.heading).toHaveText('Check your email');
    await expectAccessible(page, 'code rejected');

    await ui.code.fill(right);
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-error').map((event) => event.code)).toEqual(['LATCH_INVALID_CODE']);
  });

  test('works from the keyboard alone: Tab, typing and Enter, with focus following every step', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('core-keys');
    await page.goto('/');
    await expect(ui.email).toBeVisible();
    await tabTo(page, ui.email);
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');

    await expect(ui.heading).toHaveText('Check your email');
    await expect(ui.code).toBeFocused();
    await page.keyboard.type(await codeFor(email));
    await page.keyboard.press('Enter');

    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.heading).toBeFocused();
    await tabTo(page, ui.button('Sign out'));
    await page.keyboard.press('Enter');
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect(ui.email).toBeFocused();
  });
});
