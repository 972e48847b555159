import type { Page } from '@playwright/test';
import type { PublicKeyCredentialRequestOptionsJSON } from '../../src/protocol/index.js';
import { advanceServerClock, E2E_BASE_URL, HttpCustomer, readMailbox, SoftAuthenticator, uniqueEmail } from './support/backend.js';
import { codeFor, enrolPasskey, signInWithPassword, signUpWithEmailCode, signUpWithPassword } from './support/flows.js';
import {
  addVirtualAuthenticator,
  expect,
  expectAccessible,
  expectCleanPage,
  instrumentPage,
  test,
  virtualCredentials,
  widget,
  useBrowserLayer,
} from './support/widget.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

const PASSWORD = 'correct horse battery staple 🐴';

/** Counts the page's reads of the nudge's record in the preference store (IndexedDB), from the next load on. */
async function countNudgeReads(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counted = window as unknown as { __nudgeReads: number };
    counted.__nudgeReads = 0;
    const get = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
      const request = get.call(this, query);
      if (query === 'passkey-nudge') request.addEventListener('success', () => counted.__nudgeReads++);
      return request;
    };
  });
}

/** Waits for the event that decides the nudge: its record was read, and the widget drew what followed. */
async function nudgeDecided(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => (window as unknown as { __nudgeReads: number }).__nudgeReads)).toBeGreaterThan(0);
  await page.evaluate(() => (document.querySelector('latch-login') as unknown as { updateComplete: Promise<unknown> }).updateComplete);
}


declare global {
  interface Window {
    /** What the page asked of `navigator.credentials.create()`, recorded by an init script (the call still goes through). */
    __creates: Array<{ mediation?: string; userName?: string }>;
  }
}

/** Records every `navigator.credentials.create()` call's mediation and user name, then makes the real call. */
async function watchCredentialCreation(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__creates = [];
    const create = navigator.credentials.create.bind(navigator.credentials);
    navigator.credentials.create = (options?: CredentialCreationOptions) => {
      window.__creates.push({ mediation: (options as { mediation?: string } | undefined)?.mediation, userName: options?.publicKey?.user.name });
      return create(options);
    };
  });
}


test.describe('passkey upgrade after sign-in', () => {
  test('after a password sign-in, asks the browser for a conditional create instead of showing the nudge', async ({ page, guard }) => {
    guard.secrets.push(PASSWORD);
    await addVirtualAuthenticator(page);
    await watchCredentialCreation(page);
    const ui = widget(page);
    const email = uniqueEmail('upgrade');
    await page.goto('/');
    await signUpWithPassword(page, email, PASSWORD);
    const optionsRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/passkeys/register')) optionsRequests.push(request.postData() ?? '');
    });
    await page.evaluate(() => (window.__creates = []));

    await signInWithPassword(page, email, PASSWORD);

    // getClientCapabilities() says conditionalCreate: the widget asks for creation options and makes the
    // conditional request, with no prompt and no nudge. (Chromium creates the passkey only when its
    // password manager just filled this account's password, which a test profile cannot do, so the
    // request stays pending here, as it does for any user the browser decides not to upgrade.)
    await expect.poll(() => page.evaluate(() => window.__creates)).toEqual([{ mediation: 'conditional', userName: email }]);
    expect(optionsRequests).toEqual(['{"action":"options"}']);
    await expect(ui.root.getByRole('heading', { name: 'Sign in faster next time' })).toHaveCount(0);
    await expect(ui.alert).toHaveText('');
    await expectAccessible(page, 'signed in after a password, conditional create pending');

    // Signing out ends the pending request quietly; the next sign-in page works as usual.
    await ui.button('Sign out').click();
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect(ui.alert).toHaveText('');
  });

  test('the nudge: "Not now" hides it and it stays hidden on reload', async ({ page }) => {
    await addVirtualAuthenticator(page);
    const ui = widget(page);
    const nudge = ui.root.getByRole('heading', { name: 'Sign in faster next time' });
    await page.goto('/');
    await signUpWithEmailCode(page, uniqueEmail('not-now'));
    await expect(nudge).toBeVisible();
    await expectAccessible(page, 'nudge');
    await ui.button('Not now').click();
    await expect(nudge).toHaveCount(0);
    // The device remembers it (IndexedDB, nothing secret) before the visit ends.
    const stored = () =>
      page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const request = indexedDB.open('latchkey');
          request.onsuccess = () => resolve(request.result);
        });
        return new Promise<unknown>((resolve) => {
          const request = db.transaction('preferences').objectStore('preferences').get('passkey-nudge');
          request.onsuccess = () => resolve(request.result);
        });
      });
    await expect.poll(stored).toMatchObject({ shown: 1, dismissed: 1 });
    await countNudgeReads(page);
    await page.reload();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.button('Sign out')).toBeVisible();
    await nudgeDecided(page);
    await expect(nudge).toHaveCount(0);
    expect(await stored()).toMatchObject({ shown: 1, dismissed: 1 });
  });

  test('the nudge shows at most three times on a device, then never again', async ({ page }) => {
    await addVirtualAuthenticator(page);
    const ui = widget(page);
    const nudge = ui.root.getByRole('heading', { name: 'Sign in faster next time' });
    await page.goto('/');
    await signUpWithEmailCode(page, uniqueEmail('cap'));
    await expect(nudge).toBeVisible();
    for (let load = 2; load <= 3; load++) {
      await page.reload();
      await expect(nudge).toBeVisible();
    }
    await countNudgeReads(page);
    await page.reload();
    await expect(ui.button('Sign out')).toBeVisible();
    await nudgeDecided(page);
    await expect(nudge).toHaveCount(0);
  });
});

