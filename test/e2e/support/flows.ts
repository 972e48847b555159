import type { Page } from '@playwright/test';
import { E2E_BASE_URL, readMailbox } from './backend.js';
import { expect, widget } from './widget.js';

/** The code of the newest mail to `email`, waiting for it (and for one other than `previous`) to arrive. */
export async function codeFor(email: string, previous?: string): Promise<string> {
  let code: string | null | undefined;
  await expect
    .poll(async () => {
      code = (await readMailbox(E2E_BASE_URL, email))?.code;
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
  const ui = widget(page);
  await submitEmail(page, email);
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeFor(email));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
}
