import { enrolPasskey } from '../support/flows.js';
import { addVirtualAuthenticator, expect, expectCleanPage, instrumentPage, test, widget } from '../support/widget.js';
import { issuerFor, sessionAt } from './topology.js';

// RP ID latch.test, the registrable domain: a passkey made on www.latch.test is verified by id.latch.test.
test.describe('sibling subdomains: passkeys', () => {
  test('creates a passkey for the registrable domain on www, and a fresh browser signs in with it by autofill', async ({ page, browser, baseURL }) => {
    const issuer = issuerFor(baseURL);
    const { email, credential } = await enrolPasskey(page, 'sub-passkey');
    expect(credential.rpId).toBe('latch.test');
    expect(await sessionAt(page, issuer)).toMatchObject({ active: true, has_passkey: true });

    const context = await browser.newContext();
    const returning = await context.newPage();
    const guard = await instrumentPage(returning);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    await returning.goto('/');
    const ui = widget(returning);
    // Passkey autofill: Chromium's virtual authenticator answers the conditional request at once.
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(await sessionAt(returning, issuer)).toMatchObject({ active: true, user: { email }, method: 'passkey' });
    await expectCleanPage(returning, guard);
    await context.close();
  });
});