test.describe('passkey autofill', () => {
  test('is offered again after a failed "Sign in with a passkey" attempt, and then signs in with no click', async ({ page, browser }) => {
    const { email, credential } = await enrolPasskey(page, 'lifecycle');
    const context = await browser.newContext();
    const returning = await context.newPage();
    // The passkey is there, but user verification fails at first: every request fails like a dismissed prompt.
    const { cdp, authenticatorId } = await addVirtualAuthenticator(returning, { isUserVerified: false });
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    await returning.addInitScript(() => {
      const calls: Array<string | undefined> = [];
      (window as unknown as { __gets: typeof calls }).__gets = calls;
      const get = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = (options?: CredentialRequestOptions) => {
        calls.push(options?.mediation);
        return get(options);
      };
    });
    const sent: string[] = [];
    // The second options request is the restarted autofill's: the user's fingerprint now works.
    await returning.route('**/authorize-challenge', async (route) => {
      const body = route.request().postData() ?? '';
      sent.push(body);
      if (body.includes('"options"') && sent.filter((b) => b.includes('"options"')).length === 2) {
        await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
      }
      await route.continue();
    });
    await returning.goto('/');
    const ui = widget(returning);
    await expect.poll(() => returning.evaluate(() => (window as unknown as { __gets: unknown[] }).__gets.length)).toBe(1);
    await ui.button('Sign in with a passkey').click();
    // The modal request failed (the page-load autofill had already failed the same way) …
    await expect(ui.status).toHaveText(/Passkey sign-in was cancelled\./);
    // … and autofill is waiting again, so the customer signs in from the email field with no click.
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(await returning.evaluate(() => (window as unknown as { __gets: unknown[] }).__gets)).toEqual(['conditional', undefined, 'conditional']);
    expect(sent.filter((body) => body.includes('"verify"'))).toHaveLength(1);
    await context.close();
  });
});

// ─── The management view (`<latch-passkeys>` inside `<latch-security>` on the demo's /security page) ───

/** One Signal API call the page made, recorded by an init script that then makes the real call. */
interface SignalCall {
  name: 'signalAllAcceptedCredentials' | 'signalUnknownCredential' | 'signalCurrentUserDetails';
  options: Record<string, unknown>;
}

/** Wraps the WebAuthn Signal API (WebAuthn L3 §5.1.10) so a test sees every call; the browser's own runs too. */
async function watchSignals(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls: unknown[] = [];
    (window as unknown as { __signals: unknown[] }).__signals = calls;
    const target = PublicKeyCredential as unknown as Record<string, (options: unknown) => Promise<void>>;
    for (const name of ['signalAllAcceptedCredentials', 'signalUnknownCredential', 'signalCurrentUserDetails']) {
      const real = target[name];
      // A browser without the API gets no stand-in: the client must then not call it, and the test fails.
      if (typeof real !== 'function') continue;
      target[name] = (options: unknown) => {
        calls.push({ name, options: JSON.parse(JSON.stringify(options)) as unknown });
        return real.call(PublicKeyCredential, options);
      };
    }
  });
}

function signals(page: Page): Promise<SignalCall[]> {
  return page.evaluate(() => (window as unknown as { __signals: SignalCall[] }).__signals);
}

