import type { CDPSession, Page, Request } from '@playwright/test';
import { advanceServerClock, E2E_BASE_URL, HttpCustomer, readMailbox, readOutbox, totpCode, uniqueEmail } from './support/backend.js';
import { codeFor, signUpWithEmailCode } from './support/flows.js';
import { addVirtualAuthenticator, expect, expectAccessible, servePage, test, widget } from './support/widget.js';

// Step-up (RFC 9470) end to end: the demo account page's API answers 401 with a challenge, <latch-step-up>
// asks the customer to confirm it's them, and the same request is sent again.

const MFA = 'urn:latch:acr:mfa';

/** The parts of the account page and its step-up prompt a user sees. */
function accountPage(page: Page) {
  const prompt = page.locator('latch-step-up');
  return {
    email: page.locator('#profile-email'),
    newEmail: page.getByLabel('New email'),
    saveEmail: page.getByRole('button', { name: 'Save email', exact: true }),
    emailCode: page.locator('#email-code'),
    confirmEmail: page.getByRole('button', { name: 'Confirm new email', exact: true }),
    showCards: page.getByRole('button', { name: 'Show payment methods', exact: true }),
    cards: page.locator('#cards li'),
    result: page.locator('#result[role="status"]'),
    problem: page.locator('#problem[role="alert"]'),
    prompt,
    dialog: prompt.getByRole('dialog', { name: "Confirm it's you" }),
    reason: prompt.locator('#reason'),
    code: prompt.getByLabel('Code', { exact: true }),
    button: (name: string) => prompt.getByRole('button', { name, exact: true }),
    /** The prompt's assertive live region (role="alert"). */
    alert: prompt.locator('.live[role="alert"]'),
    /** The prompt's polite live region (role="status"). */
    status: prompt.locator('.live[role="status"]'),
  };
}

/** Requests the page sends whose path ends with `path` (and whose method is `method`, if given). */
function recordRequests(page: Page, path: string, method?: string): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === path && (!method || request.method() === method)) sent.push(request);
  });
  return sent;
}

/** A password account signed in with its password in this page's browser: acr 1fa, amr pwd. */
async function passwordSession(page: Page, prefix: string): Promise<HttpCustomer> {
  const customer = new HttpCustomer(page.request, uniqueEmail(prefix), E2E_BASE_URL);
  expect((await customer.signUp()).status).toBe(200);
  expect((await customer.signInWithPassword()).status).toBe(200);
  expect(await customer.session()).toMatchObject({ active: true, acr: 'urn:latch:acr:1fa', amr: ['pwd'] });
  return customer;
}

/** A new customer signed in by email code who created a passkey from the nudge (in a virtual authenticator). */
async function passkeySession(page: Page): Promise<{ email: string; cdp: CDPSession; authenticatorId: string }> {
  const email = uniqueEmail('stepup-pk');
  const authenticator = await addVirtualAuthenticator(page);
  const ui = widget(page);
  await page.goto('/');
  await signUpWithEmailCode(page, email);
  await ui.button('Create a passkey').click();
  await expect(ui.status).toHaveText(/Passkey created/);
  expect(await (await page.request.get('/session')).json()).toMatchObject({ acr: 'urn:latch:acr:1fa', has_passkey: true });
  return { email, ...authenticator };
}

/** Opens the account page and waits for the profile (GET /api/profile) to show `email`. */
async function openAccount(page: Page, email: string) {
  const ui = accountPage(page);
  await page.goto('/account');
  await expect(ui.email).toHaveText(email);
  return ui;
}

/** What a page script asks of `<latch-step-up>`: its `fetch()` or its `requireStepUp()`. */
type PromptCall = { fetch: { url: string; init?: { method?: string; headers?: Record<string, string>; body?: string } } } | { require: { acr?: string; maxAge?: number } };

