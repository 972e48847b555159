import type { Page } from '@playwright/test';
import { encode } from 'uqr';
import { advanceServerClock, E2E_BASE_URL, HttpCustomer, PASSWORD, readSms, totpCode, uniqueEmail, uniquePhone } from './support/backend.js';
import { reachPasswordStep, submitEmail } from './support/flows.js';
import { expect, expectAccessible, expectCleanPage, instrumentPage, test, widget } from './support/widget.js';

// Account security end to end on the demo's /security page (strict CSP, like every demo page): the customer
// sets up an authenticator app, a phone and recovery codes through <latch-security>, and the next sign-in
// in <latch-login> asks for them.

/** The parts of `<latch-security>` a user sees. */
function securityPage(page: Page) {
  const root = page.locator('latch-security');
  const section = (name: string) => root.getByRole('region', { name, exact: true });
  return {
    root,
    totp: section('Authenticator app'),
    phone: section('Text message codes'),
    codes: section('Recovery codes'),
    code: root.getByLabel('Code', { exact: true }),
    button: (name: string) => root.getByRole('button', { name, exact: true }),
    // Its own live regions come first; the embedded <latch-passkeys> has its own after them.
    status: root.locator('.live[role="status"]').first(),
    alert: root.locator('.live[role="alert"]').first(),
  };
}

/** A new password account, signed up (and so signed in, its device remembered) in the page's browser. */
async function signedUp(page: Page, prefix: string): Promise<HttpCustomer> {
  const customer = new HttpCustomer(page.request, uniqueEmail(prefix), E2E_BASE_URL);
  expect((await customer.signUp()).status).toBe(200);
  return customer;
}

/** Signs out in `<latch-login>` on the store page. */
async function signOut(page: Page): Promise<void> {
  const ui = widget(page);
  await page.goto('/');
  await expect(ui.heading).toHaveText("You're signed in");
  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');
}

/** Email → "Use another method" → "Use my password" → the password, submitted. */
async function signInWithPassword(page: Page, email: string): Promise<void> {
  const ui = widget(page);
  await submitEmail(page, email);
  // Where this browser signed in with the password before, its step comes first (docs/protocol.md §19.1).
  await reachPasswordStep(page);
  await ui.password.fill(PASSWORD);
  await ui.button('Sign in').click();
}

