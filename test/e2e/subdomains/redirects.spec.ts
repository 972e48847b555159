import type { Page } from '@playwright/test';
import { uniqueEmail } from '../support/backend.js';
import { codeFor, enrolPasskey } from '../support/flows.js';
import { expect, test, widget } from '../support/widget.js';
import { issuerFor, sessionAt } from './topology.js';

/** Signs in at the Google sandbox's page as `email`; answers the origin that served that page. */
async function atSandbox(page: Page, email: string): Promise<string> {
  await expect(page.getByText('Test sandbox')).toBeVisible();
  const origin = new URL(page.url()).origin;
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  return origin;
}

/**
 * A silent authorization request (prompt=none) in the browser, which succeeds only while the provider has a
 * session: answers the callback's `error`, or `code`. The callback is held so the widget does not handle it.
 */
async function silentSignIn(page: Page, issuer: string, site: string): Promise<string> {
  await page.route('**/callback?**', (route) => route.fulfill({ contentType: 'text/plain', body: 'held' }));
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    client_id: 'latchkey-demo',
    response_type: 'code',
    redirect_uri: `${site}/callback`,
    scope: 'openid',
    prompt: 'none',
    state: 'silent-check',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  await page.goto(url.href);
  await page.waitForURL('**/callback?**');
  const params = new URL(page.url()).searchParams;
  return params.get('error') ?? (params.has('code') ? 'code' : 'nothing');
}

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
    expect(await atSandbox(page, email)).toBe(issuer);

    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(callbacks).toEqual([baseURL]);
    expect(new URL(page.url()).origin).toBe(baseURL);
    expect(new URL(page.url()).search).toBe('');
    expect(await sessionAt(page, issuer)).toMatchObject({ active: true, user: { email }, amr: ['fed'] });
  });

  test('signing out after a Google sign-in ends the provider session too and lands back on www', async ({ page, baseURL }) => {
    const issuer = issuerFor(baseURL);
    const ui = widget(page);
    await page.goto('/');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    await atSandbox(page, uniqueEmail('sub-google-out'));
    // Back on the store's page before the next navigation, which would otherwise race the callback page's.
    await page.waitForURL((url) => url.origin === baseURL && url.pathname === '/');
    await expect(ui.heading).toHaveText("You're signed in");
    expect(await silentSignIn(page, issuer, baseURL!)).toBe('code');
    await page.goto('/');
    await expect(ui.heading).toHaveText("You're signed in");

    // RP-Initiated Logout at id with post_logout_redirect_uri on www. The reload lost the ID token (memory
    // only), so there is no id_token_hint and the provider asks on its branded page (one origin: social.spec.ts).
    const landed = page.waitForRequest((request) => request.isNavigationRequest() && request.url() === `${baseURL}/`);
    const ended: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && new URL(request.url()).origin === issuer) ended.push(new URL(request.url()).pathname);
    });
    await ui.button('Sign out').click();
    await expect(page.getByRole('heading', { name: 'Sign out of Acme?' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await landed;
    await expect(ui.email).toBeVisible();
    expect(ended[0]).toBe('/session/end');
    expect(await sessionAt(page, issuer)).toMatchObject({ active: false });
    expect(await silentSignIn(page, issuer, baseURL!)).toBe('login_required');
  });

  test('a passkey step-up on the account page lets the store API change the email', async ({ page, baseURL }) => {
    const { email } = await enrolPasskey(page, 'sub-stepup');
    await page.goto('/account');
    await expect(page.locator('#profile-email')).toHaveText(email);

    const changed = uniqueEmail('sub-changed');
    await page.getByLabel('New email').fill(changed);
    await page.getByRole('button', { name: 'Save email', exact: true }).click();
    // The virtual authenticator confirms the passkey prompt at once; the same POST is sent again after it, and
    // the code emailed to the new address finishes the change (docs/protocol.md §21.2).
    await expect(page.locator('#email-code')).toBeFocused();
    await page.locator('#email-code').fill(await codeFor(changed));
    await page.getByRole('button', { name: 'Confirm new email', exact: true }).click();
    await expect(page.locator('#result[role="status"]')).toHaveText(`Your email is now ${changed}.`);
    await expect(page.locator('#profile-email')).toHaveText(changed);
    expect(await sessionAt(page, issuerFor(baseURL))).toMatchObject({ acr: 'urn:latch:acr:mfa', amr: ['otp', 'hwk', 'user'] });
  });
});