/** CDP exports credential ids in base64; WebAuthn JSON and the backend use base64url. */
function base64url(id: string): string {
  return Buffer.from(id, 'base64').toString('base64url');
}

/** The passkey list a user sees on the security page. */
function passkeysView(page: Page) {
  const root = page.locator('latch-passkeys');
  return {
    root,
    items: root.locator('li[data-passkey]'),
    item: (id: string) => root.locator(`li[data-passkey="${id}"]`),
    nameField: root.getByLabel('Passkey name', { exact: true }),
    add: root.getByRole('button', { name: 'Add a passkey', exact: true }),
    status: root.locator('.live[role="status"]'),
    alert: root.locator('.live[role="alert"]'),
  };
}

/** `GET /passkeys` in the page's browser. */
async function passkeysAtBackend(page: Page): Promise<{ user: { id: string }; passkeys: Array<{ id: string; name: string; created_at: number; last_used_at: number | null; synced: boolean }> }> {
  const response = await page.request.get('/passkeys');
  expect(response.status()).toBe(200);
  return response.json();
}

/**
 * A customer with two passkeys: the browser's (device-bound, never used since it was made) and a synced one
 * from a software authenticator, just used to sign in (so it has a "last used"). Ends signed in with the
 * synced one, in the page's browser.
 */
async function customerWithTwoPasskeys(page: Page) {
  const { email, credential } = await enrolPasskey(page, 'lifecycle');
  const customer = new HttpCustomer(page.request, email, E2E_BASE_URL);
  const synced = new SoftAuthenticator(E2E_BASE_URL, { synced: true });
  const added = await customer.registerPasskey(synced);
  const start = await customer.start();
  const options = (start.body as { ciam: { webauthn: { request_options: PublicKeyCredentialRequestOptionsJSON } } }).ciam.webauthn.request_options;
  const done = await customer.step({ type: 'webauthn', action: 'verify', response: synced.get(options, String(added.id)) });
  expect(done.status).toBe(200);
  return { email, deviceId: base64url(credential.credentialId), syncedId: String(added.id) };
}