/** The `reason` of every second-factor step the backend answered (FiPA `insufficient_authorization`). */
/** Presses Tab until `target` has focus (at most `limit` times), as a keyboard user gets there. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  await expect(target).toBeFocused();
}

async function session(page: Page): Promise<Record<string, unknown>> {
  return (await (await page.request.get('/session')).json()) as Record<string, unknown>;
}

async function factors(page: Page): Promise<Record<string, unknown>> {
  return (await (await page.request.get('/factors')).json()) as Record<string, unknown>;
}

test.describe('<latch-security> on the security page', () => {
  test('an authenticator app set up from the QR code page is asked for at the next password sign-in', async ({ page }) => {
    const customer = await signedUp(page, 'sec-totp');
    await page.goto('/security');
    const ui = securityPage(page);
    await expect(ui.totp.getByText('Off', { exact: true })).toBeVisible();
    await expectAccessible(page, 'security settings');

    // What the backend sent, read on the way through (the page gets the very same response).
    let enrollment!: { secret: string; otpauth_uri: string };
    await page.route('**/factors/totp', async (route) => {
      const response = await route.fetch();
      if (route.request().method() === 'POST' && route.request().postData()?.includes('"start"')) enrollment = await response.json();
      await route.fulfill({ response });
    });
    await ui.button('Set up an authenticator app').click();
    const qr = ui.totp.getByRole('img', { name: 'QR code to scan with your authenticator app' });
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((element) => element.tagName.toLowerCase())).toBe('svg');
    // The QR code is the otpauth:// URI the backend sent, drawn in the page (ECC M, 4-module quiet zone).
    const { data, size } = encode(enrollment.otpauth_uri, { ecc: 'M', border: 4 });
    await expect(qr).toHaveAttribute('viewBox', `0 0 ${size} ${size}`);
    const dark = new Set(data.flatMap((row, y) => row.flatMap((on, x) => (on ? [`${x},${y}`] : []))));
    const drawn = new Set([...((await qr.locator('path').getAttribute('d')) ?? '').matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`));
    expect(drawn).toEqual(dark);
    // The manual key is read off the page, and it is the secret the QR code carries.
    const key = (await ui.totp.locator('[data-secret]').innerText()).replace(/\s/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    expect(new URL(enrollment.otpauth_uri).searchParams.get('secret')).toBe(key);
    await expect(ui.code).toBeFocused();
    await expectAccessible(page, 'authenticator app setup');

    await ui.code.fill(await totpCode(E2E_BASE_URL, key));
    await ui.button('Verify').click();
    await expect(ui.status).toHaveText(/^Authenticator app set up\. You can use its codes to confirm it’s you\.\s?$/);
    await expect(ui.totp.getByText('On', { exact: true })).toBeVisible();
    await expect(qr).toHaveCount(0);
    await expect(ui.totp.getByRole('heading', { name: 'Authenticator app' })).toBeFocused();
    expect(await factors(page)).toMatchObject({ totp: true });
    await expectAccessible(page, 'authenticator app on');

    await signOut(page);
    await advanceServerClock(E2E_BASE_URL, 30); // the setup spent this period's code
    const login = widget(page);
    await signInWithPassword(page, customer.email);
    await expect(login.heading).toHaveText("Confirm it's you");
    // The words of the backend's reason `mfa_enrolled` (each reason has its own), as the customer reads them.
    await expect(login.root.getByText('Your account has two-step verification turned on.')).toBeVisible();
    await expect(login.root.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
    await login.code.fill(await totpCode(E2E_BASE_URL, key));
    await login.button('Verify').click();
    await expect(login.heading).toHaveText("You're signed in");
    expect(await session(page)).toMatchObject({ active: true, acr: 'urn:latch:acr:mfa', amr: ['pwd', 'otp'] });
  });

  test('a phone added by keyboard alone, with the texted code, is offered at the next sign-in', async ({ page }) => {
    const customer = await signedUp(page, 'sec-phone');
    const phone = uniquePhone();
    await page.goto('/security');
    const ui = securityPage(page);
    const add = ui.button('Add a phone number');
    await expect(add).toBeVisible();

    await tabTo(page, add);
    await page.keyboard.press('Enter');
    const number = ui.root.getByLabel('Mobile number', { exact: true });
    await expect(number).toBeFocused();
    await expect(number).toHaveAttribute('autocomplete', 'tel');
    await expectAccessible(page, 'phone number form');
    await page.keyboard.type(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
    await page.keyboard.press('Enter');

    await expect(ui.phone.getByText(`We texted a code to •••${phone.slice(-4)}.`, { exact: true })).toBeVisible();
    await expect(ui.code).toBeFocused();
    await expect(ui.code).toHaveAttribute('autocomplete', 'one-time-code');
    await expectAccessible(page, 'phone code form');
    let sms: Awaited<ReturnType<typeof readSms>>;
    await expect.poll(async () => (sms = await readSms(page.request, phone))?.purpose).toBe('verify_phone');
    expect(sms!.text).toBe(`Your Latchkey code is ${sms!.code}.\n\n@localhost #${sms!.code}`);
    await page.keyboard.type(sms!.code!);
    await page.keyboard.press('Enter');

    await expect(ui.status).toHaveText(/^Phone number added\.\s?$/);
    await expect(ui.phone.getByText(`Codes are texted to •••${phone.slice(-4)}.`, { exact: true })).toBeVisible();
    await expect(ui.phone.getByRole('heading', { name: 'Text message codes' })).toBeFocused();
    expect(await factors(page)).toMatchObject({ phone: { hint: `•••${phone.slice(-4)}` } });
    await expectAccessible(page, 'phone on');

    await signOut(page);
    const login = widget(page);
    await signInWithPassword(page, customer.email);
    await expect(login.heading).toHaveText("Confirm it's you");
    await expect(login.root.getByText(`We texted a code to •••${phone.slice(-4)}.`)).toBeVisible();
    await expect(login.code).toBeFocused();
    await expect.poll(async () => (sms = await readSms(page.request, phone))?.purpose).toBe('sign_in');
    await login.code.fill(sms!.code!);
    await login.button('Verify').click();
    await expect(login.heading).toHaveText("You're signed in");
    expect(await session(page)).toMatchObject({ active: true, amr: ['pwd', 'sms'] });
  });

  test('recovery codes are shown once, one of them signs in on a new device, and the count drops', async ({ page, browser }) => {
    const customer = await signedUp(page, 'sec-codes');
    await page.goto('/security');
    const ui = securityPage(page);
    await expect(ui.codes.getByText('You have no recovery codes.')).toBeVisible();
    await ui.button('Create recovery codes').click();

    const list = ui.codes.getByRole('list', { name: 'Your recovery codes' });
    await expect(list).toBeFocused();
    await expect(list.getByRole('listitem')).toHaveCount(10);
    const codes = await list.getByRole('listitem').allInnerTexts();
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}$/i);
    expect(new Set(codes).size).toBe(10);
    await expect(ui.codes.getByText('Save these codes now. They will not be shown again.')).toBeVisible();
    await expectAccessible(page, 'recovery codes shown');
    expect(await factors(page)).toMatchObject({ recovery_codes_remaining: 10 });

    await ui.button('I have saved them').click();
    await expect(list).toHaveCount(0);
    await expect(ui.button('Create new codes')).toBeFocused();
    await expect(ui.codes.getByText('10 unused codes left.')).toBeVisible();

    // Not shown again, not even after a reload: only their hashes exist anywhere.
    await page.reload();
    await expect(ui.codes.getByText('10 unused codes left.')).toBeVisible();
    await expect(list).toHaveCount(0);
    expect(await page.content()).not.toContain(codes[0]);
    await expectAccessible(page, 'recovery codes remaining');

    // Another browser: a new device, so the password needs a second factor; a recovery code is one.
    const context = await browser.newContext();
    const other = await context.newPage();
    const guard = await instrumentPage(other);
    const login = widget(other);
    await other.goto('/');
    await signInWithPassword(other, customer.email);
    await expect(login.heading).toHaveText("New device: confirm it's you");
    await login.button('Try another way').click();
    await login.button('Use a recovery code').click();
    await login.root.getByLabel('Recovery code', { exact: true }).fill(codes[3]!);
    await login.button('Verify').click();
    await expect(login.heading).toHaveText("You're signed in");
    expect(await session(other)).toMatchObject({ active: true, amr: ['pwd', 'kba'] });
    await expectCleanPage(other, guard);
    await context.close();

    await page.reload();
    await expect(ui.codes.getByText('9 unused codes left.')).toBeVisible();
    expect(await factors(page)).toMatchObject({ recovery_codes_remaining: 9 });
    await expectAccessible(page, 'one recovery code used');
  });
});
