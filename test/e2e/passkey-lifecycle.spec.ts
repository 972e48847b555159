import type { Page } from '@playwright/test';
import { uniqueEmail } from './support/backend.js';
import { codeFor, signUpWithEmailCode, submitEmail } from './support/flows.js';
import { addVirtualAuthenticator, expect, expectAccessible, test, widget } from './support/widget.js';

const PASSWORD = 'correct horse battery staple 🐴';

/** A credential as CDP's WebAuthn domain exports and imports it. */
interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
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

/** A new account with a password (proven by an emailed code), then signed out. */
async function signUpWithPassword(page: Page, email: string): Promise<void> {
  const ui = widget(page);
  await ui.button('Create an account').click();
  await submitEmail(page, email);
  await expect(ui.heading).toHaveText('Create a password');
  await ui.newPassword.fill(PASSWORD);
  await ui.button('Create account').click();
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeFor(email));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');
}

/** Signs a new customer up by email code and creates a passkey from the nudge; returns that passkey. */
async function enrolPasskey(page: Page): Promise<{ email: string; credential: VirtualCredential }> {
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  const ui = widget(page);
  const email = uniqueEmail('lifecycle');
  await page.goto('/');
  await signUpWithEmailCode(page, email);
  await ui.button('Create a passkey').click();
  await expect(ui.status).toHaveText(/Passkey created/);
  const { credentials } = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as { credentials: VirtualCredential[] };
  return { email, credential: credentials[0] as VirtualCredential };
}

test.describe('passkey upgrade after sign-in', () => {
  test('after a password sign-in, asks the browser for a conditional create instead of showing the nudge', async ({ page, guard }) => {
    guard.secrets.push(PASSWORD);
    await addVirtualAuthenticator(page);
    await watchCredentialCreation(page);
    const ui = widget(page);
    const email = uniqueEmail('upgrade');
    await page.goto('/');
    await signUpWithPassword(page, email);
    const optionsRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/passkeys/register')) optionsRequests.push(request.postData() ?? '');
    });
    await page.evaluate(() => (window.__creates = []));

    await submitEmail(page, email);
    await ui.button('Use another method').click();
    await ui.button('Use my password').click();
    await ui.password.fill(PASSWORD);
    await ui.button('Sign in').click();
    await expect(ui.heading).toHaveText("You're signed in");

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
    await page.reload();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.button('Sign out')).toBeVisible();
    // The preference store is read before the nudge would show; give it the same chance it had before.
    await page.waitForTimeout(500);
    await expect(nudge).toHaveCount(0);
    const stored = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open('latchkey');
        request.onsuccess = () => resolve(request.result);
      });
      return new Promise<unknown>((resolve) => {
        const request = db.transaction('preferences').objectStore('preferences').get('passkey-nudge');
        request.onsuccess = () => resolve(request.result);
      });
    });
    expect(stored).toMatchObject({ shown: 1, dismissed: 1 });
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
    await page.reload();
    await expect(ui.button('Sign out')).toBeVisible();
    await page.waitForTimeout(500);
    await expect(nudge).toHaveCount(0);
  });
});

test.describe('passkey autofill', () => {
  test('is offered again after a failed "Sign in with a passkey" attempt, and then signs in with no click', async ({ page, browser }) => {
    const { email, credential } = await enrolPasskey(page);
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
