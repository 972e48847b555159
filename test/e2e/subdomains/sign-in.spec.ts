import { PASSWORD, uniqueEmail } from '../support/backend.js';
import { codeFor, signUpWithEmailCode, signUpWithPassword, submitEmail } from '../support/flows.js';
import { expect, test, widget } from '../support/widget.js';
import { issuerFor, sessionAt } from './topology.js';

// The store on https://www.latch.test against the backend on https://id.latch.test (playwright.config.ts).
test.describe('sibling subdomains: email code and password', () => {
  test('an email code signs a new customer up, the session cookie covers the domain, and signing out ends it', async ({ page, baseURL }) => {
    const issuer = issuerFor(baseURL);
    const ui = widget(page);
    const email = uniqueEmail('sub-code');
    await page.goto('/');
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await signUpWithEmailCode(page, email);
    await expect(page.locator('#account')).toHaveText(`Hi, ${email}`);
    expect(await sessionAt(page, issuer)).toMatchObject({ active: true, user: { email }, amr: ['otp'] });
    const cookie = (await page.context().cookies()).find((c) => c.name === 'latch_session');
    expect(cookie).toMatchObject({ domain: '.latch.test', secure: true, httpOnly: true, sameSite: 'Lax' });

    await ui.button('Sign out').click();
    await expect(ui.heading).toHaveText('Sign in to Acme');
    expect(await sessionAt(page, issuer)).toMatchObject({ active: false });

    // The sign-up's code is still the newest mail until the sign-in's arrives: wait for a different one.
    const signUpCode = await codeFor(email);
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    await ui.code.fill(await codeFor(email, signUpCode));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    expect(await sessionAt(page, issuer)).toMatchObject({ active: true, user: { email } });
  });

  test('creates an account with a password and signs in with it after a wrong one', async ({ page, baseURL, guard }) => {
    guard.secrets.push(PASSWORD);
    const ui = widget(page);
    const email = uniqueEmail('sub-pw');
    await page.goto('/');
    await signUpWithPassword(page, email);

    await submitEmail(page, email);
    await ui.button('Use another method').click();
    await ui.button('Use my password').click();
    await ui.password.fill('not the password at all');
    await ui.button('Sign in').click();
    await expect(ui.alert).toHaveText("That email and password don't match. Try again, or use another method.");
    await ui.password.fill(PASSWORD);
    await ui.button('Sign in').click();
    await expect(ui.heading).toHaveText("You're signed in");
    expect(await sessionAt(page, issuerFor(baseURL))).toMatchObject({ active: true, user: { email }, amr: ['pwd'] });
  });
});
