import { test as httpTest, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import {
  advanceServerClock,
  backendURL,
  HttpCustomer,
  newBrowser,
  PASSWORD,
  readMailbox,
  totpCode,
  uniqueEmail,
  type Answer,
} from './support/backend.js';
import { codeFor, signInWithPassword, submitEmail } from './support/flows.js';
import { SideBySide, startFor, stepOf } from './support/enumeration.js';
import { expect, expectAccessible, latchEvents, test, widget } from './support/widget.js';

// docs/protocol.md §19: "Forgot password?" proves the mailbox by an emailed code (and any second factor),
// then sets a new password; every other session and token of the account ends, pending codes die, and a
// confirmation mail carries a "This wasn't me" link that ends every session and removes the new password.

const NEW_PASSWORD = 'a brand new passphrase for acme';
/** In the breached-password list the reference backend ships (@zxcvbn-ts/language-common), and 16 code points. */
const BREACHED = '1qaz2wsx3edc4rfv';

/** A customer with a password account, signed in on its own browser (another cookie jar) with an access token. */
async function existingCustomer(prefix: string): Promise<{ email: string; other: HttpCustomer; otherJar: APIRequestContext; accessToken: string }> {
  const email = uniqueEmail(prefix);
  const otherJar = await newBrowser(backendURL());
  const other = new HttpCustomer(otherJar, email, backendURL());
  const signedUp = await other.signUp();
  expect(signedUp.status).toBe(200);
  const accessToken = String((await other.redeem(String(signedUp.body.authorization_code))).body.access_token);
  expect((await other.session()).active).toBe(true);
  expect((await userinfo(otherJar, accessToken)).status()).toBe(200);
  return { email, other, otherJar, accessToken };
}

/** The provider's userinfo endpoint with a Bearer token: 200 while the token lives. */
function userinfo(jar: APIRequestContext, accessToken: string) {
  return jar.get('/me', { headers: { Authorization: `Bearer ${accessToken}` } });
}

/** Starts a reset over HTTP: identifier, then `password_reset`; answers the `email_otp` state. */
async function startReset(customer: HttpCustomer): Promise<Answer> {
  await customer.start({ login_hint: customer.email });
  return customer.step({ type: 'password_reset' });
}

/** Presses Tab until `target` has focus (keyboard only: no clicks), at most 20 times. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 20; presses++) {
    if (await target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement)).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

function notMeLink(text: string): string {
  const link = /https?:\/\/\S+\/password-reset\/not-me\?token=[\w-]+/.exec(text)?.[0];
  if (!link) throw new Error(`no "This wasn't me" link in: ${text}`);
  return link;
}

test.describe('password reset by email code', () => {
  test('keyboard only: Forgot password?, the code, a new password; other sessions end, the old password stops working', async ({ page }) => {
    const { email, other, otherJar, accessToken } = await existingCustomer('reset');
    const ui = widget(page);
    await page.goto('/');
    await tabTo(page, ui.email);
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    // Not this browser's usual password: a sign-in code is emailed first, as before.
    await expect(ui.heading).toHaveText('Check your email');
    const signInCode = await codeFor(email);
    await tabTo(page, ui.button('Use another method'));
    await page.keyboard.press('Enter');
    await tabTo(page, ui.button('Use my password'));
    await page.keyboard.press('Enter');
    await expect(ui.heading).toHaveText('Enter your password');
    await expect(ui.password).toBeFocused();
    await expectAccessible(page, 'password step with Forgot password?');
    await tabTo(page, ui.button('Forgot password?'));
    await page.keyboard.press('Enter');

    // The sign-in code sent moments ago proves the mailbox as well: the resend cooldown sends no second mail.
    await expect(ui.heading).toHaveText('Reset your password');
    await expect(ui.code).toBeFocused();
    await expect(ui.root.getByText(/To make sure it’s you, we sent a code to r•••@example\.com/)).toBeVisible();
    await expectAccessible(page, 'reset code step');
    await page.keyboard.type(signInCode);
    await page.keyboard.press('Enter');

    await expect(ui.heading).toHaveText('Choose a new password');
    await expect(ui.newPassword).toBeFocused();
    await expect(ui.newPassword).toHaveAttribute('autocomplete', 'new-password');
    await page.keyboard.type('short');
    await expect(ui.root.getByText('Strength: too short.')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(ui.root.locator('[part="field-error"]')).toHaveText('Use at least 15 characters.');
    await expect(ui.newPassword).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(NEW_PASSWORD);
    await expect(ui.root.getByText('Strength: strong.')).toBeVisible();
    // Editing the refused field takes its error away: it no longer describes what is typed.
    await expect(ui.root.locator('[part="field-error"]')).toHaveCount(0);
    await expect(ui.newPassword).toHaveAttribute('aria-invalid', 'false');
    await expectAccessible(page, 'new password step');
    await page.keyboard.press('Enter');

    await expect(ui.heading).toHaveText("You're signed in");
    const done = 'Your password was changed, and every other device or browser signed in to your account was signed out.';
    await expect(ui.root.locator('[part~="notice"]')).toHaveText(done);
    await expect(ui.status).toHaveText(done);
    await expectAccessible(page, 'signed in after a reset');
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-step').map((event) => event.step)).toEqual(
      expect.arrayContaining(['code', 'methods', 'password', 'new-password', 'signed-in']),
    );
    expect((await (await page.request.get('/session')).json()).active).toBe(true);

    // The other browser's session and access token ended; the old password is refused and the new one works.
    expect((await other.session()).active).toBe(false);
    expect((await userinfo(otherJar, accessToken)).status()).toBe(401);
    expect((await other.signInWithPassword(PASSWORD)).body.error).toBe('invalid_credentials');
    expect((await other.signInWithPassword(NEW_PASSWORD)).status).toBe(200);
    const mail = await readMailbox(backendURL(), email);
    expect(mail).toMatchObject({ purpose: 'password_changed', code: null, subject: 'Your Acme password was changed' });
    expect(mail!.text).toContain("If this wasn't you");
    await otherJar.dispose();
  });

  test('a breached password is refused with its reason, at sign-up and at a reset', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('breached');
    await page.goto('/');
    await ui.button('Create an account').click();
    await submitEmail(page, email);
    await ui.newPassword.fill(BREACHED);
    await ui.button('Create account').click();
    const reason = 'This password has appeared in a data breach, so attackers try it first. Choose a different one.';
    await expect(ui.root.locator('[part="field-error"]')).toHaveText(reason);
    await expect(ui.alert).toHaveText(reason);
    await expect(ui.newPassword).toBeFocused();
    await expectAccessible(page, 'sign-up refusing a breached password');
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-error').map((event) => event.code)).toEqual(['LATCH_PASSWORD_BREACHED']);
    await ui.newPassword.fill(PASSWORD);
    await ui.button('Create account').click();
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await ui.button('Sign out').click();
    await signInWithPassword(page, email);
    await ui.button('Sign out').click();

    // This browser signed in with the password: now its field comes first, and a reset's code is emailed for the reset.
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Enter your password');
    await ui.button('Forgot password?').click();
    await expect(ui.heading).toHaveText('Reset your password');
    const mail = await readMailbox(backendURL(), email);
    expect(mail).toMatchObject({ purpose: 'password_reset', subject: 'Reset your Acme password' });
    await ui.code.fill(mail!.code!);
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText('Choose a new password');
    await ui.newPassword.fill(BREACHED.toUpperCase());
    await ui.button('Save password and sign in').click();
    await expect(ui.root.locator('[part="field-error"]')).toHaveText(reason);
    await expectAccessible(page, 'reset refusing a breached password');
    await ui.newPassword.fill(NEW_PASSWORD);
    await ui.button('Save password and sign in').click();
    await expect(ui.heading).toHaveText("You're signed in");
  });

  httpTest('a code works once; an older code, and every code once a reset finished, is refused', async () => {
    const { email, otherJar } = await existingCustomer('codes');
    const first = new HttpCustomer(await newBrowser(backendURL()), email, backendURL());
    const started = await startReset(first);
    expect(started.body.ciam).toMatchObject({ step: 'email_otp', purpose: 'password_reset', code_length: 6 });
    const older = (await readMailbox(backendURL(), email))!.code!;

    // A newer code (another auth_session, after the cooldown) makes the older one worthless.
    await advanceServerClock(backendURL(), 31);
    const second = new HttpCustomer(await newBrowser(backendURL()), email, backendURL());
    await startReset(second);
    const newer = (await readMailbox(backendURL(), email))!.code!;
    expect(newer).not.toBe(older);
    expect((await first.step({ type: 'email_otp', action: 'verify', code: older })).body.error).toBe('expired_code');

    const proven = await second.step({ type: 'email_otp', action: 'verify', code: newer });
    expect(proven.body.ciam).toEqual({ step: 'new_password', password_min_length: 15 });
    // Used once: the same code again is no code at all.
    expect((await second.step({ type: 'email_otp', action: 'verify', code: newer })).status).toBe(400);
    const tooShort = await second.step({ type: 'new_password', password: 'short' });
    expect(tooShort.body).toMatchObject({ error: 'weak_password', field_errors: [{ field: 'password', code: 'too_short' }] });

    // A third reset's code is pending when the second finishes: it dies with it.
    await advanceServerClock(backendURL(), 31);
    const third = new HttpCustomer(await newBrowser(backendURL()), email, backendURL());
    await startReset(third);
    const pending = (await readMailbox(backendURL(), email))!.code!;
    // The second reset's proof was outdated by the third's code: it must start again.
    expect((await second.step({ type: 'new_password', password: NEW_PASSWORD })).body.error).toBe('invalid_session');
    const proof = await third.step({ type: 'email_otp', action: 'verify', code: pending });
    expect(proof.body.ciam).toMatchObject({ step: 'new_password' });
    const done = await third.step({ type: 'new_password', password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    const token = await third.redeem(String(done.body.authorization_code));
    expect(token.status).toBe(200);
    expect((await third.session()).active).toBe(true);
    expect((await first.step({ type: 'email_otp', action: 'verify', code: older })).status).toBe(400);
    await otherJar.dispose();
  });

  test('in the widget, an account with an authenticator app confirms it between the code and the new password', async ({ page }) => {
    const email = uniqueEmail('reset-app');
    const owner = new HttpCustomer(await newBrowser(backendURL()), email, backendURL());
    expect((await owner.signUp()).status).toBe(200);
    const secret = await owner.enrollTotp();
    const ui = widget(page);
    await page.goto('/');
    await submitEmail(page, email);
    await ui.button('Use another method').click();
    await ui.button('Use my password').click();
    await ui.button('Forgot password?').click();
    await expect(ui.heading).toHaveText('Reset your password');
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();

    await expect(ui.heading).toHaveText("Confirm it's you");
    await expect(ui.root.getByText('Your account has two-step verification turned on.')).toBeVisible();
    await expect(ui.code).toBeFocused();
    await ui.code.fill(await totpCode(backendURL(), secret, 1));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText('Choose a new password');
    await expect(ui.newPassword).toBeFocused();
    await ui.newPassword.fill(NEW_PASSWORD);
    await ui.button('Save password and sign in').click();
    await expect(ui.heading).toHaveText("You're signed in");
    expect(await (await page.request.get('/session')).json()).toMatchObject({ active: true, acr: 'urn:latch:acr:mfa' });
  });

  httpTest('an account with a second factor passes it before the new password', async () => {
    const email = uniqueEmail('reset-2fa');
    const jar = await newBrowser(backendURL());
    const owner = new HttpCustomer(jar, email, backendURL());
    expect((await owner.signUp()).status).toBe(200);
    const secret = await owner.enrollTotp();
    const stranger = new HttpCustomer(await newBrowser(backendURL()), email, backendURL());
    await startReset(stranger);
    const proven = await stranger.step({ type: 'email_otp', action: 'verify', code: (await readMailbox(backendURL(), email))!.code! });
    expect(proven.body.ciam).toMatchObject({ step: 'totp', reason: 'mfa_enrolled' });
    expect((await stranger.step({ type: 'new_password', password: NEW_PASSWORD })).status).toBe(400);
    const factor = await stranger.step({ type: 'totp', code: await totpCode(backendURL(), secret, 1) });
    expect(factor.body.ciam).toEqual({ step: 'new_password', password_min_length: 15 });
    const done = await stranger.step({ type: 'new_password', password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect((await stranger.redeem(String(done.body.authorization_code))).status).toBe(200);
    const session = await stranger.session();
    expect(session).toMatchObject({ active: true, amr: ['otp'] });
    expect((await owner.session()).active).toBe(false);
  });

  test('"This wasn\'t me": the page asks first, then ends every session and removes the new password', async ({ page }) => {
    const { email, other, otherJar } = await existingCustomer('notme');
    const attacker = new HttpCustomer(await newBrowser(backendURL()), email, backendURL());
    await startReset(attacker);
    await attacker.step({ type: 'email_otp', action: 'verify', code: (await readMailbox(backendURL(), email))!.code! });
    const done = await attacker.step({ type: 'new_password', password: NEW_PASSWORD });
    await attacker.redeem(String(done.body.authorization_code));
    expect((await attacker.session()).active).toBe(true);
    expect((await other.session()).active).toBe(false);
    const link = notMeLink((await readMailbox(backendURL(), email))!.text);

    // Opening the link (or a mail scanner fetching it) changes nothing.
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Didn't change your password?");
    expect((await attacker.session()).active).toBe(true);
    await expectAccessible(page, '"This wasn\'t me" page');
    await page.getByRole('button', { name: 'Sign out everywhere and remove the new password' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Done: everyone is signed out');
    await expect(page.getByText(/including the one that changed the password, and removed the new password/)).toBeVisible();
    await expect(page.getByText(/choose "Forgot password\?"/)).toBeVisible();
    await expectAccessible(page, '"This wasn\'t me" done');

    expect((await attacker.session()).active).toBe(false);
    expect((await other.signInWithPassword(NEW_PASSWORD)).body.error).toBe('invalid_credentials');
    // Single use.
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link no longer works');
    await otherJar.dispose();
  });

  httpTest('no enumeration: password_reset, verify and new_password answer alike for an unknown address', async () => {
    // Addresses of one length, so the answers' lengths cannot differ by it.
    const known = (await existingCustomer('enum-a')).email;
    const unknown = uniqueEmail('enum-b');
    const pair = new SideBySide(
      new HttpCustomer(await newBrowser(backendURL()), known, backendURL()),
      new HttpCustomer(await newBrowser(backendURL()), unknown, backendURL()),
    );
    await pair.same('initial request', startFor);
    await pair.same('new_password before any proof', stepOf({ type: 'new_password', password: NEW_PASSWORD }));
    await pair.same('password_reset', stepOf({ type: 'password_reset' }), { timed: false });
    await pair.same('password_reset again within the cooldown', stepOf({ type: 'password_reset' }));
    await pair.same('wrong reset code', stepOf({ type: 'email_otp', action: 'verify', code: '000000' }), { tries: 5, timed: true });
    await pair.same('verify after the code burnt', stepOf({ type: 'email_otp', action: 'verify', code: '000000' }));
    await pair.same('new_password after failed proofs', stepOf({ type: 'new_password', password: NEW_PASSWORD }));

    // The mailbox owner alone learns it: the unknown address's mail says so and carries no code.
    const toUnknown = await readMailbox(backendURL(), unknown);
    expect(toUnknown).toMatchObject({ purpose: 'no_account', code: null, subject: 'Password reset at Acme' });
    expect(toUnknown!.text).toContain('there is no account');
    expect((await readMailbox(backendURL(), known))).toMatchObject({ purpose: 'password_reset' });
  });
});
