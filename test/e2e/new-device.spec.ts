import { test as httpTest, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { answer, E2E_BASE_URL, HttpCustomer, newBrowser, readMailbox, readOutbox, uniqueEmail, type Answer, type DevMail } from './support/backend.js';
import { codeFor, enrolPasskey, signUpWithEmailCode, submitEmail } from './support/flows.js';
import { addVirtualAuthenticator, expect, expectAccessible, expectCleanPage, instrumentPage, test, widget, useBrowserLayer } from './support/widget.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

// A sign-in from a browser the account had not used before (docs/protocol.md §26.4): the widget says so, the
// owner gets an email with when, what and where, and its "This wasn't me" link, once confirmed, signs out every
// session of the account (each device's session watcher notices), forgets the new browser, and says what it did.
// Two browser contexts are two devices: each has its own `latch_device` cookie.

const NOTICE = /^You signed in on a new device\. We sent an email about it to .+: if it wasn't you, its link signs out every session\.$/;

/** The account's new-device mails, newest first. */
async function newDeviceMails(email: string): Promise<DevMail[]> {
  return (await readOutbox(E2E_BASE_URL)).filter((mail) => mail.to === email && mail.purpose === 'new_device');
}

function notMeLink(mail: DevMail): string {
  const link = /http:\/\/\S+\/new-device\/not-me\?token=[\w-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no "This wasn't me" link in: ${mail.text}`);
  return link;
}

/** Signs an existing customer in by emailed code on `page` (their first method on any browser). */
async function signInByCode(page: Page, email: string): Promise<void> {
  const ui = widget(page);
  const previous = (await readOutbox(E2E_BASE_URL)).find((mail) => mail.to === email && mail.code)?.code ?? undefined;
  await submitEmail(page, email);
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeFor(email, previous));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
}

/** A second device: a browser context of its own, its page guarded like the test's own. */
async function otherDevice(browser: Browser) {
  const context = await browser.newContext();
  await recordSignedIn(context);
  const page = await context.newPage();
  const guard = await instrumentPage(page);
  return { page, done: async () => (await expectCleanPage(page, guard), await context.close()) };
}

/** The session watcher's check when the page comes back into view, then its "session ended" dialog dismissed. */
async function expectSignedOutByWatcher(page: Page): Promise<void> {
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  const dialog = page.locator('latch-session-timeout').getByRole('alertdialog');
  await expect(dialog).toContainText('Your session ended. Sign in again to continue.');
  await dialog.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(widget(page).heading).toHaveText('Sign in to Acme');
}

test.describe('new-device notice and "This wasn\'t me"', () => {
  test('a second device gets the notice and the owner the email; "This wasn\'t me" signs both out and forgets it', async ({ page, browser }) => {
    const email = uniqueEmail('new-device');
    const ui = widget(page);
    await page.goto('/');
    // The sign-up is the account's first sign-in: no device was remembered before, so nothing is new.
    await signUpWithEmailCode(page, email);
    await expect(ui.root.locator('[part~="new-device"]')).toHaveCount(0);
    expect(await newDeviceMails(email)).toEqual([]);

    const b = await otherDevice(browser);
    await b.page.goto('/');
    await signInByCode(b.page, email);
    const bui = widget(b.page);
    await expect(bui.root.locator('[part~="new-device"]')).toHaveText(NOTICE);
    await expect(bui.root.locator('[part~="new-device"]')).toContainText(email);
    await expect(bui.root.locator('[part~="last-sign-in"]')).toContainText(/^Last signed in 1 minute ago on Chrome, Linux, near Lisbon, Portugal\./);
    await expectAccessible(b.page, 'signed in on a new device');
    expect((await latchSignedIn(b.page)).newDevice).toBe(true);

    await expect.poll(async () => (await newDeviceMails(email)).length).toBe(1);
    const [mail] = await newDeviceMails(email);
    expect(mail!.subject).toBe('New sign-in to your Acme account');
    expect(mail!.text).toMatch(/^When: \d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);
    expect(mail!.text).toMatch(/^Device: Chrome \d+ on Linux$/m);
    expect(mail!.text).toContain('Approximate location: Lisbon, Portugal');
    const link = notMeLink(mail!);

    // The owner opens the link on their own device. Opening it (a mail scanner would too) changes nothing.
    const owner = await page.context().newPage();
    const ownerGuard = await instrumentPage(owner);
    await owner.goto(link);
    await expect(owner.getByRole('heading', { level: 1 })).toHaveText("Wasn't you?");
    await expect(owner.getByText(/^Device: Chrome \d+ on Linux$/)).toBeVisible();
    await expect(owner.getByText(/^Approximate location: Lisbon, Portugal/)).toBeVisible();
    await expectAccessible(owner, '"This wasn\'t me" question');
    expect((await (await b.page.request.get('/session')).json()).active).toBe(true);

    // Keyboard only: Tab to the one button, Enter.
    const confirm = owner.getByRole('button', { name: 'Sign out everywhere' });
    for (let presses = 0; presses < 5 && !(await confirm.evaluate((button) => button === document.activeElement)); presses++) await owner.keyboard.press('Tab');
    await expect(confirm).toBeFocused();
    await owner.keyboard.press('Enter');
    await expect(owner.getByRole('heading', { level: 1 })).toHaveText('Done: every session is signed out');
    await expect(owner.getByText(/including the new one, and forgot that device/)).toBeVisible();
    await expect(owner.getByText(/choose "Forgot password\?"/)).toBeVisible();
    await expectAccessible(owner, '"This wasn\'t me" done');
    await expectCleanPage(owner, ownerGuard);

    // Both devices' sessions ended at the backend, and each page's watcher signs it out.
    expect((await (await page.request.get('/session')).json()).active).toBe(false);
    expect((await (await b.page.request.get('/session')).json()).active).toBe(false);
    await expectSignedOutByWatcher(page);
    await expectSignedOutByWatcher(b.page);

    // The link works once.
    await owner.goto(link);
    await expect(owner.getByRole('heading', { level: 1 })).toHaveText('This link no longer works');
    const replay = await page.request.post('/new-device/not-me', { form: { token: new URL(link).searchParams.get('token')! } });
    expect(replay.status()).toBe(400);

    // The second device was forgotten: signing in there is new again, with a new email.
    await signInByCode(b.page, email);
    await expect(bui.root.locator('[part~="new-device"]')).toHaveText(NOTICE);
    await expect.poll(async () => (await newDeviceMails(email)).length).toBe(2);
    await b.done();
  });

  test('a passkey sign-in on a new device emails too (the passkey copied to a second browser)', async ({ page, browser }) => {
    const { email, credential } = await enrolPasskey(page, 'new-device-passkey');
    const b = await otherDevice(browser);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(b.page);
    await b.page.addInitScript(() => {
      const counted = window as unknown as { __gets: number };
      counted.__gets = 0;
      const get = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = (options?: CredentialRequestOptions) => ((counted.__gets += 1), get(options));
    });
    const ui = widget(b.page);
    await b.page.goto('/');
    // The passkey arrives once the page-load autofill request is out, so it is the button that uses it.
    await expect.poll(() => b.page.evaluate(() => (window as unknown as { __gets: number }).__gets)).toBe(1);
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    await ui.button('Sign in with a passkey').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.locator('[part~="new-device"]')).toHaveText(NOTICE);
    expect((await latchSignedIn(b.page)).newDevice).toBe(true);
    await expect.poll(async () => (await newDeviceMails(email)).length).toBe(1);
    await b.done();
  });

  test('a sign-in on a known device neither emails nor shows the notice; trust-signals can turn it off', async ({ page, browser }) => {
    const email = uniqueEmail('known-device');
    const ui = widget(page);
    await page.goto('/');
    await signUpWithEmailCode(page, email);
    await ui.button('Sign out').click();
    await signInByCode(page, email);
    await expect(ui.root.locator('[part~="last-sign-in"]')).toBeVisible();
    await expect(ui.root.locator('[part~="new-device"]')).toHaveCount(0);
    expect((await latchSignedIn(page)).newDevice).toBeUndefined();

    // On another device with the signal off: the email still goes, the widget shows no notice.
    const b = await otherDevice(browser);
    await b.page.goto('/');
    await b.page.locator('latch-login').evaluate((element) => element.setAttribute('trust-signals', 'last-sign-in'));
    await signInByCode(b.page, email);
    await expect(widget(b.page).root.locator('[part~="last-sign-in"]')).toBeVisible();
    await expect(widget(b.page).root.locator('[part~="new-device"]')).toHaveCount(0);
    expect((await latchSignedIn(b.page)).newDevice).toBe(true);
    await expect.poll(async () => (await newDeviceMails(email)).length).toBe(1);
    await b.done();
  });
});

// Over HTTP only, with no page to guard.
httpTest.describe('new-device notice on the wire', () => {
  httpTest('the success response and a session started from its token both carry last_sign_in and new_device', async () => {
    const email = uniqueEmail('new-device-wire');
    const first = new HttpCustomer(await newBrowser(E2E_BASE_URL), email, E2E_BASE_URL);
    const signedUp = await first.signUp();
    expect(signedUp.status).toBe(200);
    expect(signedUp.body).not.toHaveProperty('last_sign_in');
    expect(signedUp.body).not.toHaveProperty('new_device');

    // Another browser: a new device, so the password is followed by the emailed code (the risk rule, §13).
    const second = new HttpCustomer(await newBrowser(E2E_BASE_URL), email, E2E_BASE_URL);
    let done: Answer = await second.signInWithPassword();
    if (done.status === 400) done = await second.step({ type: 'email_otp', action: 'verify', code: (await readMailbox(E2E_BASE_URL, email))!.code! });
    expect(done.status).toBe(200);
    expect(done.body.new_device).toBe(true);
    const lastSignIn = done.body.last_sign_in as { at: number; method?: string; device?: { location?: unknown } };
    expect(lastSignIn.at).toBeGreaterThan(0);
    expect(lastSignIn.method).toBe('email_otp');
    expect(lastSignIn.device?.location).toEqual({ city: 'Lisbon', country: 'PT' });
    expect((await second.session()).new_device).toBe(true);
    // A password sign-in from a new device emails the owner as well.
    await expect.poll(async () => (await newDeviceMails(email)).length).toBe(1);

    // A redirect sign-in's session starts from its access token (§4): it answers the notice of that sign-in.
    const tokens = await second.redeem(done.body.authorization_code as string);
    const elsewhere = await newBrowser(E2E_BASE_URL);
    const started = await answer(
      await elsewhere.post('/session', { headers: { authorization: `Bearer ${tokens.body.access_token as string}`, origin: E2E_BASE_URL } }),
    );
    expect(started.status).toBe(200);
    expect(started.body.new_device).toBe(true);
    expect(started.body.last_sign_in).toEqual(lastSignIn);
    await Promise.all([first.request.dispose(), second.request.dispose(), elsewhere.dispose()]);
  });
});

/** The detail of the page's last `latch-signed-in` event, as the page's own listener would see it. */
async function latchSignedIn(page: Page): Promise<{ newDevice?: boolean; lastSignIn?: { at: number } }> {
  return page.evaluate(() => (window as unknown as { __lastSignedIn: { newDevice?: boolean; lastSignIn?: { at: number } } }).__lastSignedIn);
}

/** Keeps the detail of each `latch-signed-in` event where {@link latchSignedIn} reads it. */
async function recordSignedIn(context: BrowserContext): Promise<void> {
  await context.addInitScript(() =>
    document.addEventListener('latch-signed-in', (event) => {
      const { newDevice, lastSignIn } = (event as CustomEvent<{ newDevice?: boolean; lastSignIn?: { at: number } }>).detail;
      (window as unknown as { __lastSignedIn: unknown }).__lastSignedIn = { newDevice, lastSignIn };
    }),
  );
}

test.beforeEach(async ({ context }) => {
  await recordSignedIn(context);
});
