import { uniqueEmail } from '../support/backend.js';
import { enrolPasskey } from '../support/flows.js';
import { expect, test, widget } from '../support/widget.js';
import { issuerFor, sessionAt } from './topology.js';

// Flows that leave the store's page: social sign-in by redirect through the backend's broker, and a step-up
// of the store's own API (on www, reading the session cookie the backend set for the whole domain).
test.describe('sibling subdomains: social sign-in and step-up', () => {
  test('signs a new customer up with Google by redirect: id.latch.test brokers it and sends them back to www', async ({ page, baseURL }) => {
    const issuer = issuerFor(baseURL);
    const ui = widget(page);
    const email = uniqueEmail('sub-google');
    const callbacks: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && new URL(request.url()).pathname === '/callback') callbacks.push(new URL(request.url()).origin);
    });
    await page.goto('/');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    await expect(page.getByText('Test sandbox')).toBeVisible();
    expect(new URL(page.url()).origin).toBe(issuer);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();

    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(callbacks).toEqual([baseURL]);
    expect(new URL(page.url()).origin).toBe(baseURL);
    expect(new URL(page.url()).search).toBe('');
    expect(await sessionAt(page, issuer)).toMatchObject({ active: true, user: { email }, amr: ['fed'] });
  });

  test('a passkey step-up on the account page lets the store API change the email', async ({ page, baseURL }) => {
    const { email } = await enrolPasskey(page, 'sub-stepup');
    await page.goto('/account');
    await expect(page.locator('#profile-email')).toHaveText(email);

    const changed = uniqueEmail('sub-changed');
    await page.getByLabel('New email').fill(changed);
    await page.getByRole('button', { name: 'Save email', exact: true }).click();
    // The virtual authenticator confirms the passkey prompt at once; the same PUT is sent again after it.
    await expect(page.locator('#result[role="status"]')).toHaveText(`Your email is now ${changed}.`);
    await expect(page.locator('#profile-email')).toHaveText(changed);
    expect(await sessionAt(page, issuerFor(baseURL))).toMatchObject({ acr: 'urn:latch:acr:mfa', amr: ['otp', 'hwk', 'user'] });
  });
});
