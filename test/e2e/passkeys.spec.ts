import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { uniqueEmail } from './support/backend.js';
import { enrolPasskey, submitEmail } from './support/flows.js';
import {
  addVirtualAuthenticator,
  expect,
  expectAccessible,
  freshPage,
  latchEvents,
  test,
  virtualCredentials,
  widget,
  type VirtualCredential,
  useBrowserLayer,
} from './support/widget.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

test.describe('<latch-login> passkeys', () => {
  test('offers a passkey after an email-code sign-in, and the backend verifies and keeps it', async ({ page }) => {
    const { credential } = await enrolPasskey(page);
    expect(credential.isResidentCredential).toBe(true);
    expect(credential.rpId).toBe('localhost');
    await expectAccessible(page, 'passkey created');
    const session = await (await page.request.get('/session')).json();
    expect(session).toMatchObject({ active: true, has_passkey: true });
  });

  test('signs in by passkey autofill on the email field, with no click', async ({ page, browser }) => {
    const { email, credential } = await enrolPasskey(page);
    const { page: returning, done } = await freshPage(browser);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    const sent: string[] = [];
    returning.on('request', (request) => {
      if (request.url().endsWith('/authorize-challenge') || request.url().endsWith('/passkey-options')) sent.push(request.postData() ?? '');
    });
    await returning.goto('/');
    const ui = widget(returning);
    // Chromium's virtual authenticator answers a conditional request at once, so this proves the
    // wiring (options from the first response → assertion → server verification), not the dropdown.
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(sent.some((body) => body.includes('"action":"options"'))).toBe(false);
    expect(sent.some((body) => body.includes('"action":"verify"') && body.includes('"webauthn"'))).toBe(true);
    const session = await (await returning.request.get('/session')).json();
    expect(session).toMatchObject({ active: true, user: { email }, amr: ['hwk', 'user'], method: 'passkey' });
    expect((await latchEvents(returning)).find((event) => event.type === 'latch-signed-in')).toMatchObject({
      method: 'passkey',
      email,
    });
    await done();
  });

  test('signs in with the "Sign in with a passkey" button while autofill waits', async ({ page, browser }) => {
    const { email, credential } = await enrolPasskey(page);
    const { page: returning, done } = await freshPage(browser);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
    const sent: string[] = [];
    returning.on('request', (request) => {
      if (request.url().endsWith('/authorize-challenge') || request.url().endsWith('/passkey-options')) sent.push(request.postData() ?? '');
    });
    // The virtual authenticator hands any new passkey to a waiting autofill request at once, so the
    // passkey is added only once the button has ended that request: while the button's own options
    // request is held here (delayed, not answered: the real backend answers it).
    await returning.route('**/authorize-challenge', async (route) => {
      if (route.request().postData()?.includes('"action":"options"')) {
        await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
      }
      await route.continue();
    });
    await returning.goto('/');
    const ui = widget(returning);
    await expect.poll(() => sent.length).toBeGreaterThan(0);
    await ui.button('Sign in with a passkey').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    // One modal request with its own options (fault W7: the autofill request was ended first).
    expect(sent.filter((body) => body.includes('"action":"options"'))).toHaveLength(1);
    expect(sent.filter((body) => body.includes('"action":"verify"'))).toHaveLength(1);
    // No nudge after a passkey sign-in.
    await expect(ui.button('Create a passkey')).toHaveCount(0);
    await done();
  });

  test('a failed passkey prompt is a quiet notice and the other methods still work', async ({ page }) => {
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page, { isUserVerified: false });
    const ui = widget(page);
    await page.goto('/');
    await expect(ui.email).toBeVisible();
    const credential = foreignCredential();
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    await ui.button('Sign in with a passkey').click();
    // User verification fails, which the browser reports like a dismissed prompt (NotAllowedError).
    await expect(ui.status).toHaveText(/Passkey sign-in was cancelled\./);
    await expect(ui.alert).toHaveText('');
    await expectAccessible(page, 'passkey cancelled');
    await submitEmail(page, uniqueEmail('fallback'));
    await expect(ui.heading).toHaveText('Check your email');
  });

  test('a passkey the backend does not know is refused, explained, and signalled to the authenticator', async ({ page }) => {
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential: foreignCredential() });
    await page.goto('/');
    const ui = widget(page);
    // Autofill offers the stray passkey at once; the backend refuses it.
    await expect(ui.alert).toHaveText("This passkey can't be used any more. Use another method.");
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expectAccessible(page, 'unknown passkey');
    expect((await (await page.request.get('/session')).json()).active).toBe(false);
    // WebAuthn L3 signalUnknownCredential: Chromium removes the credential from the authenticator.
    await expect
      .poll(async () => virtualCredentials(cdp, authenticatorId))
      .toHaveLength(0);
    // Nothing loops: one refused assertion, then the page waits for the user.
    await submitEmail(page, uniqueEmail('after-unknown'));
    await expect(ui.heading).toHaveText('Check your email');
  });
});

/** A discoverable passkey for this RP that the backend never registered. */
function foreignCredential(): VirtualCredential {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    credentialId: randomBytes(16).toString('base64'),
    isResidentCredential: true,
    rpId: 'localhost',
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    userHandle: randomBytes(16).toString('base64'),
    signCount: 0,
  };
}