test.describe('<latch-passkeys> on the security page', () => {
  test('lists each passkey with its name, when it was created and last used, and whether it is synced', async ({ page }) => {
    const { deviceId, syncedId } = await customerWithTwoPasskeys(page);
    await page.goto('/security');
    const ui = passkeysView(page);
    await expect(ui.items).toHaveCount(2);
    const backend = await passkeysAtBackend(page);
    const device = backend.passkeys.find((passkey) => passkey.id === deviceId)!;
    const synced = backend.passkeys.find((passkey) => passkey.id === syncedId)!;
    expect(device).toMatchObject({ name: 'Passkey', last_used_at: null, synced: false });
    expect(synced).toMatchObject({ name: 'Synced passkey', synced: true });
    expect(synced.last_used_at).toEqual(expect.any(Number));

    const deviceItem = ui.item(deviceId);
    await expect(deviceItem.getByRole('heading', { level: 4 })).toHaveText('Passkey');
    await expect(deviceItem.locator('dt')).toHaveText(['Created', 'Last used']);
    await expect(deviceItem.locator('dd').nth(0).locator('time')).toHaveAttribute('datetime', new Date(device.created_at * 1000).toISOString());
    await expect(deviceItem.locator('dd').nth(1)).toHaveText('Never');
    await expect(deviceItem.getByText('This device only', { exact: true })).toBeVisible();

    const syncedItem = ui.item(syncedId);
    await expect(syncedItem.getByRole('heading', { level: 4 })).toHaveText('Synced passkey');
    await expect(syncedItem.locator('dd').nth(0).locator('time')).toHaveAttribute('datetime', new Date(synced.created_at * 1000).toISOString());
    await expect(syncedItem.locator('dd').nth(1).locator('time')).toHaveAttribute('datetime', new Date(synced.last_used_at! * 1000).toISOString());
    await expect(syncedItem.getByText('Synced across your devices', { exact: true })).toBeVisible();
    await expectAccessible(page, 'passkey list');
  });

  test('renames inline: Escape cancels and Enter saves, focus goes back to "Rename", the backend has the new name', async ({ page }) => {
    const { deviceId } = await customerWithTwoPasskeys(page);
    await page.goto('/security');
    const ui = passkeysView(page);
    const item = ui.item(deviceId);
    const rename = item.getByRole('button', { name: 'Rename', exact: true });
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.postData() ?? '');
    });

    await rename.click();
    await expect(ui.nameField).toBeFocused();
    await expect(ui.nameField).toHaveValue('Passkey');
    await expectAccessible(page, 'renaming a passkey');
    await page.keyboard.type('Never saved');
    await page.keyboard.press('Escape');
    await expect(ui.nameField).toHaveCount(0);
    await expect(item.getByRole('heading', { level: 4 })).toHaveText('Passkey');
    await expect(rename).toBeFocused();
    expect(patches).toEqual([]);

    await page.keyboard.press('Enter'); // on the focused "Rename" button
    await expect(ui.nameField).toBeFocused();
    await page.keyboard.type('Work laptop'); // the old name is selected: typing replaces it
    await page.keyboard.press('Enter');
    await expect(item.getByRole('heading', { level: 4 })).toHaveText('Work laptop');
    await expect(ui.status).toHaveText(/^Passkey renamed\.\s?$/);
    await expect(rename).toBeFocused();
    expect(patches).toEqual(['{"name":"Work laptop"}']);
    expect((await passkeysAtBackend(page)).passkeys.find((passkey) => passkey.id === deviceId)?.name).toBe('Work laptop');
    await expectAccessible(page, 'passkey renamed');
  });

  test('removing one after a sign-in older than 5 minutes asks to confirm it\'s you, then removes it and tells the password manager', async ({ page }) => {
    await watchSignals(page);
    const { deviceId, syncedId } = await customerWithTwoPasskeys(page);
    await page.goto('/security');
    const ui = passkeysView(page);
    await expect(ui.items).toHaveCount(2);
    await advanceServerClock(E2E_BASE_URL, 301);
    const deletes: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'DELETE') deletes.push(new URL(request.url()).pathname);
    });
    // Hold the step-up's passkey verification until the open dialog has been checked.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/authorize-challenge', async (route) => {
      if (route.request().postData()?.includes('"webauthn"')) await held;
      await route.continue();
    });

    const item = ui.item(syncedId);
    await item.getByRole('button', { name: 'Remove', exact: true }).click();
    const confirm = item.getByRole('button', { name: 'Remove passkey', exact: true });
    await expect(confirm).toBeFocused();
    await expect(item.getByText('Remove “Synced passkey”?', { exact: false })).toBeVisible();
    await expectAccessible(page, 'confirming a passkey removal');
    await confirm.click();

    const dialog = page.locator('latch-step-up').getByRole('dialog', { name: "Confirm it's you" });
    await expect(dialog).toBeVisible();
    await expectAccessible(page, 'step-up before removing a passkey');
    release();

    await expect(ui.status).toHaveText(/^Passkey “Synced passkey” removed\.\s?$/);
    await expect(dialog).toBeHidden();
    await expect(ui.items).toHaveCount(1);
    await expect(ui.item(deviceId)).toBeVisible();
    expect((await passkeysAtBackend(page)).passkeys.map((passkey) => passkey.id)).toEqual([deviceId]);
    // The first DELETE met the RFC 9470 challenge; the step-up answered it and the same request went again.
    expect(deletes).toEqual([`/passkeys/${syncedId}`, `/passkeys/${syncedId}`]);
    const accepted = (await signals(page)).filter((call) => call.name === 'signalAllAcceptedCredentials');
    const { user } = await passkeysAtBackend(page);
    expect(accepted.at(-1)?.options).toEqual({ rpId: 'localhost', userId: user.id, allAcceptedCredentialIds: [deviceId] });
    expect(accepted.at(0)?.options).toMatchObject({ allAcceptedCredentialIds: expect.arrayContaining([deviceId, syncedId]) });
    await expectAccessible(page, 'passkey removed');
  });

  test('"Add a passkey" creates one on this device and lists it', async ({ page }) => {
    await watchSignals(page);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
    const customer = new HttpCustomer(page.request, uniqueEmail('add'), E2E_BASE_URL);
    expect((await customer.signUp()).status).toBe(200);
    await page.goto('/security');
    const ui = passkeysView(page);
    await expect(ui.root.getByText("You don't have any passkeys yet. Add one to sign in with one touch.")).toBeVisible();
    await expectAccessible(page, 'no passkeys');

    await ui.add.click();
    await expect(ui.status).toHaveText(/^Passkey added\.\s?$/);
    await expect(ui.items).toHaveCount(1);
    const credentials = await virtualCredentials(cdp, authenticatorId);
    expect(credentials).toHaveLength(1);
    const id = base64url(credentials[0]!.credentialId);
    await expect(ui.item(id).getByRole('heading', { level: 4 })).toBeFocused();
    expect((await passkeysAtBackend(page)).passkeys.map((passkey) => passkey.id)).toEqual([id]);
    expect((await signals(page)).filter((call) => call.name === 'signalAllAcceptedCredentials').at(-1)?.options).toMatchObject({
      allAcceptedCredentialIds: [id],
    });
    await expectAccessible(page, 'passkey added');
  });

  test('adding one after a sign-in older than 5 minutes asks to confirm it\'s you before any passkey is made', async ({ page }) => {
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
    const customer = new HttpCustomer(page.request, uniqueEmail('add-late'), E2E_BASE_URL);
    expect((await customer.signUp()).status).toBe(200);
    const signUpCode = (await readMailbox(page.request, customer.email))?.code ?? undefined;
    await page.goto('/security');
    const ui = passkeysView(page);
    await expect(ui.root.getByText("You don't have any passkeys yet. Add one to sign in with one touch.")).toBeVisible();
    await advanceServerClock(E2E_BASE_URL, 301);
    const registrations: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/passkeys/register') registrations.push(request.postData() ?? '');
    });

    await ui.add.click();
    const dialog = page.locator('latch-step-up').getByRole('dialog', { name: "Confirm it's you" });
    await expect(dialog).toBeVisible();
    const created = () => virtualCredentials(cdp, authenticatorId);
    expect(await created()).toHaveLength(0);
    await expectAccessible(page, 'step-up before adding a passkey');
    const code = await codeFor(customer.email, signUpCode);
    expect((await readMailbox(page.request, customer.email))?.purpose).toBe('step_up');
    await page.locator('latch-step-up').getByLabel('Code', { exact: true }).fill(code);
    await page.keyboard.press('Enter');

    await expect(ui.status).toHaveText(/^Passkey added\.\s?$/);
    await expect(dialog).toBeHidden();
    await expect(ui.items).toHaveCount(1);
    expect(await created()).toHaveLength(1);
    expect((await passkeysAtBackend(page)).passkeys).toHaveLength(1);
    // The first options request met the RFC 9470 challenge; after the step-up the same request went again.
    expect(registrations.map((body) => JSON.parse(body).action)).toEqual(['options', 'options', 'verify']);
  });
});