/** Calls `<latch-step-up>` from the page; answers `status <n>`, `done`, or the rejection's error code. */
function callPrompt(page: Page, call: PromptCall): Promise<string> {
  return page.evaluate(async (call) => {
    await customElements.whenDefined('latch-step-up');
    const prompt = document.querySelector('latch-step-up') as unknown as {
      fetch(url: string, init?: RequestInit): Promise<Response>;
      requireStepUp(options?: { acr?: string; maxAge?: number }): Promise<void>;
    };
    try {
      if ('fetch' in call) return `status ${(await prompt.fetch(call.fetch.url, call.fetch.init)).status}`;
      await prompt.requireStepUp(call.require);
      return 'done';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  }, call);
}

/** The email change started (the step-up, if any, is over): the code sent to the new address finishes it. */
async function confirmNewEmail(ui: ReturnType<typeof accountPage>, email: string): Promise<void> {
  await expect(ui.emailCode).toBeFocused();
  await ui.emailCode.fill(await codeFor(email));
  await ui.confirmEmail.click();
  await expect(ui.result).toHaveText(`Your email is now ${email}.`);
  await expect(ui.email).toHaveText(email);
}

/** Whether focus is inside `<latch-step-up>` (its shadow root or its light DOM form). */
function focusInPrompt(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.closest('latch-step-up') !== null);
}

