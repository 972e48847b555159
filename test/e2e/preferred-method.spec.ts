import { test as httpTest } from '@playwright/test';
import { backendURL, HttpCustomer, newBrowser, PASSWORD, readOutbox, uniqueEmail } from './support/backend.js';
import { SideBySide, startFor } from './support/enumeration.js';
import { codeFor, signInWithPassword, signUpWithPassword, submitEmail } from './support/flows.js';
import { expect, expectAccessible, freshPage, latchEvents, test, widget } from './support/widget.js';

// docs/protocol.md §19.1: select_method's `preferred_method` comes only from what this browser proved (its
// latch_device cookie completed a password sign-in to this very account), so the password step comes first
// there and nowhere else, and without that cookie a known and an unknown address answer alike. Also the
// resend cooldown after going back from the code step (issue 12).

/** How many mails went to `email` so far. */
async function mailsTo(email: string): Promise<number> {
  return (await readOutbox(backendURL())).filter((mail) => mail.to === email).length;
}

test.describe('the password step first, on the browser that used the password', () => {
  test('shows the password field straight away with Forgot password? and an email code instead; no code is mailed', async ({ page, browser }) => {
    const ui = widget(page);
    const email = uniqueEmail('prefers');
    await page.goto('/');
    await signUpWithPassword(page, email);
    await signInWithPassword(page, email);
    await ui.button('Sign out').click();
    await expect(ui.heading).toHaveText('Sign in to Acme');

    const sent = await mailsTo(email);
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Enter your password');
    await expect(ui.password).toBeFocused();
    await expect(ui.button('Forgot password?')).toBeVisible();
    await expect(ui.button('Email me a code instead')).toBeVisible();
    await expectAccessible(page, 'preferred password step');
    expect(await mailsTo(email)).toBe(sent);
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-step').at(-1)).toEqual({ type: 'latch-step', step: 'password' });

    // The code is one click away.
    await ui.button('Email me a code instead').click();
    await expect(ui.heading).toHaveText('Check your email');
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");

    // Another browser (no latch_device of this account) gets the ordinary first step: a code.
    const other = await freshPage(browser);
    await other.page.goto('/');
    await submitEmail(other.page, email);
    await expect(widget(other.page).heading).toHaveText('Check your email');
    await other.done();
  });

  test('going back from the code step and asking again within the cooldown says the code was already sent', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('cooldown');
    await page.goto('/');
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    const code = await codeFor(email);
    await ui.button('Use another method').click();
    await ui.button('Email me a code').click();

    await expect(ui.heading).toHaveText('Check your email');
    const already = 'We sent you a code a moment ago and it still works. Enter it here, or ask for a new one when the countdown ends.';
    await expect(ui.root.locator('[part~="notice"]')).toHaveText(already);
    await expect(ui.status).toHaveText(already);
    await expect(ui.root.getByText(/You can ask for a new code in \d+ s\./)).toBeVisible();
    await expect(ui.button('Send a new code')).toBeDisabled();
    await expect(ui.alert).toHaveText('');
    await expect(ui.code).toBeFocused();
    await expectAccessible(page, 'code already sent');
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-error')).toEqual([]);

    await ui.code.fill(code);
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
  });
});

httpTest.describe('preferred_method tells nothing to other browsers', () => {
  httpTest('only the browser that signed in with the password gets it, only for that account', async () => {
    const email = uniqueEmail('hint-a');
    const jar = await newBrowser(backendURL());
    const owner = new HttpCustomer(jar, email, backendURL());
    expect((await owner.signUp()).status).toBe(200);
    // A sign-up (by its code) prefers nothing; a password sign-in on this browser prefers the password.
    expect((await owner.start({ login_hint: email })).body.ciam).not.toHaveProperty('preferred_method');
    expect((await owner.signInWithPassword(PASSWORD)).status).toBe(200);
    const mine = await owner.start({ login_hint: email });
    expect(mine.body.ciam).toMatchObject({ step: 'select_method', preferred_method: 'password' });

    // This browser asking about another address (with or without an account) learns nothing.
    const stranger = uniqueEmail('hint-b');
    const other = new HttpCustomer(await newBrowser(backendURL()), uniqueEmail('hint-c'), backendURL());
    expect((await other.signUp()).status).toBe(200);
    for (const address of [stranger, other.email]) {
      const asked = await owner.start({ login_hint: address });
      expect(asked.body.ciam).not.toHaveProperty('preferred_method');
    }
    await jar.dispose();
  });

  httpTest('without the cookie, select_method answers a password user and an unknown address alike', async () => {
    // Addresses of one length, so the answers' lengths cannot differ by it.
    const known = uniqueEmail('same-a');
    const owner = new HttpCustomer(await newBrowser(backendURL()), known, backendURL());
    expect((await owner.signUp()).status).toBe(200);
    expect((await owner.signInWithPassword(PASSWORD)).status).toBe(200);
    const pair = new SideBySide(
      new HttpCustomer(await newBrowser(backendURL()), known, backendURL()),
      new HttpCustomer(await newBrowser(backendURL()), uniqueEmail('same-b'), backendURL()),
    );
    await pair.same('select_method from login_hint', startFor, { tries: 5, timed: true });
  });
});