test.describe('a passkey the backend no longer knows', () => {
  test('signing in with it tells the password manager (signalUnknownCredential) and the customer, plainly', async ({ page, browser }) => {
    const { credential } = await enrolPasskey(page, 'lifecycle');
    const id = base64url(credential.credentialId);
    const removed = await page.request.delete(`/passkeys/${id}`, { headers: { 'content-type': 'application/json', origin: E2E_BASE_URL } });
    expect(removed.status()).toBe(204);

    const context = await browser.newContext();
    const returning = await context.newPage();
    const guard = await instrumentPage(returning);
    await watchSignals(returning);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
    await returning.addInitScript(() => {
      const calls: unknown[] = [];
      (window as unknown as { __gets: unknown[] }).__gets = calls;
      const get = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = (options?: CredentialRequestOptions) => {
        calls.push(options?.mediation);
        return get(options);
      };
    });
    const verifies: string[] = [];
    returning.on('request', (request) => {
      if (request.postData()?.includes('"verify"')) verifies.push(request.postData()!);
    });
    await returning.goto('/');
    const ui = widget(returning);
    // The passkey arrives once the page-load autofill request is out, so it is the button that uses it.
    await expect.poll(() => returning.evaluate(() => (window as unknown as { __gets: unknown[] }).__gets.length)).toBe(1);
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    await ui.button('Sign in with a passkey').click();
    await expect(ui.alert).toHaveText(/^This passkey can't be used any more\. Use another method\.\s?$/);
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect
      .poll(async () => (await signals(returning)).filter((call) => call.name === 'signalUnknownCredential').map((call) => call.options))
      .toContainEqual({ rpId: 'localhost', credentialId: id });
    expect(verifies[0]).toContain(`"id":"${id}"`);
    // The real Signal API ran: Chromium's (virtual) authenticator forgot the passkey.
    await expect.poll(async () => virtualCredentials(cdp, authenticatorId)).toEqual([]);
    expect(await returning.evaluate(() => document.cookie)).not.toContain('latch_session');
    expect(await (await returning.request.get('/session')).json()).toEqual({ active: false });
    await expectAccessible(returning, 'unknown passkey');
    await expectCleanPage(returning, guard);
    await context.close();
  });
});
