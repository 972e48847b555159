import { uniqueEmail } from '../support/backend.js';
import { codeFor, signUpWithEmailCode, submitEmail } from '../support/flows.js';
import { expect, test, widget } from '../support/widget.js';
import { issuerFor, sessionAt } from './topology.js';

test.describe('the store on www against the backend on id (sibling subdomains)', () => {
  test('an email code signs a new customer up, and the session cookie is set for the whole domain', async ({ page, baseURL }) => {
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

    await submitEmail(page, email);
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
  });
});