test.describe('<latch-step-up> on the account page', () => {
  test('a passkey step-up takes one click and two requests, then the email change goes through', async ({ page }) => {
    const { email } = await passkeySession(page);
    const ui = await openAccount(page, email);
    const challenges = recordRequests(page, '/authorize-challenge');
    const puts = recordRequests(page, '/api/email', 'POST');
    // Hold the assertion's verification until the open dialog has been checked.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/authorize-challenge', async (route) => {
      if (route.request().postData()?.includes('"webauthn"')) await held;
      await route.continue();
    });

    const changed = uniqueEmail('changed');
    await ui.newEmail.fill(changed);
    await ui.saveEmail.click();

    await expect(ui.dialog).toBeVisible();
    await expect(ui.reason).toHaveText("This is a sensitive action, so it needs a second check that it's you.");
    expect(await focusInPrompt(page)).toBe(true);
    await expectAccessible(page, 'step-up dialog, passkey');
    release();

    await expect(ui.dialog).toBeHidden();
    await confirmNewEmail(ui, changed);
    // RFC 9470 round trips: the step-up's start (answering the passkey's request options) and its verify.
    expect(challenges).toHaveLength(2);
    expect(challenges[1]?.postData()).toContain('"webauthn"');
    // The start, refused then sent again after the step-up, and the code's verify.
    expect(puts).toHaveLength(3);
    expect(await (await page.request.get('/session')).json()).toMatchObject({ acr: MFA, amr: ['otp', 'hwk', 'user'] });
  });

  test('without a passkey, an emailed code confirms it, a wrong code is announced and kept, all by keyboard', async ({ page }) => {
    const customer = await passwordSession(page, 'stepup-code');
    const ui = await openAccount(page, customer.email);
    const challenges = recordRequests(page, '/authorize-challenge');
    const changed = uniqueEmail('changed');

    await ui.newEmail.focus();
    await page.keyboard.type(changed);
    await page.keyboard.press('Enter');
    await expect(ui.dialog).toBeVisible();
    await expect(ui.prompt.getByText(/^We emailed a code to s•••@example\.com\.$/)).toBeVisible();
    await expect(ui.code).toBeFocused();
    await expect(ui.code).toHaveAttribute('autocomplete', 'one-time-code');
    await expectAccessible(page, 'step-up dialog, email code');

    // Tab and Shift+Tab stay inside the modal dialog.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInPrompt(page), `focus after ${i + 1} Tab`).toBe(true);
    }
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusInPrompt(page), `focus after ${i + 1} Shift+Tab`).toBe(true);
    }

    const code = await codeFor(customer.email);
    expect((await readMailbox(page.request, customer.email))?.purpose).toBe('step_up');
    const wrong = code === '000000' ? '111111' : '000000';
    await ui.code.focus();
    await page.keyboard.type(wrong);
    await page.keyboard.press('Enter');
    await expect(ui.alert).toHaveText(/^That code didn't work\. 4 tries left\.\s?$/);
    await expect(ui.code).toHaveValue(wrong);
    await expect(ui.code).toHaveAttribute('aria-invalid', 'true');
    await expect(ui.code).toBeFocused();
    await expect(ui.dialog).toBeVisible();
    await expectAccessible(page, 'step-up dialog, wrong code');

    await page.keyboard.type(code); // the wrong code is selected: typing replaces it
    await expect(ui.code).toHaveValue(code);
    await page.keyboard.press('Enter');
    await expect(ui.dialog).toBeHidden();
    // The change started: focus moves on to the field for the code sent to the new address.
    await confirmNewEmail(ui, changed);
    expect(challenges.map((request) => request.postData() ?? '')).toEqual([
      expect.stringContaining(`acr_values=${encodeURIComponent(MFA)}`),
      expect.stringContaining(`"code":"${wrong}"`),
      expect.stringContaining(`"code":"${code}"`),
    ]);
    expect(await customer.session()).toMatchObject({ acr: MFA, amr: ['pwd', 'otp'] });
  });

  test('an authenticator app confirms it when payment methods need a recent sign-in', async ({ page }) => {
    const customer = await passwordSession(page, 'stepup-totp');
    const secret = await customer.enrollTotp();
    const ui = await openAccount(page, customer.email);
    await advanceServerClock(E2E_BASE_URL, 301);

    await ui.showCards.click();
    await expect(ui.dialog).toBeVisible();
    await expect(ui.reason).toHaveText(
      "It's been a while since you signed in. To keep your account safe, confirm it's you before you continue.",
    );
    await expect(ui.prompt.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
    await expect(ui.code).toBeFocused();
    await expectAccessible(page, 'step-up dialog, authenticator app');
    // Enrolment used the code of this period; the next one is accepted (±1 step) and not yet spent.
    await ui.code.fill(await totpCode(E2E_BASE_URL, secret, 1));
    await ui.button('Verify').click();

    await expect(ui.result).toHaveText('2 saved cards.');
    await expect(ui.cards).toHaveText(['visa ending 4242', 'mastercard ending 4444']);
    await expect(ui.showCards).toBeFocused();
  });

  test('Escape cancels: the action is not done, the typed email stays, focus goes back', async ({ page }) => {
    const customer = await passwordSession(page, 'stepup-cancel');
    const ui = await openAccount(page, customer.email);
    const puts = recordRequests(page, '/api/email', 'POST');
    const changed = uniqueEmail('kept');
    await ui.newEmail.fill(changed);
    await ui.saveEmail.click();
    await expect(ui.code).toBeFocused();
    await ui.code.fill('12');

    await page.keyboard.press('Escape');
    await expect(ui.dialog).toBeHidden();
    await expect(ui.problem).toHaveText("You didn't confirm it's you, so nothing was changed.");
    await expect(ui.newEmail).toHaveValue(changed);
    await expect(ui.saveEmail).toBeFocused();
    expect(puts).toHaveLength(1);
    expect((await (await page.request.get('/api/profile')).json()).email).toBe(customer.email);
    await expectAccessible(page, 'step-up cancelled');

    // Asked again within the resend cooldown: a new prompt, an empty field, and the code already
    // emailed still works (no second mail).
    const code = await codeFor(customer.email);
    await ui.saveEmail.click();
    await expect(ui.dialog).toBeVisible();
    await expect(ui.code).toHaveValue('');
    await ui.code.fill(code);
    await ui.button('Verify').click();
    await confirmNewEmail(ui, changed);
    expect(puts).toHaveLength(4);
    expect((await readOutbox(page.request)).filter((mail) => mail.to === customer.email && mail.purpose === 'step_up')).toHaveLength(1);
  });

  test('cancelling while the passkey prompt waits ends the ceremony and rejects with LATCH_STEP_UP_CANCELLED', async ({ page }) => {
    const { email, cdp, authenticatorId } = await passkeySession(page);
    // The authenticator now waits for a touch that never comes.
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: false });
    const ui = await openAccount(page, email);
    const challenges = recordRequests(page, '/authorize-challenge');
    const outcome = callPrompt(page, {
      fetch: { url: '/api/email', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"start","email":"never@example.com"}' } },
    });
    await expect(ui.dialog).toBeVisible();
    await expect(ui.button('Use passkey')).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');
    expect(await outcome).toBe('LATCH_STEP_UP_CANCELLED');
    await expect(ui.dialog).toBeHidden();
    expect(challenges).toHaveLength(1);

    expect((await (await page.request.get('/api/profile')).json()).email).toBe(email);
  });

  test('a level the backend cannot reach is unmet: one refusal, no prompt, no loop', async ({ page }) => {
    const customer = await passwordSession(page, 'stepup-unmet');
    const ui = await openAccount(page, customer.email);
    const challenges = recordRequests(page, '/authorize-challenge');
    const deletes = recordRequests(page, '/api/account', 'DELETE');
    // The store's API asks for a hardware-bound key (acr hwk) before deleting; the reference backend never reaches it.
    expect(await callPrompt(page, { fetch: { url: '/api/account', init: { method: 'DELETE' } } })).toBe('LATCH_STEP_UP_UNMET');
    await expect(ui.dialog).toBeHidden();
    expect(challenges).toHaveLength(1);
    expect(challenges[0]?.postData()).toContain('acr_values=urn%3Alatch%3Aacr%3Ahwk');
    expect(deletes).toHaveLength(1);
    expect(await customer.session()).toMatchObject({ active: true });
    await expectAccessible(page, 'step-up unmet');
  });

  test('a resource that refuses again after the step-up is terminal after exactly one retry', async ({ page }) => {
    const customer = await passwordSession(page, 'stepup-stubborn');
    const ui = await openAccount(page, customer.email);
    const gets = recordRequests(page, '/dev/api/stubborn', 'GET');
    const challenges = recordRequests(page, '/authorize-challenge');
    const outcome = callPrompt(page, { fetch: { url: '/dev/api/stubborn' } });
    await expect(ui.code).toBeFocused();
    await ui.code.fill(await codeFor(customer.email));
    await ui.button('Verify').click();
    expect(await outcome).toBe('LATCH_STEP_UP_FAILED');
    await expect(ui.dialog).toBeHidden();
    expect(gets).toHaveLength(2);
    expect(challenges).toHaveLength(2);
    expect(await customer.session()).toMatchObject({ acr: MFA });
  });

  test('requireStepUp() asks only when the session falls short', async ({ page }) => {
    const customer = await passwordSession(page, 'stepup-require');
    const ui = await openAccount(page, customer.email);
    const challenges = recordRequests(page, '/authorize-challenge');
    const require = (options: { acr?: string; maxAge?: number }) => callPrompt(page, { require: options });

    // A password sign-in has 1fa: nothing is sent, nothing opens.
    expect(await require({ acr: 'urn:latch:acr:1fa' })).toBe('done');
    expect(challenges).toHaveLength(0);
    // Freshness is the backend's to judge, on its clock: one request, answered at once, no prompt.
    expect(await require({ acr: 'urn:latch:acr:1fa', maxAge: 300 })).toBe('done');
    expect(challenges).toHaveLength(1);
    await expect(ui.dialog).toBeHidden();

    // mfa is more than the session has: the prompt opens, and the code satisfies it.
    const stepped = require({ acr: MFA });
    await expect(ui.code).toBeFocused();
    await ui.code.fill(await codeFor(customer.email));
    await ui.button('Verify').click();
    expect(await stepped).toBe('done');
    expect(challenges).toHaveLength(3);

    // Now it satisfies mfa: again nothing opens.
    expect(await require({ acr: MFA })).toBe('done');
    expect(await require({ acr: MFA, maxAge: 300 })).toBe('done');
    expect(challenges).toHaveLength(4);
    await expect(ui.dialog).toBeHidden();

    // Older than max_age by the backend's clock: asked again, though this browser's clock is behind it.
    await advanceServerClock(E2E_BASE_URL, 301);
    const stale = require({ maxAge: 300 });
    await expect(ui.dialog).toBeVisible();
    await ui.button('Cancel').click();
    expect(await stale).toBe('LATCH_STEP_UP_CANCELLED');
  });

  test('on a page of its own under the strict CSP, "Try another way" switches to a recovery code', async ({ page }) => {
    const customer = await passwordSession(page, 'stepup-csp');
    const [recovery] = await customer.newRecoveryCodes();
    await servePage(page, '/step-up-test.html', '<latch-step-up issuer="/" client-id="latchkey-demo"></latch-step-up>');
    await page.goto('/step-up-test.html');
    const ui = accountPage(page);
    const outcome = callPrompt(page, { require: { acr: MFA } });
    await expect(ui.code).toBeFocused();
    await ui.button('Try another way').click();
    await expect(ui.button('Try another way')).toHaveAttribute('aria-expanded', 'true');
    await expectAccessible(page, 'step-up, other ways open');
    await ui.button('Use a recovery code').click();
    const field = ui.prompt.getByLabel('Recovery code', { exact: true });
    await expect(field).toBeFocused();
    await expectAccessible(page, 'step-up, recovery code');
    await field.fill(` ${recovery!.toUpperCase()} `);
    await ui.button('Verify').click();
    expect(await outcome).toBe('done');
    await expect(ui.dialog).toBeHidden();
    expect(await customer.session()).toMatchObject({ acr: MFA, amr: ['pwd', 'kba'] });
  });
});

