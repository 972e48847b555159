import type { Locator, Page } from '@playwright/test';
import { PASSWORD, uniqueEmail } from './support/backend.js';
import { codeFor, enrolPasskey, signInWithPassword, signUpWithEmailCode, signUpWithPassword, submitEmail } from './support/flows.js';
import { addVirtualAuthenticator, expect, expectAccessible, freshPage, servePage, test, widget, useBrowserLayer } from './support/widget.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

// "Last used" (issue 14; docs/protocol.md §26.5): after each kind of sign-in, the next visit on this device marks
// that method's button (or provider's) — only where more than one is shown, and nothing but the method id is kept.

/** The "Last used" badges in `<latch-login>`, its social buttons included. */
const badges = (page: Page) => widget(page).root.locator('[part~="last-used"]');

/** Asserts `button` carries the only badge, and that a screen reader hears it as the button's description. */
async function expectMarked(page: Page, button: Locator): Promise<void> {
  await expect(button.locator('[part~="last-used"]')).toHaveText('Last used');
  await expect(badges(page)).toHaveCount(1);
  await expect(button).toHaveAccessibleDescription('Last used');
}

/** Signs out from the signed-in step, back to the identifier step. */
async function signOut(page: Page): Promise<void> {
  const ui = widget(page);
  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');
}

/** What the page keeps in IndexedDB's preference store (key → value) and in localStorage. */
function keptOnDevice(page: Page): Promise<{ preferences: Record<string, unknown>; local: Record<string, string> }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('latchkey');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = db.transaction('preferences').objectStore('preferences');
    const read = <T,>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const [keys, values] = await Promise.all([read(store.getAllKeys()), read(store.getAll())]);
    db.close();
    return { preferences: Object.fromEntries(keys.map((key, i) => [String(key), values[i]])), local: { ...localStorage } };
  });
}

