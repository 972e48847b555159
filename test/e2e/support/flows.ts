import type { Page } from '@playwright/test';
import { backendURL, PASSWORD, readOutbox, uniqueEmail } from './backend.js';
import { addVirtualAuthenticator, clickCreateAccount, expect, virtualCredentials, widget, type VirtualCredential } from './widget.js';

/**
 * The code of the newest mail to `email` that carries one (a new-device notice carries none), waiting for it (and
 * for one other than `previous`) to arrive.
 */
export async function codeFor(email: string, previous?: string): Promise<string> {
  let code: string | null | undefined;
  const wanted = email.toLowerCase();
  await expect
    .poll(async () => {
      code = (await readOutbox(backendURL())).find((mail) => mail.channel === 'email' && mail.to === wanted && mail.code)?.code;
      return code !== previous && /^\d{6}$/.test(code ?? '');
    })
    .toBe(true);
  return code as string;
}

/** Identifier step → the first method (an email code by default) → the code step. */
export async function submitEmail(page: Page, email: string): Promise<void> {
  const ui = widget(page);
  await ui.email.fill(email);
  await ui.button('Continue').click();
}

/** A new account by email code, ending signed in. */
export async function signUpWithEmailCode(page: Page, email: string): Promise<void> {
  await submitEmail(page, email);
  await enterEmailCode(page, email);
}

/** The code step: the emailed code, typed and verified, ending signed in. */
async function enterEmailCode(page: Page, email: string): Promise<void> {
  const ui = widget(page);
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeFor(email));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
}

/** A new account with a password (proven by an emailed code), then signed out. */
export async function signUpWithPassword(page: Page, email: string, password = PASSWORD): Promise<void> {
  const ui = widget(page);
  await clickCreateAccount(page);
  await submitEmail(page, email);
  await expect(ui.heading).toHaveText('Create a password');
  await ui.newPassword.fill(password);
  await ui.button('Create account').click();
  await enterEmailCode(page, email);
  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');
}

/**
 * After the identifier: the password step, straight away on a browser that signed in to this account with its
 * password before (`preferred_method`, docs/protocol.md §19.1), else through "Use another method".
 */
export async function reachPasswordStep(page: Page): Promise<void> {
  const ui = widget(page);
  await expect(ui.heading).toHaveText(/^(Check your email|Enter your password)$/);
  if ((await ui.heading.textContent())?.trim() === 'Check your email') {
    await ui.button('Use another method').click();
    await ui.button('Use my password').click();
  }
  await expect(ui.heading).toHaveText('Enter your password');
}

/** Signs an existing customer in with their password, through the method choice. */
export async function signInWithPassword(page: Page, email: string, password = PASSWORD): Promise<void> {
  const ui = widget(page);
  await submitEmail(page, email);
  await reachPasswordStep(page);
  await ui.password.fill(password);
  await ui.button('Sign in').click();
  await expect(ui.heading).toHaveText("You're signed in");
}

/** Signs a new customer up by email code and creates a passkey from the nudge; returns that passkey. */
export async function enrolPasskey(page: Page, prefix = 'passkey'): Promise<{ email: string; credential: VirtualCredential }> {
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  const ui = widget(page);
  const email = uniqueEmail(prefix);
  await page.goto('/');
  await signUpWithEmailCode(page, email);
  await expect(ui.root.getByRole('heading', { name: 'Sign in faster next time' })).toBeVisible();
  await ui.button('Create a passkey').click();
  await expect(ui.root.locator('.latch-notice')).toHaveText('Passkey created. Next time, sign in with one touch.');
  await expect(ui.status).toHaveText(/Passkey created/);
  await expect(ui.button('Create a passkey')).toHaveCount(0);
  const credentials = await virtualCredentials(cdp, authenticatorId);
  expect(credentials).toHaveLength(1);
  return { email, credential: credentials[0]! };
}
