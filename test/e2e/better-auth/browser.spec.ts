import { uniqueEmail } from '../support/backend.js';
import { codeFor, submitEmail } from '../support/flows.js';
import { addVirtualAuthenticator, expect, test, widget } from '../support/widget.js';
import { ROUTES } from './support.js';

// The demo pages, unchanged, against better-auth with the Latchkey plugin, in real Chromium.

test.use({ viewport: { width: 1280, height: 800 } });

test('an email code signs a new customer in on the demo page, and the session endpoint knows them', async ({ page }, testInfo) => {
  const ui = widget(page);
  const email = uniqueEmail('ba-page');
  await page.goto('/');
  await expect(ui.heading).toHaveText('Sign in to Acme');
  await submitEmail(page, email);
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeFor(email));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
  await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
  // The passkey nudge only where the backend registers passkeys (its account endpoints): never a dead button.
  const metadata = await (await page.request.get('/.well-known/openid-configuration')).json();
  const nudge = ui.button('Create a passkey');
  if (metadata.ciam_passkey_registration_endpoint) await expect(nudge).toBeVisible();
  else await expect(nudge).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('signed-in-1280.png'), fullPage: true });
  const session = await (await page.request.get(ROUTES.session)).json();
  expect(session).toMatchObject({ active: true, user: { email }, amr: ['otp'], method: 'email_otp' });
  // Nothing of the sign-in is kept in web storage (profile §8).
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toMatch(/auth_session|authorization_code|better-auth/);

  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');
  expect((await (await page.request.get(ROUTES.session)).json()).active).toBe(false);
});

test('a passkey registered with better-auth signs in with the passkey button', async ({ page }) => {
  const ui = widget(page);
  const email = uniqueEmail('ba-passkey');
  await addVirtualAuthenticator(page);
  await page.goto('/');
  await submitEmail(page, email);
  await ui.code.fill(await codeFor(email));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");

  // better-auth's own passkey registration, from the page (the account endpoints are another module's).
  const registered = await page.evaluate(async () => {
    const options = await (await fetch('/api/auth/passkey/generate-register-options', { credentials: 'include' })).json();
    const credential = (await navigator.credentials.create({
      publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options),
    })) as PublicKeyCredential;
    const response = await fetch('/api/auth/passkey/verify-registration', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: credential.toJSON(), name: 'Test passkey' }),
    });
    return response.status;
  });
  expect(registered).toBe(200);
  expect(await (await page.request.get(ROUTES.session)).json()).toMatchObject({ has_passkey: true });

  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');
  await ui.button('Sign in with a passkey').click();
  await expect(ui.heading).toHaveText("You're signed in");
  await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
  expect(await (await page.request.get(ROUTES.session)).json()).toMatchObject({ active: true, user: { email }, method: 'passkey', amr: ['hwk', 'user'] });
});
