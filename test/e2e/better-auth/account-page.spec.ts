import type { Page } from '@playwright/test';
import { backendURL, PASSWORD, readMailbox, uniqueEmail } from '../support/backend.js';
import { codeFor, signUpWithEmailCode } from '../support/flows.js';
import { expect, test } from '../support/widget.js';

// The demo account page's two cards on better-auth (demo/better-auth/demo-api.ts): the saved cards behind RFC 9470's
// max_age, answered by <latch-step-up> through the plugin's challenge endpoint, and the email change of profile
// §21.2 on better-auth's emailOTP `changeEmail`. Issue 16: the same demo pages, never a broken button.

/** The parts of the account page a customer uses, and the step-up prompt it opens. */
function accountPage(page: Page) {
  const prompt = page.locator('latch-step-up');
  return {
    email: page.locator('#profile-email'),
    showCards: page.getByRole('button', { name: 'Show payment methods', exact: true }),
    cards: page.locator('#cards li'),
    newEmail: page.getByLabel('New email'),
    saveEmail: page.getByRole('button', { name: 'Save email', exact: true }),
    codeSent: page.locator('#email-code-sent'),
    emailCode: page.locator('#email-code'),
    confirmEmail: page.getByRole('button', { name: 'Confirm new email', exact: true }),
    result: page.locator('#result[role="status"]'),
    problem: page.locator('#problem[role="alert"]'),
    dialog: prompt.getByRole('dialog', { name: "Confirm it's you" }),
    stepUpCode: prompt.getByLabel('Code', { exact: true }),
    verify: prompt.getByRole('button', { name: 'Verify', exact: true }),
  };
}

/** A new customer signed up with an email code on the sign-in page, then on the account page. */
async function signedInOnAccountPage(page: Page, prefix: string) {
  const email = uniqueEmail(prefix);
  await page.goto('/');
  await signUpWithEmailCode(page, email);
  await page.goto('/account.html');
  const ui = accountPage(page);
  await expect(ui.email).toHaveText(email);
  return { email, ui };
}

/** The statuses of the page's answers from `path`, in order. */
function statusesOf(page: Page, path: string): number[] {
  const statuses: number[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === path) statuses.push(response.status());
  });
  return statuses;
}

test('saved cards after a sign-in older than 5 minutes: confirm it\'s you with an emailed code, then the cards show', async ({ page }) => {
  const { email, ui } = await signedInOnAccountPage(page, 'ba-cards');
  const signUpCode = await codeFor(email);
  // better-auth has no test clock: the session row is aged, as if the sign-in had been 301 s ago.
  const aged = await fetch(new URL('/dev/sessions/age', backendURL()), { method: 'POST', body: JSON.stringify({ email, seconds: 301 }) });
  expect(aged.status).toBe(200);
  const answers = statusesOf(page, '/api/payment-methods');

  await ui.showCards.click();
  await expect(ui.dialog).toBeVisible();
  // An account with no passkey re-authenticates with a code mailed by the challenge endpoint (max_age=300).
  await ui.stepUpCode.fill(await codeFor(email, signUpCode));
  await ui.verify.click();

  await expect(ui.result).toHaveText('2 saved cards.');
  await expect(ui.cards).toHaveText(['visa ending 4242', 'mastercard ending 4444']);
  // Refused with the challenge once, then the same request went again after the step-up.
  expect(answers).toEqual([401, 200]);
});

test('changing the email: another account\'s address gets the same answer and no code; a new one changes once its code is entered', async ({ page, request }) => {
  const { email, ui } = await signedInOnAccountPage(page, 'ba-email');
  const taken = uniqueEmail('ba-taken');
  const signUp = await request.post('/api/auth/sign-up/email', { data: { email: taken, password: PASSWORD, name: 'Bob' }, headers: { Origin: backendURL() } });
  expect(signUp.status(), await signUp.text()).toBe(200);
  /** Saves `address` as the new email; the API's answer to the start. */
  const save = async (address: string) => {
    await ui.newEmail.fill(address);
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/email');
    await ui.saveEmail.click();
    const response = await answered;
    return { status: response.status(), body: (await response.json()) as unknown };
  };
  const sameAnswer = { status: 200, body: { destination_hint: 'b•••@example.com', code_length: 6, expires_in: 600, resend_after: 30 } };

  // Another account's address: the same answer as any address (§21.2, no enumeration); that mailbox is told, with no code.
  expect(await save(taken)).toEqual(sameAnswer);
  await expect(ui.codeSent).toHaveText(`We emailed a 6-digit code to b•••@example.com. Enter it to change your email.`);
  expect(await readMailbox(request, taken)).toMatchObject({ purpose: 'email_change', code: null });
  expect(await readMailbox(request, email)).toMatchObject({ purpose: 'email_change_notice', code: null });
  await ui.emailCode.fill('000000');
  await ui.confirmEmail.click();
  await expect(ui.problem).toHaveText("That code didn't work. Check the newest email and try again.");
  await expect(ui.email).toHaveText(email);

  // A free address: its code makes it the account's.
  const changed = uniqueEmail('ba-new');
  expect(await save(changed)).toEqual(sameAnswer);
  await expect(ui.codeSent).toHaveText(`We emailed a 6-digit code to b•••@example.com. Enter it to change your email.`);
  await ui.emailCode.fill(await codeFor(changed));
  await ui.confirmEmail.click();
  await expect(ui.result).toHaveText(`Your email is now ${changed}.`);
  await expect(ui.email).toHaveText(changed);
  expect((await (await page.request.get('/api/profile')).json()).email).toBe(changed);
});