test.describe('"Last used" on <latch-login>', () => {
  test('marks the passkey button after a passkey sign-in, across a reload', async ({ page, browser }) => {
    const { email, credential } = await enrolPasskey(page, 'lu-passkey');
    // Signed up by email code on the first device: that is its last method.
    expect((await keptOnDevice(page)).preferences['last-used']).toBe('email_otp');
    // A returning device: Chromium's virtual authenticator answers the passkey autofill request at once.
    const { page: returning, done } = await freshPage(browser);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    await returning.goto('/');
    const ui = widget(returning);
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    // Without the passkey the autofill request waits, and the first step stays on screen.
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
    await signOut(returning);
    await expectMarked(returning, ui.button('Sign in with a passkey'));
    await expectAccessible(returning, 'identifier step with the passkey marked "Last used"');
    await returning.reload();
    await expectMarked(returning, ui.button('Sign in with a passkey'));
    const kept = await keptOnDevice(returning);
    expect(kept.preferences['last-used']).toBe('passkey');
    expect(JSON.stringify(kept)).not.toContain(email);
    await done();
  });

  test('marks the email and then "Use my password" after a password sign-in; nothing else is kept', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('lu-password');
    await page.goto('/');
    await signUpWithPassword(page, email);
    await signInWithPassword(page, email);
    await page.reload();
    await expect(ui.heading).toHaveText("You're signed in");
    await signOut(page);
    // On the first step the password is behind the email: "Continue" carries the badge, the passkey button does not.
    await expectMarked(page, ui.button('Continue'));
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Enter your password');
    await ui.button('Use another method').click();
    await expect(ui.heading).toHaveText('Choose how to sign in');
    await expectMarked(page, ui.button('Use my password'));
    await expectAccessible(page, 'method choice with the password marked "Last used"');

    const kept = await keptOnDevice(page);
    expect(kept.preferences['last-used']).toBe('password');
    // Every preference is a method id, a flag or a small counter record: no address, no token, no code.
    const stored = JSON.stringify(kept);
    expect(stored).not.toContain(email);
    expect(stored).not.toContain(PASSWORD);
    // localStorage holds only the consent banner's cached configuration (issue 13) and the device id's mirror (a
    // random id, src/client/device-id.ts), nothing of this sign-in.
    for (const key of Object.keys(kept.local)) expect(['latch-consent-config', 'latch-device-id']).toContain(key);
    for (const key of Object.keys(kept.preferences)) expect(['last-used', 'passkey-nudge', 'passkey-cue-shown', 'device-id']).toContain(key);
  });

  test('marks "Email me a code" after an email code sign-in', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('lu-code');
    await page.goto('/');
    await signUpWithEmailCode(page, email);
    await signOut(page);
    // The sign-up's code is still the newest mail until the new one arrives: wait for a different one.
    const signUpCode = await codeFor(email);
    await submitEmail(page, email);
    await ui.code.fill(await codeFor(email, signUpCode));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await signOut(page);
    await expectMarked(page, ui.button('Continue'));
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    await ui.button('Use another method').click();
    await expectMarked(page, ui.button('Email me a code'));
    expect((await keptOnDevice(page)).preferences['last-used']).toBe('email_otp');
  });

  test('marks the provider after a social sign-in, and only that provider', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('lu-google');
    await page.goto('/');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    await expect(page.getByText('Test sandbox')).toBeVisible();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    // The redirect URI page (/callback) shows the sign-in, then sends the browser back to the store: the reload
    // below must not race that navigation (it once failed with "Not attached to an active page").
    await page.waitForURL((url) => url.pathname === '/');
    await expect(ui.heading).toHaveText("You're signed in");
    // The session ends at the backend (a sign-out would go on to the provider's): the device's record stays.
    await page.context().clearCookies();
    await page.reload();
    await expectMarked(page, ui.root.getByRole('button', { name: 'Continue with Google' }));
    await expect(ui.root.getByRole('button', { name: 'Continue with GitHub' })).not.toHaveAccessibleDescription('Last used');
    await expectAccessible(page, 'social buttons with Google marked "Last used"');
    await page.reload();
    await expectMarked(page, ui.root.getByRole('button', { name: 'Continue with Google' }));
    expect((await keptOnDevice(page)).preferences['last-used']).toBe('sso:google');
  });

  test('shows no badge where only one choice is shown, or where the site turned the signal off', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('lu-single');
    await page.goto('/');
    await signUpWithPassword(page, email);
    await signInWithPassword(page, email);
    await signOut(page);
    await expectMarked(page, ui.button('Continue'));

    // The email alone on the first step (no passkey button, no social buttons): one choice, nothing to tell apart.
    await servePage(page, '/single.html', '<latch-login issuer="/" client-id="latchkey-demo" methods="password email_otp" sso="off"></latch-login>');
    await page.goto('/single.html');
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Enter your password');
    // The method choice has two: the badge there proves the record was read before the first step is judged.
    await ui.button('Use another method').click();
    await expectMarked(page, ui.button('Use my password'));
    await ui.button('Change').click();
    await expect(ui.button('Continue')).toBeVisible();
    await expect(ui.button('Sign in with a passkey')).toHaveCount(0);
    await expect(badges(page)).toHaveCount(0);

    // All choices shown, but the site asked for no trust signals.
    await servePage(page, '/quiet.html', '<latch-login issuer="/" client-id="latchkey-demo" trust-signals="site brand"></latch-login>');
    await page.goto('/quiet.html');
    await expect(ui.root.getByRole('button', { name: 'Continue with Google' })).toBeVisible();
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Enter your password');
    await ui.button('Use another method').click();
    await expect(ui.button('Use my password')).toBeVisible();
    await expect(badges(page)).toHaveCount(0);
  });
});

test.describe('"Last used" on <latch-social-buttons> alone', () => {
  test('marks the provider only when more than one button is shown', async ({ page }) => {
    const email = uniqueEmail('lu-alone');
    await page.goto('/');
    await widget(page).root.getByRole('button', { name: 'Continue with GitHub' }).click();
    await expect(page.getByText('Test sandbox')).toBeVisible();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(widget(page).heading).toHaveText("You're signed in");

    await servePage(
      page,
      '/buttons.html',
      '<latch-social-buttons id="one" issuer="/" client-id="latchkey-demo" providers="github"></latch-social-buttons>' +
        '<latch-social-buttons id="two" issuer="/" client-id="latchkey-demo" providers="google github"></latch-social-buttons>',
    );
    await page.goto('/buttons.html');
    const two = page.locator('#two');
    await expect(two.getByRole('button', { name: 'Continue with GitHub' })).toHaveAccessibleDescription('Last used');
    await expect(two.locator('[part~="last-used"]')).toHaveCount(1);
    await expect(page.locator('#one').getByRole('button', { name: 'Continue with GitHub' })).toBeVisible();
    await expect(page.locator('#one').locator('[part~="last-used"]')).toHaveCount(0);
    await expectAccessible(page, 'standalone social buttons with "Last used"');
  });
});
