import type { Browser, Page } from '@playwright/test';
import { uniqueEmail } from '../support/backend.js';
import { signUpWithEmailCode } from '../support/flows.js';
import { addVirtualAuthenticator, expectAccessible, freshPage, latchEvents, virtualCredentials, widget, type VirtualCredential, useBrowserLayer } from '../support/widget.js';
import { expect, passkeysAtBackend, sessionStatus, test, watchConsole } from '../support/core.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

// Passkeys: made in the account element <latch-passkeys> (inside <latch-security> on /security), managed there,
// and used on another device through the form's button and through autofill (conditional mediation).

/** The passkey list a customer sees on the security page. */
function passkeysView(page: Page) {
  const root = page.locator('latch-passkeys');
  return {
    root,
    items: root.locator('li[data-passkey]'),
    item: (id: string) => root.locator(`li[data-passkey="${id}"]`),
    nameField: root.getByLabel('Passkey name', { exact: true }),
    add: root.getByRole('button', { name: 'Add a passkey', exact: true }),
    empty: root.getByText("You don't have any passkeys yet. Add one to sign in with one touch."),
    status: root.locator('.live[role="status"]'),
  };
}

/** CDP exports credential ids in base64; WebAuthn JSON and the backend use base64url. */
function base64url(id: string): string {
  return Buffer.from(id, 'base64').toString('base64url');
}

/**
 * A new customer (signed up by emailed code) who adds a passkey on the security page with this browser's
 * authenticator; ends there, signed in, with the passkey listed.
 */
async function customerWithPasskey(page: Page): Promise<{ email: string; credential: VirtualCredential; id: string }> {
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  const email = uniqueEmail('core-passkey');
  await page.goto('/');
  await signUpWithEmailCode(page, email);
  await page.goto('/security');
  const ui = passkeysView(page);
  await expect(ui.empty).toBeVisible();
  await ui.add.click();
  await expect(ui.status).toHaveText(/^Passkey added\.\s?$/);
  await expect(ui.items).toHaveCount(1);
  const credentials = await virtualCredentials(cdp, authenticatorId);
  expect(credentials).toHaveLength(1);
  const id = base64url(credentials[0]!.credentialId);
  await expect(ui.item(id).getByRole('heading', { level: 4 })).toBeFocused();
  expect((await passkeysAtBackend(page)).map((passkey) => passkey.id)).toEqual([id]);
  expect(await sessionStatus(page)).toMatchObject({ active: true, has_passkey: true });
  return { email, credential: credentials[0]!, id };
}

/** Another browser on another device that holds `credential`, with the same guards and a quiet console. */
async function returningDevice(browser: Browser) {
  const device = await freshPage(browser);
  const quiet = await watchConsole(device.page);
  const authenticator = await addVirtualAuthenticator(device.page);
  return {
    ...device,
    ...authenticator,
    done: async () => {
      quiet();
      await device.done();
    },
  };
}

test.describe('<latch-passkeys> and passkey sign-in', () => {
  test('a passkey added on the security page is renamed there, and autofill signs in with it on another device, no click', async ({ page, browser }) => {
    const { email, credential, id } = await customerWithPasskey(page);
    const ui = passkeysView(page);
    await expectAccessible(page, 'passkey listed');
    const item = ui.item(id);
    const rename = item.getByRole('button', { name: 'Rename', exact: true });
    await rename.click();
    await expect(ui.nameField).toBeFocused();
    await page.keyboard.type('Work laptop'); // the old name is selected: typing replaces it
    await page.keyboard.press('Enter');
    await expect(item.getByRole('heading', { level: 4 })).toHaveText('Work laptop');
    await expect(ui.status).toHaveText(/^Passkey renamed\.\s?$/);
    await expect(rename).toBeFocused();
    expect(await passkeysAtBackend(page)).toEqual([expect.objectContaining({ id, name: 'Work laptop' })]);

    const returning = await returningDevice(browser);
    await returning.cdp.send('WebAuthn.addCredential', { authenticatorId: returning.authenticatorId, credential });
    await returning.page.goto('/');
    // Chromium's virtual authenticator answers the waiting conditional request at once: the wiring from the
    // page's first options to the backend's verification is what this proves, not the dropdown.
    const form = widget(returning.page);
    await expect(form.heading).toHaveText("You're signed in");
    await expect(form.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(await sessionStatus(returning.page)).toMatchObject({ active: true, user: { email }, method: 'passkey' });
    expect((await latchEvents(returning.page)).find((event) => event.type === 'latch-signed-in')).toMatchObject({ method: 'passkey', email });
    await returning.done();
  });

  test('"Sign in with a passkey" signs in with it on another device', async ({ page, browser }) => {
    const { email, credential } = await customerWithPasskey(page);
    const returning = await returningDevice(browser);
    const gets: Array<string | undefined> = [];
    // The virtual authenticator hands a passkey to a waiting autofill request at once, so the passkey arrives only
    // when the button's own request is about to be made (the real request then goes ahead).
    await returning.page.exposeFunction('__modalRequest', async (mediation: string | undefined) => {
      gets.push(mediation);
      if (mediation !== 'conditional') await returning.cdp.send('WebAuthn.addCredential', { authenticatorId: returning.authenticatorId, credential });
    });
    await returning.page.addInitScript(() => {
      const get = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = async (options?: CredentialRequestOptions) => {
        await (window as unknown as { __modalRequest: (mediation?: string) => Promise<void> }).__modalRequest(options?.mediation);
        return get(options);
      };
    });
    await returning.page.goto('/');
    const form = widget(returning.page);
    await expect.poll(() => gets).toEqual(['conditional']);
    await form.button('Sign in with a passkey').click();
    await expect(form.heading).toHaveText("You're signed in");
    await expect(form.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(gets).toEqual(['conditional', undefined]);
    expect(await sessionStatus(returning.page)).toMatchObject({ active: true, user: { email }, method: 'passkey' });
    // No "create a passkey" nudge after a passkey sign-in.
    await expect(form.button('Create a passkey')).toHaveCount(0);
    await returning.done();
  });

  test('a passkey removed on the security page is gone from the list and from the backend', async ({ page }) => {
    const { id } = await customerWithPasskey(page);
    const ui = passkeysView(page);
    const item = ui.item(id);
    const name = (await item.getByRole('heading', { level: 4 }).innerText()).trim();
    await item.getByRole('button', { name: 'Remove', exact: true }).click();
    const confirm = item.getByRole('button', { name: 'Remove passkey', exact: true });
    await expect(confirm).toBeFocused();
    await expect(item.getByText(`Remove “${name}”?`, { exact: false })).toBeVisible();
    await expectAccessible(page, 'confirming a passkey removal');
    await confirm.click();

    await expect(ui.status).toHaveText(new RegExp(`^Passkey “${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}” removed\\.\\s?$`));
    await expect(ui.items).toHaveCount(0);
    await expect(ui.empty).toBeVisible();
    expect(await passkeysAtBackend(page)).toEqual([]);
    expect(await sessionStatus(page)).toMatchObject({ active: true, has_passkey: false });
  });
});
