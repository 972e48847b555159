import { expect, test, type APIRequestContext } from '@playwright/test';
import { AccountEmail, ChallengeSuccessResponse, EmailChangeStarted, FactorSummary } from '../../src/protocol/index.js';
import {
  advanceServerClock,
  answer,
  E2E_BASE_URL,
  decodeJwtPayload,
  HttpCustomer,
  newBrowser,
  PASSWORD,
  readMailbox,
  readOutbox,
  SoftAuthenticator,
  uniqueEmail,
  type Answer,
} from './support/backend.js';
import { codeFor, signUpWithEmailCode } from './support/flows.js';
import { median, see } from './support/enumeration.js';
import { expectAccessible, test as pageTest } from './support/widget.js';

// The account's own password and email address (docs/protocol.md §21) over HTTP against the reference
// backend: sensitive changes behind RFC 9470, sessions ended by a password change, and an email change that
// takes effect only once the new address is proven, with the ID token telling the truth throughout.

const NEW_PASSWORD = 'a much longer passphrase for today';

/** A new account with a password, signed up by email code in `request`'s cookie jar, then signed in with its password. */
async function passwordCustomer(request: APIRequestContext, baseURL: string, prefix: string): Promise<HttpCustomer> {
  const customer = new HttpCustomer(request, uniqueEmail(prefix), baseURL);
  expect((await customer.signUp()).status).toBe(200);
  expect((await customer.signInWithPassword()).status).toBe(200);
  return customer;
}

/** A new account without a password: signed up by an email code alone. */
async function passwordlessCustomer(request: APIRequestContext, baseURL: string, prefix: string): Promise<HttpCustomer> {
  const customer = new HttpCustomer(request, uniqueEmail(prefix), baseURL);
  await customer.start({ login_hint: customer.email });
  await customer.step({ type: 'email_otp', action: 'send' });
  const code = (await readMailbox(request, customer.email))!.code!;
  expect((await customer.step({ type: 'email_otp', action: 'verify', code })).status).toBe(200);
  return customer;
}

const putPassword = (request: APIRequestContext, password: string) => request.put('/factors/password', { data: { password } });
const startChange = (request: APIRequestContext, email: string) => request.post('/email', { data: { action: 'start', email } });
const verifyChange = (request: APIRequestContext, code: string) => request.post('/email', { data: { action: 'verify', code } });

/** The ID token and the userinfo answer of a fresh password sign-in of `customer` (in its own jar). */
async function claimsOf(customer: HttpCustomer): Promise<{ idToken: Record<string, unknown>; userinfo: Record<string, unknown> }> {
  const signedIn = await customer.signInWithPassword();
  expect(signedIn.status).toBe(200);
  const tokens = await customer.redeem(ChallengeSuccessResponse.parse(signedIn.body).authorization_code);
  expect(tokens.status).toBe(200);
  const userinfo = await customer.request.get('/me', { headers: { Authorization: `Bearer ${String(tokens.body.access_token)}` } });
  return { idToken: decodeJwtPayload(String(tokens.body.id_token)), userinfo: (await userinfo.json()) as Record<string, unknown> };
}

function expectStepUpNeeded(result: Answer): void {
  expect(result.status).toBe(401);
  expect(result.headers['www-authenticate']).toContain('error="insufficient_user_authentication"');
  expect(result.headers['www-authenticate']).toContain('max_age="300"');
}

