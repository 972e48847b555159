import { test as apiTest, type APIRequestContext, type APIResponse, type Browser, type Page } from '@playwright/test';
import { ChallengeErrorResponse, type StepState } from '../../src/protocol/index.js';
import {
  advanceServerClock,
  decodeJwtPayload,
  E2E_BASE_URL,
  HttpCustomer,
  newBrowser,
  readMailbox,
  readOutbox,
  serverNow,
  SoftAuthenticator,
  uniqueEmail,
  type Answer,
  type DevMail,
} from './support/backend.js';
import { codeFor, enrolPasskey, submitEmail } from './support/flows.js';
import { median } from './support/enumeration.js';
import { addVirtualAuthenticator, expect, expectAccessible, freshPage, latchEvents, test, virtualCredentials, widget, useBrowserLayer } from './support/widget.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

// Getting back in after losing the only passkey (docs/protocol.md §22): HTTP contract tests of the reference
// backend, then the whole path in <latch-login> with a real (virtual-authenticator) passkey.

/** The reference waiting period (LATCH_RECOVERY_WAIT is not set by playwright.config.ts). */
const WAIT = 86_400;

function ciam(result: Answer): StepState {
  expect(result.status, JSON.stringify(result.body)).toBe(400);
  const body = ChallengeErrorResponse.parse(result.body);
  expect(body.error).toBe('insufficient_authorization');
  return body.ciam!;
}

/** An account with an email and one passkey (from `authenticator`), made in `request`'s browser. */
async function passkeyOnlyAccount(request: APIRequestContext, authenticator: SoftAuthenticator, email = uniqueEmail('lost')): Promise<HttpCustomer> {
  const customer = new HttpCustomer(request, email, E2E_BASE_URL);
  await customer.start({ login_hint: email });
  ciam(await customer.step({ type: 'sign_up' }));
  const done = await customer.step({ type: 'email_otp', action: 'verify', code: (await readMailbox(request, email))!.code! });
  expect(done.status).toBe(200);
  await customer.registerPasskey(authenticator);
  return customer;
}

/** A sign-in by email code in `customer`'s browser; the answer after the code. */
async function emailCodeSignIn(customer: HttpCustomer): Promise<Answer> {
  await customer.start({ login_hint: customer.email });
  ciam(await customer.step({ type: 'email_otp', action: 'send' }));
  const mail = await readMailbox(customer.request, customer.email);
  return customer.step({ type: 'email_otp', action: 'verify', code: mail!.code! });
}

/** Every mail of `purpose` to `email`, newest first. */
async function mailsOf(email: string, purpose: string): Promise<DevMail[]> {
  return (await readOutbox(E2E_BASE_URL)).filter((mail) => mail.to === email && (mail.purpose as string) === purpose);
}

/** The cancel link of the newest recovery notice to `email`. */
async function cancelLink(email: string): Promise<string> {
  const [notice] = await mailsOf(email, 'account_recovery');
  const link = /https?:\/\/\S+\/recovery\/cancel\?token=[\w-]+/.exec(notice?.text ?? '')?.[0];
  expect(link, 'the notice carries a cancel link').toBeTruthy();
  return link!;
}

/** A second browser of the same customer, at the second factor after an email code. */
async function stuckOnNewBrowser(email: string, alternatives: string[] = []): Promise<HttpCustomer> {
  const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), email, E2E_BASE_URL);
  // The email code's cooldown: the customer's last mail may be under 30 s old.
  await advanceServerClock(E2E_BASE_URL, 31);
  const factor = ciam(await emailCodeSignIn(customer));
  expect(factor).toMatchObject({ step: 'webauthn', reason: 'new_device', alternatives });
  return customer;
}

