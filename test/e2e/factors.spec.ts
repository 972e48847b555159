import type { APIRequestContext, Page } from '@playwright/test';
import {
  advanceServerClock,
  E2E_BASE_URL,
  HttpCustomer,
  PASSWORD,
  readSms,
  totpCode,
  uniqueEmail,
  uniquePhone,
} from './support/backend.js';
import { codeFor, reachPasswordStep, submitEmail } from './support/flows.js';
import { expect, expectAccessible, latchEvents, test, widget } from './support/widget.js';

// Second factors in <latch-login> after a password (docs/protocol.md §13): the backend's risk rules ask for
// one, the widget says why in plain words, and any of the account's other factors finishes the sign-in.
// Each account is created through `request`, a browser of its own: to the test page it is a new device.

const NEW_DEVICE = "New device: confirm it's you";

/** A password account created (and its device remembered) in `request`'s browser. */
async function accountElsewhere(request: APIRequestContext, prefix: string): Promise<HttpCustomer> {
  const customer = new HttpCustomer(request, uniqueEmail(prefix), E2E_BASE_URL);
  expect((await customer.signUp()).status).toBe(200);
  return customer;
}

/** Email → "Use another method" → "Use my password" → the password, submitted. */
async function signInWithPassword(page: Page, email: string, password = PASSWORD): Promise<void> {
  const ui = widget(page);
  await submitEmail(page, email);
  // Where this browser signed in with the password before, its step comes first (docs/protocol.md §19.1).
  await reachPasswordStep(page);
  await ui.password.fill(password);
  await ui.button('Sign in').click();
}

/** The session the page's browser holds. */
async function session(page: Page): Promise<Record<string, unknown>> {
  return (await (await page.request.get('/session')).json()) as Record<string, unknown>;
}