test.describe('account password (§21.1)', () => {
  test('a change needs a recent sign-in; afterwards the old password is refused and other sessions are over', async ({ request, baseURL }) => {
    const customer = await passwordCustomer(request, baseURL!, 'pwchange');
    const elsewhere = await newBrowser(baseURL!);
    const other = new HttpCustomer(elsewhere, customer.email, baseURL!);
    // A browser new to the account: the password, then an email code (the new-device rule).
    expect((await other.signInWithPassword()).body).toMatchObject({ ciam: { step: 'email_otp', reason: 'new_device' } });
    const secondFactor = (await readMailbox(elsewhere, customer.email))!.code!;
    expect((await other.step({ type: 'email_otp', action: 'verify', code: secondFactor })).status).toBe(200);
    expect(await other.session()).toMatchObject({ active: true });

    await advanceServerClock(baseURL!, 301);
    expectStepUpNeeded(await answer(await putPassword(request, NEW_PASSWORD)));
    // The step-up (an email code after the password) makes the sign-in recent again.
    expect((await customer.stepUp({ max_age: 300 })).status).toBe(400);
    const code = (await readMailbox(request, customer.email))!.code!;
    expect((await customer.step({ type: 'email_otp', action: 'verify', code })).status).toBe(200);

    const tooShort = await answer(await putPassword(request, 'short'));
    expect(tooShort).toMatchObject({ status: 400, body: { error: 'weak_password', field_errors: [{ field: 'password', code: 'too_short' }] } });
    const changed = await answer(await putPassword(request, NEW_PASSWORD));
    expect(changed.status).toBe(200);
    expect(FactorSummary.parse(changed.body)).toMatchObject({ password: true });

    expect(await customer.session()).toMatchObject({ active: true });
    expect(await other.session()).toEqual({ active: false });
    expect((await other.signInWithPassword(PASSWORD)).body).toMatchObject({ error: 'invalid_credentials' });
    expect((await other.signInWithPassword(NEW_PASSWORD)).status).toBe(200);
    const notice = await readMailbox(request, customer.email);
    expect(notice).toMatchObject({ purpose: 'password_changed', code: null, subject: 'Your Acme password was changed' });
    expect(notice!.text).toContain('/password-reset/not-me?token='); // the reset's "This wasn't me" path (§19.4)
    await elsewhere.dispose();
  });

  test('a passwordless account adds a password, and removes it only while it has a passkey', async ({ request, baseURL }) => {
    const customer = await passwordlessCustomer(request, baseURL!, 'pwadd');
    expect(FactorSummary.parse(await (await request.get('/factors')).json())).toMatchObject({ password: false });

    const added = await answer(await putPassword(request, NEW_PASSWORD));
    expect(FactorSummary.parse(added.body)).toMatchObject({ password: true });
    expect((await readMailbox(request, customer.email))?.subject).toBe('A password was added to your Acme account');
    expect((await customer.signInWithPassword(NEW_PASSWORD)).status).toBe(200);

    const refused = await answer(await request.delete('/factors/password', { headers: { 'content-type': 'application/json' } }));
    expect(refused).toMatchObject({ status: 409, body: { error: 'last_method' } });
    expect(FactorSummary.parse(await (await request.get('/factors')).json())).toMatchObject({ password: true });

    await customer.registerPasskey(new SoftAuthenticator(baseURL!));
    const removed = await answer(await request.delete('/factors/password', { headers: { 'content-type': 'application/json' } }));
    expect(removed.status).toBe(200);
    expect(FactorSummary.parse(removed.body)).toMatchObject({ password: false });
    expect((await customer.signInWithPassword(NEW_PASSWORD)).body).toMatchObject({ error: 'invalid_credentials' });
  });

  test('removal needs a recent sign-in too, and a cross-site page cannot change the password', async ({ request, baseURL }) => {
    await passwordCustomer(request, baseURL!, 'pwguard');
    const foreign = await answer(await request.put('/factors/password', { data: { password: NEW_PASSWORD }, headers: { Origin: 'https://evil.example' } }));
    // Refused by the client's origin allow-list (profile §26.2) before the CSRF check could.
    expect(foreign).toMatchObject({ status: 403, body: { error: 'origin_not_allowed' } });
    const form = await request.put('/factors/password', { form: { password: NEW_PASSWORD } });
    expect(form.status()).toBe(415);
    await advanceServerClock(baseURL!, 301);
    expectStepUpNeeded(await answer(await request.delete('/factors/password', { headers: { 'content-type': 'application/json' } })));
  });
});