apiTest.describe('account recovery, the backend (§22)', () => {
  apiTest('a passkey-only account on a new browser is asked for its passkey with nothing else to offer (the defect)', async ({ request }) => {
    const email = uniqueEmail('stuck');
    await passkeyOnlyAccount(request, new SoftAuthenticator(E2E_BASE_URL), email);
    const customer = await stuckOnNewBrowser(email);
    // The way out: the recovery step answers the waiting period rather than invalid_request.
    const waiting = ciam(await customer.step({ type: 'account_recovery', action: 'start' }));
    expect(waiting).toMatchObject({ step: 'account_recovery', status: 'waiting' });
  });

  apiTest('email proof plus the waiting period, then the same browser finishes with an email code', async ({ request }) => {
    const email = uniqueEmail('wait');
    const authenticator = new SoftAuthenticator(E2E_BASE_URL);
    await passkeyOnlyAccount(request, authenticator, email);
    const customer = await stuckOnNewBrowser(email);
    const before = await serverNow(E2E_BASE_URL);

    const started = await customer.step({ type: 'account_recovery', action: 'start' });
    const waiting = ciam(started);
    expect(waiting).toMatchObject({ step: 'account_recovery', status: 'waiting', destination_hint: `${email[0]}•••@example.com` });
    expect((waiting as { available_at: number }).available_at).toBeGreaterThanOrEqual(before + WAIT);
    // The browser that asked is named (it had no latch_device cookie yet), so only it can finish.
    expect(started.headers['set-cookie']).toMatch(/latch_device=[\w-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    const [notice] = await mailsOf(email, 'account_recovery');
    expect(notice).toMatchObject({ code: null, subject: expect.stringContaining('without its passkey') });
    // Asking again from the same browser keeps the period and sends no second notice.
    expect(ciam(await customer.step({ type: 'account_recovery', action: 'start' }))).toEqual(waiting);
    expect(await mailsOf(email, 'account_recovery')).toHaveLength(1);

    // Before the period is over: finishing is refused, and a new sign-in still asks for the passkey.
    const early = await customer.step({ type: 'account_recovery', action: 'finish' });
    expect(early.status).toBe(400);
    expect(early.body.error).toBe('recovery_not_ready');
    await advanceServerClock(E2E_BASE_URL, WAIT - 120);
    expect(ciam(await emailCodeSignIn(customer))).toMatchObject({ step: 'webauthn' });

    await advanceServerClock(E2E_BASE_URL, 121);
    expect(ciam(await emailCodeSignIn(customer))).toEqual({ step: 'account_recovery', status: 'ready', reason: 'new_device', alternatives: ['passkey'] });
    const finished = await customer.step({ type: 'account_recovery', action: 'finish' });
    expect(finished.status, JSON.stringify(finished.body)).toBe(200);
    const tokens = await customer.redeem(String(finished.body.authorization_code));
    expect(tokens.status).toBe(200);
    // The mailbox alone: one factor, said so in the ID token.
    expect(decodeJwtPayload(String(tokens.body.id_token))).toMatchObject({ amr: ['otp'], acr: 'urn:latch:acr:1fa' });
    expect(await customer.session()).toMatchObject({ active: true, has_passkey: true });
    expect(await mailsOf(email, 'account_recovery_completed')).toHaveLength(1);
    // Used up: the cancel link of the finished recovery leads nowhere.
    expect((await customer.request.get(await cancelLink(email))).status()).toBe(404);
    // The recovered browser is remembered: the next email-code sign-in there needs no second factor.
    await advanceServerClock(E2E_BASE_URL, 31);
    expect((await emailCodeSignIn(customer)).status).toBe(200);
  });

  apiTest('another browser cannot finish, even after the period', async ({ request }) => {
    const email = uniqueEmail('other');
    await passkeyOnlyAccount(request, new SoftAuthenticator(E2E_BASE_URL), email);
    const asker = await stuckOnNewBrowser(email);
    ciam(await asker.step({ type: 'account_recovery', action: 'start' }));
    await advanceServerClock(E2E_BASE_URL, WAIT + 1);

    const other = await stuckOnNewBrowser(email);
    const refused = await other.step({ type: 'account_recovery', action: 'finish' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('recovery_not_ready');
  });

  apiTest('the cancel link asks first (GET changes nothing), and its button ends the recovery', async ({ request }) => {
    const email = uniqueEmail('cancel');
    await passkeyOnlyAccount(request, new SoftAuthenticator(E2E_BASE_URL), email);
    const customer = await stuckOnNewBrowser(email);
    ciam(await customer.step({ type: 'account_recovery', action: 'start' }));
    const link = await cancelLink(email);

    // A mail scanner fetching the link twice cancels nothing.
    for (let i = 0; i < 2; i += 1) {
      const page = await request.get(link);
      expect(page.status()).toBe(200);
      expect(page.headers()['content-security-policy']).toContain("script-src 'self'");
      expect(await page.text()).toContain('Cancel the recovery');
    }
    const token = new URL(link).searchParams.get('token')!;
    const cancelled = await request.post('/recovery/cancel', { form: { token } });
    expect(cancelled.status()).toBe(200);
    expect(await cancelled.text()).toContain('The recovery is cancelled');
    expect((await request.post('/recovery/cancel', { form: { token } })).status()).toBe(404);

    await advanceServerClock(E2E_BASE_URL, WAIT + 1);
    expect(ciam(await emailCodeSignIn(customer))).toMatchObject({ step: 'webauthn' });
    expect((await customer.step({ type: 'account_recovery', action: 'finish' })).body.error).toBe('recovery_not_ready');
  });

  apiTest('a sign-in with the passkey during the wait cancels the recovery', async ({ request }) => {
    const email = uniqueEmail('found');
    const authenticator = new SoftAuthenticator(E2E_BASE_URL);
    const owner = await passkeyOnlyAccount(request, authenticator, email);
    const customer = await stuckOnNewBrowser(email);
    ciam(await customer.step({ type: 'account_recovery', action: 'start' }));

    // The owner (who has the passkey) signs in with it.
    await owner.start();
    const options = ciam(await owner.step({ type: 'webauthn', action: 'options' })) as Extract<StepState, { step: 'webauthn' }>;
    expect((await owner.step({ type: 'webauthn', action: 'verify', response: authenticator.get(options.request_options) })).status).toBe(200);

    await advanceServerClock(E2E_BASE_URL, WAIT + 1);
    expect(ciam(await emailCodeSignIn(customer))).toMatchObject({ step: 'webauthn' });
    expect((await customer.step({ type: 'account_recovery', action: 'finish' })).body.error).toBe('recovery_not_ready');
    expect((await request.get(await cancelLink(email))).status()).toBe(404);
  });

  apiTest('an account with recovery codes gets them offered instead of a waiting period', async ({ request }) => {
    const email = uniqueEmail('codes');
    const owner = await passkeyOnlyAccount(request, new SoftAuthenticator(E2E_BASE_URL), email);
    const [code] = await owner.newRecoveryCodes();
    const customer = await stuckOnNewBrowser(email, ['recovery_code']);
    expect(ciam(await customer.step({ type: 'account_recovery', action: 'start' }))).toMatchObject({ step: 'recovery_code', reason: 'new_device' });
    expect(await mailsOf(email, 'account_recovery')).toHaveLength(0);
    expect((await customer.step({ type: 'recovery_code', code: code! })).status).toBe(200);
  });

  apiTest('recovery codes lost too: asking again goes on to the waiting period', async ({ request }) => {
    const email = uniqueEmail('nocodes');
    const owner = await passkeyOnlyAccount(request, new SoftAuthenticator(E2E_BASE_URL), email);
    await owner.newRecoveryCodes();
    const customer = await stuckOnNewBrowser(email, ['recovery_code']);
    expect(ciam(await customer.step({ type: 'account_recovery', action: 'start' }))).toMatchObject({ step: 'recovery_code' });
    expect(ciam(await customer.step({ type: 'account_recovery', action: 'start' }))).toMatchObject({ step: 'account_recovery', status: 'waiting' });
    expect(await mailsOf(email, 'account_recovery')).toHaveLength(1);
  });

  apiTest('a step-up cannot start a recovery', async ({ request }) => {
    const owner = await passkeyOnlyAccount(request, new SoftAuthenticator(E2E_BASE_URL));
    await advanceServerClock(E2E_BASE_URL, 301);
    ciam(await owner.stepUp({ max_age: 300 }));
    const refused = await owner.step({ type: 'account_recovery', action: 'start' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_request');
  });
});

/** What must not depend on whether the address has an account: status, body (auth_session aside), headers. */
async function seen(response: APIResponse): Promise<string> {
  const body = (await response.json()) as Record<string, unknown>;
  const headers = response
    .headersArray()
    .filter(({ name }) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name.toLowerCase()))
    .map(({ name, value }) => `${name.toLowerCase()}: ${value}`)
    .sort();
  return JSON.stringify({ status: response.status(), body: { ...body, auth_session: typeof body.auth_session }, headers });
}

apiTest.describe('account recovery and enumeration (§22, §2.6)', () => {
  apiTest('before the first factor, start and finish answer alike with and without an account', async ({ request }) => {
    const known = (await passkeyOnlyAccount(request, new SoftAuthenticator(E2E_BASE_URL))).email;
    const unknown = uniqueEmail('nobody');
    // Per step: every answer's reduced form and time, for the address with an account [0] and without [1].
    const answers: Record<string, string[][]> = {};
    const times: Record<string, number[][]> = {};
    const send = async (customer: HttpCustomer, label: string, action: string, index: number) => {
      const started = performance.now();
      const response = await customer.request.post('/authorize-challenge', {
        data: { auth_session: customer.authSession, step: { type: 'account_recovery', action } },
      });
      (times[label] ??= [[], []])[index]!.push(performance.now() - started);
      (answers[label] ??= [[], []])[index]!.push(await seen(response));
    };
    const customers = await Promise.all(
      [known, unknown].map(async (email) => new HttpCustomer(await newBrowser(E2E_BASE_URL), email, E2E_BASE_URL)),
    );
    for (const customer of customers) await customer.start({ login_hint: customer.email });
    // Alternating, five times each, so both addresses meet the same server load.
    for (let round = 0; round < 5; round += 1) {
      for (const [index, customer] of customers.entries()) {
        await send(customer, 'start', 'start', index);
        await send(customer, 'finish', 'finish', index);
      }
    }
    // And after a wrong email code (no second factor is reached without the right one).
    for (const [index, customer] of customers.entries()) {
      await customer.step({ type: 'email_otp', action: 'send' });
      await customer.step({ type: 'email_otp', action: 'verify', code: '000000' });
      await send(customer, 'start after a wrong code', 'start', index);
    }
    for (const [label, [withAccount, withoutAccount]] of Object.entries(answers)) {
      expect(new Set([...withAccount!, ...withoutAccount!]).size, `${label}: one answer for both addresses`).toBe(1);
      expect(JSON.parse(withAccount![0]!).status, label).toBe(400);
      const [a, b] = times[label]!.map(median);
      expect(Math.abs(a! - b!), `${label}: median times ${a} and ${b} ms`).toBeLessThanOrEqual(Math.max(a!, b!) / 2 + 40);
    }
  });
});

// ─── <latch-login>: a real passkey made in one browser, recovery from another that has none ───

/** A second browser (no passkey for the account, an empty authenticator) at the second factor after an email code. */
async function secondBrowserAtFactor(browser: Browser, email: string) {
  const second = await freshPage(browser);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(second.page);
  const ui = widget(second.page);
  await second.page.goto('/');
  await submitEmail(second.page, email);
  await expect(ui.heading).toHaveText('Check your email');
  const code = await codeFor(email);
  await ui.code.fill(code);
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("New device: confirm it's you");
  return { ...second, ui, cdp, authenticatorId, code };
}

/** Signs in again in `page` with a new email code (not `previous`); answers that code. */
async function emailCodeAgain(page: Page, email: string, previous: string): Promise<string> {
  const ui = widget(page);
  await page.goto('/');
  await submitEmail(page, email);
  await expect(ui.heading).toHaveText('Check your email');
  const code = await codeFor(email, previous);
  await ui.code.fill(code);
  await ui.button('Verify').click();
  return code;
}

test.describe('<latch-login>: getting back in after losing the passkey', () => {
  test('recovers from another browser: waiting period, finish, a new passkey, the lost one removed behind step-up', async ({ page, browser }) => {
    test.setTimeout(90_000);
    const { email, credential: lost } = await enrolPasskey(page, 'recover');
    const second = await secondBrowserAtFactor(browser, email);
    const { ui } = second;

    // The factor step asks for the passkey this browser does not have; the way out is next to it.
    const lostLink = ui.button('Lost your passkey?');
    await expect(lostLink).toBeVisible();
    await expectAccessible(second.page, 'factor step with the recovery link');
    await lostLink.click();
    await expect(ui.heading).toHaveText('Account recovery started');
    await expect(ui.heading).toBeFocused();
    await expect(ui.root.getByText(/You can finish getting back in from .+: come back in this browser and sign in with an email code\./)).toBeVisible();
    await expect(ui.root.getByText(`We emailed ${email[0]}•••@example.com.`, { exact: false })).toBeVisible();
    await expect(ui.button('I have my passkey')).toBeVisible();
    await expectAccessible(second.page, 'recovery waiting');
    expect(await mailsOf(email, 'account_recovery')).toHaveLength(1);
    await ui.button('Back to sign-in').click();
    await expect(ui.heading).toHaveText('Sign in to Acme');

    // After the waiting period, an email code in the same browser leads to the finish.
    await advanceServerClock(E2E_BASE_URL, WAIT + 1);
    await emailCodeAgain(second.page, email, second.code);
    await expect(ui.heading).toHaveText('Finish getting back in');
    await expect(ui.heading).toBeFocused();
    await expectAccessible(second.page, 'recovery ready');
    await ui.button('Finish signing in').click();
    await expect(ui.heading).toHaveText("You're signed in");
    const removeHint = ui.root.locator('.latch-notice', { hasText: "You're back in. You can remove the lost passkey from your account's passkey list." });
    await expect(removeHint).toBeVisible();
    await expect(ui.root.getByRole('heading', { name: 'Sign in faster next time' })).toBeVisible();
    await expectAccessible(second.page, 'recovered, new passkey offered');

    // A new passkey at once, from the offer, verified by the backend.
    await ui.button('Create a passkey').click();
    await expect(ui.status).toHaveText(/Passkey created/);
    await expect(removeHint).toBeVisible();
    const [created] = await virtualCredentials(second.cdp, second.authenticatorId);
    const ids = (await passkeyIds(second.page)).sort();
    const newId = Buffer.from(created!.credentialId, 'base64').toString('base64url');
    const lostId = Buffer.from(lost.credentialId, 'base64').toString('base64url');
    expect(ids).toEqual([lostId, newId].sort());

    // The lost one is removed from the list; the removal asks to confirm it's you (with the new passkey).
    await advanceServerClock(E2E_BASE_URL, 301);
    await second.page.goto('/security');
    const list = second.page.locator('latch-passkeys');
    await expect(list.locator('li[data-passkey]')).toHaveCount(2);
    const deletes: number[] = [];
    second.page.on('response', (response) => {
      if (response.request().method() === 'DELETE') deletes.push(response.status());
    });
    const lostItem = list.locator(`li[data-passkey="${lostId}"]`);
    await lostItem.getByRole('button', { name: 'Remove', exact: true }).click();
    await lostItem.getByRole('button', { name: 'Remove passkey', exact: true }).click();
    await expect(list.locator('.live[role="status"]')).toHaveText(/removed/);
    await expect(list.locator('li[data-passkey]')).toHaveCount(1);
    expect(await passkeyIds(second.page)).toEqual([newId]);
    // The first DELETE met the RFC 9470 challenge (a sign-in older than 5 minutes); the step-up, answered by the
    // new passkey, let the same request through.
    expect(deletes).toEqual([401, 204]);
    await second.done();
  });

  test('the cancel link stops it: the finish is then refused with a message that says why', async ({ page, browser }) => {
    const { email } = await enrolPasskey(page, 'cancelled');
    const second = await secondBrowserAtFactor(browser, email);
    await second.ui.button('Lost your passkey?').click();
    await expect(second.ui.heading).toHaveText('Account recovery started');
    await advanceServerClock(E2E_BASE_URL, WAIT + 1);
    await emailCodeAgain(second.page, email, second.code);
    await expect(second.ui.heading).toHaveText('Finish getting back in');

    // The owner, reading the notice, opens the link (which asks first) and confirms.
    await page.goto(await cancelLink(email));
    await expectAccessible(page, 'cancel page');
    await page.getByRole('button', { name: 'Cancel the recovery' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The recovery is cancelled');

    await second.ui.button('Finish signing in').click();
    const message = "You can't finish getting back in yet. Wait until the time in our email, and use the browser you started in.";
    await expect(second.ui.alert).toHaveText(message);
    await expect(second.ui.root.locator('.latch-alert')).toHaveText(message);
    await expect(second.ui.heading).toHaveText('Finish getting back in');
    await expectAccessible(second.page, 'recovery refused');
    await second.done();
  });

  test('a sign-in with the passkey during the wait cancels it: after the period the passkey is asked for again', async ({ page, browser }) => {
    const { email } = await enrolPasskey(page, 'foundit');
    const second = await secondBrowserAtFactor(browser, email);
    await second.ui.button('Lost your passkey?').click();
    await expect(second.ui.heading).toHaveText('Account recovery started');

    // The owner still has the passkey, in the first browser, and signs in with it: signed out, the email
    // field's passkey autofill (conditional mediation) gets it from the virtual authenticator at once.
    const owner = widget(page);
    await page.context().clearCookies({ name: 'latch_session' });
    await page.goto('/');
    await expect(owner.heading).toHaveText("You're signed in");
    await expect.poll(async () => (await latchEvents(page)).filter((event) => event.type === 'latch-signed-in').map((event) => event.method)).toEqual(['passkey']);

    await advanceServerClock(E2E_BASE_URL, WAIT + 1);
    await emailCodeAgain(second.page, email, second.code);
    await expect(second.ui.heading).toHaveText("New device: confirm it's you");
    await expect(second.ui.button('Lost your passkey?')).toBeVisible();
    await second.done();
  });

  test('an account with recovery codes is asked for one instead, and signs in with it', async ({ page, browser }) => {
    const { email } = await enrolPasskey(page, 'withcodes');
    const owner = new HttpCustomer(page.request, email, E2E_BASE_URL);
    const [code] = await owner.newRecoveryCodes();
    const second = await secondBrowserAtFactor(browser, email);
    await second.ui.button('Lost your passkey?').click();
    const field = second.ui.root.getByLabel('Recovery code', { exact: true });
    await expect(field).toBeVisible();
    expect(await mailsOf(email, 'account_recovery')).toHaveLength(0);
    await expectAccessible(second.page, 'recovery code instead');
    await field.fill(code!);
    await second.ui.button('Verify').click();
    await expect(second.ui.heading).toHaveText("You're signed in");
    await second.done();
  });
});

/** The ids of the signed-in account's passkeys, as the backend lists them (`GET /passkeys` in that browser). */
async function passkeyIds(page: Page): Promise<string[]> {
  const response = await page.request.get('/passkeys');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { passkeys: Array<{ id: string }> }).passkeys.map((passkey) => passkey.id);
}