test.describe('<latch-login> second factors', () => {
  test('a new device is told why, confirms with an emailed code (a wrong one kept and announced), and is remembered', async ({ page, request }) => {
    const customer = await accountElsewhere(request, 'newdevice');
    const ui = widget(page);
    await page.goto('/');
    await signInWithPassword(page, customer.email);

    await expect(ui.heading).toHaveText(NEW_DEVICE);
    await expect(ui.root.getByText("We don't recognise this device, so we need a second check before you sign in.")).toBeVisible();
    await expect(ui.root.getByText(/^We emailed a code to n•••@example\.com\.$/)).toBeVisible();
    await expect(ui.code).toBeFocused();
    await expect(ui.code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(await session(page)).toEqual({ active: false });
    await expectAccessible(page, 'second factor, email code');

    const code = await codeFor(customer.email);
    const wrong = code === '000000' ? '111111' : '000000';
    await ui.code.fill(wrong);
    await ui.button('Verify').click();
    await expect(ui.alert).toHaveText(/^That code didn't work\. 4 tries left\.\s?$/);
    await expect(ui.code).toHaveValue(wrong);
    await expect(ui.code).toHaveAttribute('aria-invalid', 'true');
    await expect(ui.code).toBeFocused();
    await expect(ui.heading).toHaveText(NEW_DEVICE);
    await expectAccessible(page, 'second factor, wrong code');

    await ui.code.fill(code);
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    expect(await session(page)).toMatchObject({ active: true, user: { email: customer.email }, acr: 'urn:latch:acr:mfa', amr: ['pwd', 'otp'] });
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-signed-in')).toHaveLength(1);

    // This browser is now one of the account's devices: the password alone is enough.
    await ui.button('Sign out').click();
    await signInWithPassword(page, customer.email);
    await expect(ui.heading).toHaveText("You're signed in");
    expect(await session(page)).toMatchObject({ amr: ['pwd'] });
  });

  test('after several failed attempts a correct password still needs a second factor', async ({ page, request }) => {
    const customer = await accountElsewhere(request, 'failures');
    const ui = widget(page);
    await page.goto('/');
    await signInWithPassword(page, customer.email, 'not the password at all');
    await expect(ui.alert).toHaveText(/don't match/);
    for (const attempt of ['still not the password', 'nor is this the password']) {
      await ui.password.fill(attempt);
      await ui.button('Sign in').click();
      await expect(ui.alert).toHaveText(/don't match/);
    }
    await ui.password.fill(PASSWORD);
    await ui.button('Sign in').click();

    await expect(ui.heading).toHaveText("Confirm it's you");
    await expect(
      ui.root.getByText('Someone tried to sign in to your account several times without success, so we need a second check.'),
    ).toBeVisible();
    await expectAccessible(page, 'second factor, many failures');
    await ui.code.fill(await codeFor(customer.email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    expect(await session(page)).toMatchObject({ active: true, amr: ['pwd', 'otp'] });
  });

  test('an authenticator app is the second factor, with codes from the backend\'s clock', async ({ page, request }) => {
    const customer = await accountElsewhere(request, 'totp');
    const secret = await customer.enrollTotp();
    await advanceServerClock(E2E_BASE_URL, 30); // the enrolment spent this period's code
    const ui = widget(page);
    await page.goto('/');
    await signInWithPassword(page, customer.email);

    await expect(ui.heading).toHaveText(NEW_DEVICE);
    await expect(ui.root.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
    await expect(ui.code).toBeFocused();
    await expect(ui.button('Send a new code')).toHaveCount(0);
    await expectAccessible(page, 'second factor, authenticator app');
    await ui.code.fill(await totpCode(E2E_BASE_URL, secret));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    expect(await session(page)).toMatchObject({ acr: 'urn:latch:acr:mfa', amr: ['pwd', 'otp'] });

    // On a remembered device, an account with an authenticator app still asks for it, and says why.
    await ui.button('Sign out').click();
    await advanceServerClock(E2E_BASE_URL, 30);
    await signInWithPassword(page, customer.email);
    await expect(ui.heading).toHaveText("Confirm it's you");
    await expect(ui.root.getByText('Your account has two-step verification turned on.')).toBeVisible();
    await ui.code.fill(await totpCode(E2E_BASE_URL, secret));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
  });

  test('a texted code is the second factor, its last line bound to this site', async ({ page, request }) => {
    const customer = await accountElsewhere(request, 'sms');
    const phone = uniquePhone();
    await customer.enrollPhone(phone);
    const enrolled = (await readSms(request, phone))!.id;
    // Observe the page's WebOTP requests (the real API is still called; Chromium cannot deliver a text message).
    await page.addInitScript(() => {
      const calls: Array<{ transport: unknown; aborted: boolean }> = [];
      (window as unknown as { __webOtp: typeof calls }).__webOtp = calls;
      const get = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = (options?: CredentialRequestOptions) => {
        const otp = (options as { otp?: { transport?: unknown } } | undefined)?.otp;
        if (otp) {
          const call = { transport: otp.transport, aborted: false };
          calls.push(call);
          options?.signal?.addEventListener('abort', () => (call.aborted = true));
        }
        return get(options);
      };
    });
    const webOtp = () => page.evaluate(() => (window as unknown as { __webOtp: unknown[] }).__webOtp);
    const ui = widget(page);
    await page.goto('/');
    await signInWithPassword(page, customer.email);

    await expect(ui.heading).toHaveText(NEW_DEVICE);
    await expect(ui.root.getByText(`We texted a code to •••${phone.slice(-4)}.`)).toBeVisible();
    await expect(ui.code).toBeFocused();
    // WebOTP asks the browser for the texted code while the step is shown, and stops once the user types.
    await expect.poll(webOtp).toEqual([{ transport: ['sms'], aborted: false }]);
    await expectAccessible(page, 'second factor, text message');
    let sms: Awaited<ReturnType<typeof readSms>>;
    await expect.poll(async () => (sms = await readSms(request, phone))?.id).not.toBe(enrolled);
    expect(sms!.purpose).toBe('sign_in');
    // WebOTP's origin-bound line (WICG sms-one-time-codes): `@` the widget's host, ` #` the code.
    expect(sms!.text).toBe(`Your Latchkey code is ${sms!.code}.\n\n@localhost #${sms!.code}`);
    await ui.code.pressSequentially(sms!.code!);
    await expect.poll(webOtp).toEqual([{ transport: ['sms'], aborted: true }]);
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    expect(await session(page)).toMatchObject({ acr: 'urn:latch:acr:mfa', amr: ['pwd', 'sms'] });
  });

  test('"Try another way" lists the other factors, strongest first, and a recovery code finishes the sign-in', async ({ page, request }) => {
    const customer = await accountElsewhere(request, 'recovery');
    await customer.enrollTotp();
    const codes = await customer.newRecoveryCodes();
    const ui = widget(page);
    await page.goto('/');
    await signInWithPassword(page, customer.email);
    await expect(ui.heading).toHaveText(NEW_DEVICE);
    await expect(ui.root.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();

    const another = ui.button('Try another way');
    await expect(another).toHaveAttribute('aria-expanded', 'false');
    await another.click();
    await expect(another).toHaveAttribute('aria-expanded', 'true');
    const others = ui.root.getByRole('list', { name: 'Other ways to confirm it’s you' });
    await expect(others.getByRole('button')).toHaveText(['Email me a code', 'Use a recovery code']);
    await expectAccessible(page, 'second factor, other ways');

    await others.getByRole('button', { name: 'Email me a code' }).click();
    await expect(ui.root.getByText(/^We emailed a code to r•••@example\.com\.$/)).toBeVisible();
    await expect(ui.code).toBeFocused();
    await expect(ui.heading).toHaveText(NEW_DEVICE);

    await ui.button('Try another way').click();
    await expect(others.getByRole('button')).toHaveText(['Use your authenticator app', 'Use a recovery code']);
    await others.getByRole('button', { name: 'Use a recovery code' }).click();
    const recovery = ui.root.getByLabel('Recovery code', { exact: true });
    await expect(recovery).toBeFocused();
    await expectAccessible(page, 'second factor, recovery code');
    await recovery.fill('zzzz-zzzz');
    await ui.button('Verify').click();
    await expect(ui.alert).not.toHaveText('');
    await expect(recovery).toHaveValue('zzzz-zzzz');
    await expectAccessible(page, 'second factor, wrong recovery code');
    await recovery.fill(codes[0]!.toUpperCase().replace('-', ' - '));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    expect(await session(page)).toMatchObject({ acr: 'urn:latch:acr:mfa', amr: ['pwd', 'kba'] });
  });
});