test.describe('account email (§21.2)', () => {
  test('the address changes only when the code sent to the new one is entered; the ID token says so throughout', async ({ request, baseURL }) => {
    const customer = await passwordCustomer(request, baseURL!, 'emchange');
    const before = await claimsOf(customer);
    expect(before.idToken).toMatchObject({ email: customer.email, email_verified: true });
    expect(before.userinfo).toMatchObject({ email: customer.email, email_verified: true });

    const target = uniqueEmail('emtarget');
    const started = await answer(await startChange(request, target));
    expect(started.status).toBe(200);
    expect(EmailChangeStarted.parse(started.body)).toEqual({
      destination_hint: `e•••@example.com`,
      code_length: 6,
      expires_in: 600,
      resend_after: 30,
    });
    const code = (await readMailbox(request, target))!;
    expect(code).toMatchObject({ purpose: 'email_change', code: expect.stringMatching(/^\d{6}$/) });
    const notice = await readMailbox(request, customer.email);
    expect(notice).toMatchObject({ purpose: 'email_change_notice', code: null });
    expect(notice!.text).not.toContain(target);

    // Pending: nothing has changed yet, and nothing claims the unproven address.
    expect(AccountEmail.parse(await (await request.get('/email')).json())).toMatchObject({
      email: customer.email,
      email_verified: true,
      pending: { email: target },
    });
    const during = await claimsOf(customer);
    expect(during.idToken).toMatchObject({ email: customer.email, email_verified: true });
    expect(during.userinfo).toMatchObject({ email: customer.email, email_verified: true });

    const verified = await answer(await verifyChange(request, code.code!));
    expect(verified).toMatchObject({ status: 200, body: { email: target, email_verified: true } });
    expect(AccountEmail.parse(verified.body).pending).toBeUndefined();
    const moved = new HttpCustomer(request, target, baseURL!);
    const after = await claimsOf(moved);
    expect(after.idToken).toMatchObject({ email: target, email_verified: true, sub: before.idToken.sub });
    expect(after.userinfo).toMatchObject({ email: target, email_verified: true });
    expect((await customer.signInWithPassword()).body).toMatchObject({ error: 'invalid_credentials' });

    // Single use: the same code again finds no change waiting.
    expect(await answer(await verifyChange(request, code.code!))).toMatchObject({ status: 400, body: { error: 'expired_code' } });
  });

  test('a wrong code counts down, an older code dies when a newer one is sent, and codes expire', async ({ request, baseURL }) => {
    await passwordCustomer(request, baseURL!, 'emcodes');
    const target = uniqueEmail('emcodes-new');
    expect((await startChange(request, target)).status()).toBe(200);
    const first = (await readMailbox(request, target))!.code!;
    const wrong = first === '000000' ? '111111' : '000000';
    expect(await answer(await verifyChange(request, wrong))).toMatchObject({ status: 400, body: { error: 'invalid_code', attempts_remaining: 4 } });

    // The resend cooldown, then a newer code replaces the first.
    expect(await answer(await startChange(request, target))).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
    await advanceServerClock(baseURL!, 31);
    expect((await startChange(request, target)).status()).toBe(200);
    const second = (await readMailbox(request, target))!.code!;
    if (second !== first) {
      expect(await answer(await verifyChange(request, first))).toMatchObject({ status: 400, body: { error: 'invalid_code', attempts_remaining: 4 } });
    }
    await advanceServerClock(baseURL!, 601);
    expect(await answer(await verifyChange(request, second))).toMatchObject({ status: 400, body: { error: 'expired_code' } });
    expect(AccountEmail.parse(await (await request.get('/email')).json()).pending).toBeUndefined();
  });

  test('starting needs a recent sign-in; the current address and a malformed one are refused', async ({ request, baseURL }) => {
    const customer = await passwordCustomer(request, baseURL!, 'emguard');
    expect(await answer(await startChange(request, customer.email))).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', field_errors: [{ field: 'email', code: 'unchanged' }] },
    });
    expect((await startChange(request, 'not an address')).status()).toBe(400);
    await advanceServerClock(baseURL!, 301);
    expectStepUpNeeded(await answer(await startChange(request, uniqueEmail('emguard-new'))));
  });

  test("another account's address answers exactly like a free one, and its mail carries no usable code", async ({ request, baseURL }) => {
    const owner = await newBrowser(baseURL!);
    const taken = (await passwordlessCustomer(owner, baseURL!, 'emowner')).email;
    const free = uniqueEmail('emfree');
    const a = await newBrowser(baseURL!);
    const b = await newBrowser(baseURL!);
    await passwordCustomer(a, baseURL!, 'emenum-a');
    await passwordCustomer(b, baseURL!, 'emenum-b');

    const toTaken = await see(taken, () => startChange(a, taken));
    const toFree = await see(free, () => startChange(b, free));
    expect(toTaken.status).toBe(200);
    expect(toTaken).toEqual({ ...toFree, ms: toTaken.ms });
    const takenMail = (await readOutbox(request)).find((mail) => mail.to === taken && mail.purpose === 'email_change')!;
    expect(takenMail.code).toBeNull();
    expect(takenMail.text).not.toMatch(/\d{6}/);

    // Verifying: every code is wrong for the taken address, counting down like a wrong code for the free one.
    const freeCode = (await readMailbox(request, free))!.code!;
    const guess = freeCode === '000000' ? '111111' : '000000';
    const guessTaken = await see(taken, () => verifyChange(a, guess));
    const guessFree = await see(free, () => verifyChange(b, guess));
    expect(guessTaken).toEqual({ ...guessFree, ms: guessTaken.ms });
    expect(guessTaken.body).toContain('"attempts_remaining":4');
    // The timing: both paths do the same work; medians over a few more rounds (past each resend cooldown) stay close.
    const times = { taken: [toTaken.ms], free: [toFree.ms] };
    for (let round = 0; round < 3; round += 1) {
      await advanceServerClock(baseURL!, 31);
      times.taken.push((await see(taken, () => startChange(a, taken))).ms);
      times.free.push((await see(free, () => startChange(b, free))).ms);
    }
    expect(Math.abs(median(times.taken) - median(times.free))).toBeLessThan(Math.max(median(times.taken), median(times.free)) / 2 + 40);
    // The owner's address stays theirs.
    expect((await (await owner.get('/email')).json()).email).toBe(taken);
    await Promise.all([owner.dispose(), a.dispose(), b.dispose()]);
  });

  test('the demo API offers the same change; a customer without a second factor is asked only for a fresh sign-in', async ({ request, baseURL }) => {
    const customer = await passwordlessCustomer(request, baseURL!, 'emdemo');
    await advanceServerClock(baseURL!, 301);
    const target = uniqueEmail('emdemo-new');
    const stale = await answer(await request.post('/api/email', { data: { action: 'start', email: target } }));
    expectStepUpNeeded(stale);
    expect(stale.headers['www-authenticate']).not.toContain('acr_values');
    expect((await customer.stepUp({ max_age: 300 })).status).toBe(400);
    const stepUpCode = (await readMailbox(request, customer.email))!.code!;
    expect((await customer.step({ type: 'email_otp', action: 'verify', code: stepUpCode })).status).toBe(200);
    expect((await request.post('/api/email', { data: { action: 'start', email: target } })).status()).toBe(200);
    const code = (await readMailbox(request, target))!.code!;
    expect(await answer(await request.post('/api/email', { data: { action: 'verify', code } }))).toMatchObject({
      status: 200,
      body: { email: target, email_verified: true },
    });
    expect(await (await request.get('/api/profile')).json()).toMatchObject({ email: target });
  });
});