test.describe('acr levels compare by acr_values_supported, weakest first (profile §12.1a)', () => {
  test('a session at mfa meets a request for 1fa: no prompt, no step-up request, and the API that needs 1fa answers', async ({ page }) => {
    const customer = await passwordSession(page, 'acr-stronger');
    expect((await customer.stepUp({ acr_values: MFA })).body).toMatchObject({ error: 'insufficient_authorization' });
    const code = (await readMailbox(page.request, customer.email))!.code!;
    expect((await customer.step({ type: 'email_otp', action: 'verify', code })).status).toBe(200);
    expect(await customer.session()).toMatchObject({ active: true, acr: MFA });

    const ui = await openAccount(page, customer.email);
    const challenges = recordRequests(page, '/authorize-challenge');
    expect(await callPrompt(page, { require: { acr: 'urn:latch:acr:1fa' } })).toBe('done');
    expect(challenges).toHaveLength(0);
    await expect(ui.dialog).toBeHidden();
    // The backend compares the same way: GET /api/profile needs 1fa, and mfa is stronger.
    expect((await page.request.get('/api/profile')).status()).toBe(200);
  });

  test('a session at 1fa asked for mfa gets the prompt, and the API that needs mfa refuses it', async ({ page }) => {
    const customer = await passwordSession(page, 'acr-weaker');
    const ui = await openAccount(page, customer.email);
    const challenges = recordRequests(page, '/authorize-challenge');
    const outcome = callPrompt(page, { require: { acr: MFA } });
    await expect(ui.dialog).toBeVisible();
    expect(challenges[0]?.postData()).toContain('acr_values=urn%3Alatch%3Aacr%3Amfa');
    const refused = await page.request.post('/api/email', { data: { action: 'start', email: uniqueEmail('acr-refused') } });
    expect(refused.status()).toBe(401);
    expect(refused.headers()['www-authenticate']).toContain('acr_values="urn:latch:acr:mfa"');
    await ui.button('Cancel').click();
    expect(await outcome).toBe('LATCH_STEP_UP_CANCELLED');
  });
});