/** The parts of `<latch-security>` on the demo's /security page that these sections use. */
function securityPage(page: import('@playwright/test').Page) {
  const root = page.locator('latch-security');
  return {
    root,
    password: root.getByRole('region', { name: 'Password', exact: true }),
    email: root.getByRole('region', { name: 'Email address', exact: true }),
    button: (name: string) => root.getByRole('button', { name, exact: true }),
    status: root.locator('.live[role="status"]').first(),
    alert: root.locator('.live[role="alert"]').first(),
    stepUp: page.locator('latch-step-up'),
  };
}

pageTest.describe('<latch-security> password and email', () => {
  pageTest('a password change behind the step-up: the old password is refused after, and another browser is signed out', async ({ page }) => {
    const customer = new HttpCustomer(page.request, uniqueEmail('sec-pw'), E2E_BASE_URL);
    expect((await customer.signUp()).status).toBe(200);
    const signUpCode = (await readMailbox(page.request, customer.email))!.code!;
    const elsewhere = await newBrowser(E2E_BASE_URL);
    const other = new HttpCustomer(elsewhere, customer.email, E2E_BASE_URL);
    expect((await other.signInWithPassword()).status).toBe(400);
    const otherCode = await codeFor(customer.email, signUpCode);
    expect((await other.step({ type: 'email_otp', action: 'verify', code: otherCode })).status).toBe(200);

    await page.goto('/security');
    const ui = securityPage(page);
    await expect(ui.password.getByText('You can sign in with your email and a password.')).toBeVisible();
    await advanceServerClock(E2E_BASE_URL, 301);
    await ui.button('Change password').click();
    const input = ui.password.getByLabel('New password', { exact: true });
    await expect(input).toBeFocused();
    await expect(ui.password.getByText('Saving a new password signs you out on your other devices.')).toBeVisible();
    await input.fill(NEW_PASSWORD);
    await expect(ui.password.getByText('Strength: strong.')).toBeVisible();
    await ui.password.getByLabel('Show password').check();
    await expect(input).toHaveAttribute('type', 'text');
    await expectAccessible(page, 'security, new password typed');
    await ui.button('Save password').click();

    const dialog = ui.stepUp.getByRole('dialog', { name: "Confirm it's you" });
    await expect(dialog).toBeVisible();
    await expectAccessible(page, 'security, step-up before the password change');
    await ui.stepUp.getByLabel('Code', { exact: true }).fill(await codeFor(customer.email, otherCode));
    await page.keyboard.press('Enter');
    await expect(ui.status).toHaveText(/^Password changed\. You were signed out on your other devices\.\s?$/);
    await expect(dialog).toBeHidden();
    await expect(ui.button('Change password')).toBeFocused();
    await expectAccessible(page, 'security, password changed');

    expect(await other.session()).toEqual({ active: false });
    expect(await customer.session()).toMatchObject({ active: true });
    const third = await newBrowser(E2E_BASE_URL);
    expect((await new HttpCustomer(third, customer.email, E2E_BASE_URL).signInWithPassword(PASSWORD)).body).toMatchObject({ error: 'invalid_credentials' });
    await Promise.all([elsewhere.dispose(), third.dispose()]);
  });

  pageTest('an email change proven on the new address, with a wrong code announced on the way', async ({ page }) => {
    const customer = new HttpCustomer(page.request, uniqueEmail('sec-em'), E2E_BASE_URL);
    expect((await customer.signUp()).status).toBe(200);
    await page.goto('/security');
    const ui = securityPage(page);
    await expect(ui.email.getByText(`Your email address is ${customer.email}.`)).toBeVisible();
    await ui.button('Change email address').click();
    const target = uniqueEmail('sec-em-new');
    await ui.email.getByLabel('New email address').fill(target);
    await ui.button('Send a code').click();

    const code = ui.email.getByLabel('Code', { exact: true });
    await expect(code).toBeFocused();
    await expect(ui.email.getByText(`We emailed a code to ${target}. Until you enter it, your address stays ${customer.email}.`)).toBeVisible();
    await expect(ui.email.getByText(/^You can ask for a new code in \d+ s\.$/)).toBeVisible();
    await expectAccessible(page, 'security, email change pending');
    const sent = await codeFor(target);
    await code.fill(sent === '000000' ? '111111' : '000000');
    await page.keyboard.press('Enter');
    await expect(ui.alert).toHaveText(/^That code didn't work\. 4 tries left\.\s?$/);
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    await expect(code).toBeFocused();
    await expectAccessible(page, 'security, wrong email code');

    await code.fill(sent);
    await page.keyboard.press('Enter');
    await expect(ui.status).toHaveText(/^Email address changed\.\s?$/);
    await expect(ui.email.getByText(`Your email address is ${target}.`)).toBeVisible();
    await expect(ui.button('Change email address')).toBeFocused();
    expect(await customer.session()).toMatchObject({ user: { email: target } });
    await expectAccessible(page, 'security, email changed');
  });
});

pageTest.describe('the demo account page', () => {
  pageTest('"Change email" for a customer without a second factor asks for a fresh confirmation, then the code of the new address', async ({ page }) => {
    // Before: the store demanded two checks, which an email-code-only customer cannot give, and the page
    // showed the account closure's message ("needs a hardware security key").
    const email = uniqueEmail('demo-nofactor');
    await page.goto('/');
    await signUpWithEmailCode(page, email);
    await advanceServerClock(E2E_BASE_URL, 301);
    await page.goto('/account');
    await expect(page.locator('#profile-email')).toHaveText(email);

    const target = uniqueEmail('demo-moved');
    await page.getByLabel('New email').fill(target);
    await page.getByRole('button', { name: 'Save email', exact: true }).click();
    const prompt = page.locator('latch-step-up');
    await expect(prompt.getByRole('dialog', { name: "Confirm it's you" })).toBeVisible();
    await expect(prompt.locator('#reason')).toHaveText("It's been a while since you signed in. To keep your account safe, confirm it's you before you continue.");
    await prompt.getByLabel('Code', { exact: true }).fill(await codeFor(email));
    await prompt.getByRole('button', { name: 'Verify', exact: true }).click();

    const code = page.locator('#email-code');
    await expect(code).toBeFocused();
    await expect(page.locator('#email-code-sent')).toHaveText('We emailed a 6-digit code to d•••@example.com. Enter it to change your email.');
    await expect(page.locator('#problem')).toHaveText('');
    await expect(page.locator('#profile-email')).toHaveText(email);
    await expectAccessible(page, 'account page, email code sent');
    await code.fill('000000' === (await codeFor(target)) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Confirm new email', exact: true }).click();
    await expect(page.locator('#problem')).toHaveText("That code didn't work. Check the newest email and try again.");
    await expect(code).toBeFocused();
    await expectAccessible(page, 'account page, wrong email code');
    await code.fill(await codeFor(target));
    await page.getByRole('button', { name: 'Confirm new email', exact: true }).click();
    await expect(page.locator('#result')).toHaveText(`Your email is now ${target}.`);
    await expect(page.locator('#profile-email')).toHaveText(target);
    await expect(code).toBeHidden();
    await expectAccessible(page, 'account page, email changed');
  });
});
