import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as httpTest, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import {
  advanceServerClock,
  E2E_BASE_URL,
  HttpCustomer,
  newBrowser,
  readOutbox,
  type Answer,
} from './support/backend.js';
import { SideBySide, stepOf } from './support/enumeration.js';
import { submitEmail } from './support/flows.js';
import { startSpareBackend } from './support/spare-backend.js';
import { expectAccessible, expectCleanPage, instrumentPage, latchEvents, test, widget, type Guard, useBrowserLayer } from './support/widget.js';

// The full build: the identifier page's passkey autofill runs while the link is awaited, and the tests count the
// challenge endpoint's answers, which differ where autofill cannot run (the headless shell: one more 400).
useBrowserLayer();

// Email links (docs/protocol.md §20) against the reference backend, which always mails links to addresses at
// `links.test`: over HTTP (prefetching, replay, an older link, another device, enumeration), then in the widget.

/** A fresh address the backend mails links to. */
function linkEmail(prefix = 'link'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@links.test`;
}

/** The newest mail to `email`, with the link it carries (or `null`), waiting for one other than `previous`. */
async function mailTo(email: string, previous?: string, baseURL = E2E_BASE_URL): Promise<{ purpose: string; link: string | null; text: string }> {
  let found: { purpose: string; link?: string | null; text: string } | undefined;
  await expect
    .poll(async () => {
      found = (await readOutbox(baseURL)).find((mail) => mail.channel === 'email' && mail.to === email);
      return found !== undefined && (found as { link?: string | null }).link !== previous;
    })
    .toBe(true);
  return { purpose: found!.purpose, link: found!.link ?? null, text: found!.text };
}

async function linkFor(email: string, previous?: string, baseURL = E2E_BASE_URL): Promise<string> {
  const { link } = await mailTo(email, previous, baseURL);
  expect(link, 'the mail carries a link').toMatch(/\/link\?token=[\w-]{43}$/);
  return link!;
}

/** The landing page's button, pressed from `browser` (a cookie jar): the form's POST. */
function pressButton(browser: APIRequestContext, link: string): Promise<APIResponse> {
  const token = new URL(link).searchParams.get('token')!;
  return browser.post('/link', { form: { token }, headers: { 'Sec-Fetch-Site': 'same-origin' } });
}

/** Starts a sign-in for `customer` and asks for a link; answers the `email_link` state. */
async function askForLink(customer: HttpCustomer): Promise<Answer> {
  await customer.start({ login_hint: customer.email });
  return customer.step({ type: 'email_link', action: 'send' });
}

const poll = (customer: HttpCustomer) => customer.step({ type: 'email_link', action: 'poll' });

httpTest.describe('email links over HTTP', () => {
  httpTest('select_method offers email_link in place of email_otp for an address that gets links', async () => {
    const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail(), E2E_BASE_URL);
    const started = await customer.start({ login_hint: customer.email });
    expect(started.body.ciam).toMatchObject({ step: 'select_method', methods: ['passkey', 'password', 'email_link'] });
  });

  httpTest('a link prefetched many times by GET still works once, in the asking browser, and never again', async () => {
    const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail('prefetch'), E2E_BASE_URL);
    const sent = await askForLink(customer);
    expect(sent.status).toBe(400);
    expect(sent.body.ciam).toMatchObject({ step: 'email_link', purpose: 'sign_in', destination_hint: 'p•••@links.test', interval: 3 });
    expect(sent.headers['set-cookie']).toMatch(/^latch_link=[\w-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
    const link = await linkFor(customer.email);

    // A mail gateway's scanner, with its own cookie jar, fetches the link again and again.
    const scanner = await newBrowser(E2E_BASE_URL);
    for (let i = 0; i < 3; i += 1) {
      const fetched = await scanner.get(link);
      expect(fetched.status()).toBe(200);
      expect(await fetched.text()).toContain('<button type="submit" class="primary">Sign in</button>');
    }
    const pending = await poll(customer);
    expect(pending.status, 'a pending poll answers 200').toBe(200);
    const { expires_in: _expiresIn, ...unchanged } = sent.body.ciam as Record<string, unknown>;
    expect(pending.body).toMatchObject({ auth_session: customer.authSession, ciam: unchanged });
    expect(Object.keys(pending.body)).toEqual(['auth_session', 'ciam']);

    const pressed = await pressButton(customer.request, link);
    expect(pressed.status()).toBe(200);
    expect(await pressed.text()).toContain('Email confirmed');
    const done = await poll(customer);
    expect(done.status).toBe(200);
    expect(typeof done.body.authorization_code).toBe('string');
    expect((await customer.redeem(done.body.authorization_code as string)).status).toBe(200);

    // Replay: the button again, and the link's GET, show the page that says it cannot be used.
    const replayed = await pressButton(customer.request, link);
    expect(replayed.status()).toBe(410);
    expect(await replayed.text()).toContain('This link cannot be used');
    expect((await scanner.get(link)).status()).toBe(410);
  });

  httpTest('a newer link kills the older one', async () => {
    const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail('older'), E2E_BASE_URL);
    await askForLink(customer);
    const older = await linkFor(customer.email);
    await advanceServerClock(E2E_BASE_URL, 31);
    const resent = await customer.step({ type: 'email_link', action: 'send' });
    expect(resent.status).toBe(400);
    const newer = await linkFor(customer.email, older);
    expect((await customer.request.get(older)).status()).toBe(410);
    expect((await pressButton(customer.request, older)).status()).toBe(410);
    expect((await poll(customer)).status, 'the refused old link used nothing').toBe(200);
    expect((await pressButton(customer.request, newer)).status()).toBe(200);
    expect(typeof (await poll(customer)).body.authorization_code).toBe('string');
  });

  httpTest('an expired link is refused, and the asking tab hears expired_link', async () => {
    const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail('expired'), E2E_BASE_URL);
    await askForLink(customer);
    const link = await linkFor(customer.email);
    await advanceServerClock(E2E_BASE_URL, 601);
    expect((await customer.request.get(link)).status()).toBe(410);
    expect((await pressButton(customer.request, link)).status()).toBe(410);
    const polled = await poll(customer);
    expect(polled.status).toBe(400);
    expect(polled.body.error).toBe('expired_link');
  });

  httpTest('opened on another device, the link signs in only after its code is typed in the asking browser', async () => {
    const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail('device'), E2E_BASE_URL);
    await askForLink(customer);
    const link = await linkFor(customer.email);
    const phone = await newBrowser(E2E_BASE_URL);
    const opened = await pressButton(phone, link);
    expect(opened.status()).toBe(200);
    const page = await opened.text();
    const code = /<p class="link-code"[^>]*>(\d{6})<\/p>/.exec(page)?.[1];
    expect(code, 'the other device shows a code').toBeDefined();
    // A third device gets nothing more.
    expect((await pressButton(await newBrowser(E2E_BASE_URL), link)).status()).toBe(410);

    const asked = await poll(customer);
    expect(asked.status).toBe(200);
    expect(asked.body.ciam).toMatchObject({ step: 'email_link', confirmation: { code_length: 6, attempts_remaining: 5 } });
    const wrong = await customer.step({ type: 'email_link', action: 'confirm', code: code === '000000' ? '111111' : '000000' });
    expect(wrong.body).toMatchObject({ error: 'invalid_code', attempts_remaining: 4 });
    const right = await customer.step({ type: 'email_link', action: 'confirm', code: code! });
    expect(right.status).toBe(200);
    expect((await customer.redeem(right.body.authorization_code as string)).status).toBe(200);
  });

  httpTest('a link requested by someone else and opened by the mailbox owner does not sign the requester in', async () => {
    // The attacker asks for a link to the victim's address; the victim clicks it in their own browser.
    const attacker = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail('victim'), E2E_BASE_URL);
    await askForLink(attacker);
    const victim = await newBrowser(E2E_BASE_URL);
    expect((await pressButton(victim, await linkFor(attacker.email))).status()).toBe(200);
    const polled = await poll(attacker);
    expect(polled.status).toBe(200);
    expect(polled.body.authorization_code, 'no code without the confirmation only the victim saw').toBeUndefined();
    for (let i = 0; i < 5; i += 1) await attacker.step({ type: 'email_link', action: 'confirm', code: String(100000 + i) });
    const burnt = await poll(attacker);
    expect(burnt.body.error, 'five wrong codes kill the link').toBe('expired_link');
  });
});

/** Chromium's own line for an HTTP error status: FiPA's steps answer 400, a pending poll must not. */
const HTTP_ERROR_LINE = /^Failed to load resource: the server responded with a status of (\d+)/;

/** Console lines of `page`, and how many HTTP-error lines each path caused. */
function recordConsole(page: Page): { lines: string[]; errorsByPath: Map<string, number> } {
  const recorded = { lines: [] as string[], errorsByPath: new Map<string, number>() };
  page.on('console', (message) => {
    if (HTTP_ERROR_LINE.test(message.text())) {
      const path = new URL(message.location().url).pathname;
      recorded.errorsByPath.set(path, (recorded.errorsByPath.get(path) ?? 0) + 1);
    } else recorded.lines.push(`${message.type()}: ${message.text()}`);
  });
  return recorded;
}

/** A page in `page`'s context (another tab of the same browser), guarded like the test's own page. */
async function anotherTab(page: Page): Promise<{ tab: Page; guard: Guard }> {
  const tab = await page.context().newPage();
  return { tab, guard: await instrumentPage(tab) };
}

/** Opens `link` in `tab`, checks the button page (strict CSP, axe), and presses its button. */
async function openLink(tab: Page, link: string, page = { title: 'Sign in to Acme', button: 'Sign in' }): Promise<void> {
  const response = await tab.goto(link);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(page.title);
  await expectAccessible(tab, 'link landing page');
  await tab.getByRole('button', { name: page.button }).click();
}

/** Sends `step` for the customer with an account and the one without (`tries` times); the answers must match, and from three tries on, their times too. */
function sideBySide(label: string, pair: SideBySide, step: Record<string, unknown>, tries = 1): Promise<unknown> {
  return pair.same(label, stepOf(step), { tries, timed: tries >= 3 });
}

/** Creates the account of `customer` by a link opened in its own browser. */
async function signUpByLink(customer: HttpCustomer): Promise<void> {
  await askForLink(customer);
  await pressButton(customer.request, await linkFor(customer.email, undefined, customer.baseURL));
  const done = await poll(customer);
  if (done.status !== 200 || typeof done.body.authorization_code !== 'string') throw new Error(`the sign-up by link answered ${done.status}`);
}

/** Every link step, for the address `known` (which has an account) and one without, side by side. */
async function walkLinkSteps(baseURL: string, signUpEnabled: boolean, known: string): Promise<void> {
  await advanceServerClock(baseURL, 31);
  const pair = new SideBySide(
    new HttpCustomer(await newBrowser(baseURL), known, baseURL),
    new HttpCustomer(await newBrowser(baseURL), linkEmail('nobdy'), baseURL),
  );
  for (const customer of [pair.known, pair.unknown]) await customer.start({ login_hint: customer.email });
  await sideBySide('poll before a send', pair, { type: 'email_link', action: 'poll' });
  await sideBySide('confirm before a send', pair, { type: 'email_link', action: 'confirm', code: '000000' });
  await sideBySide('send', pair, { type: 'email_link', action: 'send' });
  await sideBySide('poll while nobody opened the link', pair, { type: 'email_link', action: 'poll' }, 3);
  await sideBySide('confirm with a wrong code', pair, { type: 'email_link', action: 'confirm', code: '000000' }, 3);
  await sideBySide('send inside the cooldown', pair, { type: 'email_link', action: 'send' });
  await advanceServerClock(baseURL, 31);
  await sideBySide('resend', pair, { type: 'email_link', action: 'send' });
  await sideBySide('confirm until the link is burnt', pair, { type: 'email_link', action: 'confirm', code: '000000' }, 5);
  await sideBySide('poll after the link was burnt', pair, { type: 'email_link', action: 'poll' });
  const mails = await Promise.all([pair.known, pair.unknown].map((customer) => mailTo(customer.email, undefined, baseURL)));
  expect(mails[1]!.purpose).toBe(signUpEnabled ? 'sign_in_link' : 'no_account');
  expect(mails[1]!.link === null).toBe(!signUpEnabled);
  if (!signUpEnabled) return;

  // Sign-up by link: for the account the mail says "already registered" and carries no link.
  await advanceServerClock(baseURL, 31);
  for (const customer of [pair.known, pair.unknown]) await customer.start({ login_hint: customer.email });
  await sideBySide('sign_up with a password', pair, { type: 'sign_up', password: 'correct horse battery staple' });
  await sideBySide('poll after sign_up', pair, { type: 'email_link', action: 'poll' });
  await sideBySide('confirm after sign_up', pair, { type: 'email_link', action: 'confirm', code: '000000' }, 3);
  expect((await mailTo(known, undefined, baseURL)).purpose).toBe('account_exists');
  await advanceServerClock(baseURL, 601);
  await sideBySide('poll after the link expired', pair, { type: 'email_link', action: 'poll' });
}

httpTest.describe('email links and account enumeration', () => {
  httpTest('send, poll and confirm answer alike with and without an account (sign-up on)', async () => {
    httpTest.setTimeout(60_000);
    const known = linkEmail('known');
    await signUpByLink(new HttpCustomer(await newBrowser(E2E_BASE_URL), known, E2E_BASE_URL));
    await walkLinkSteps(E2E_BASE_URL, true, known);
  });

  httpTest('send, poll and confirm answer alike with and without an account (sign-up off: the "no account" mail has no link)', async () => {
    httpTest.setTimeout(60_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'latch-links-'));
    let backend = await startSpareBackend({ testClock: true, dataDir });
    const known = linkEmail('known');
    try {
      await signUpByLink(new HttpCustomer(await newBrowser(backend.url), known, backend.url));
    } finally {
      await backend.close();
    }
    backend = await startSpareBackend({ testClock: true, dataDir, signUpEnabled: false });
    try {
      await walkLinkSteps(backend.url, false, known);
    } finally {
      await backend.close();
    }
  });
});

test.describe('<latch-login> with email links', () => {
  test('a link opened in another tab of the same browser signs in the asking tab, and the store\'s other tab learns it', async ({ page, guard }) => {
    const email = linkEmail('tab');
    const logged = recordConsole(page);
    await page.goto('/');
    const { tab: store, guard: storeGuard } = await anotherTab(page);
    await store.goto('/');
    await expect(widget(store).email).toBeVisible();

    const ui = widget(page);
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    await expect(ui.root.getByText('We sent a link to t•••@links.test.', { exact: false })).toBeVisible();
    await expect(ui.heading, 'focus moves to the new step').toBeFocused();
    await expect(ui.button('Send a new link')).toBeDisabled();
    await expect(ui.button('Send a new link')).toHaveAttribute('aria-describedby', /-resend$/);
    await expect(ui.root.getByText(/You can ask for a new link in \d+ s\./)).toBeVisible();
    await expectAccessible(page, 'email link: waiting');
    const link = await linkFor(email);
    guard.secrets.push(new URL(link).searchParams.get('token')!);
    // Two polls at least go by while nobody opens the link.
    await page.waitForResponse((response) => response.url().endsWith('/authorize-challenge') && response.status() === 200);

    const { tab: mail, guard: mailGuard } = await anotherTab(page);
    await openLink(mail, link);
    await expect(mail.getByRole('heading', { level: 1 })).toHaveText('Email confirmed');
    await expectAccessible(mail, 'link landing page: confirmed');

    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(widget(store).heading, 'the other tab learns it through the session channel').toHaveText("You're signed in");
    await expect(widget(store).status).toHaveText(/You signed in in another tab\./);

    // Used: the link's page now says so, and nothing more happens.
    await mail.goto(link);
    await expect(mail.getByRole('heading', { level: 1 })).toHaveText('This link cannot be used');
    await expectAccessible(mail, 'link landing page: used');

    expect(logged.lines, 'nothing in the console').toEqual([]);
    expect(logged.errorsByPath.get('/authorize-challenge') ?? 0, 'only the identifier and send steps answered 400; no poll did').toBeLessThanOrEqual(2);
    await expectCleanPage(store, storeGuard);
    await expectCleanPage(mail, mailGuard);
  });

  test('a link opened on another device works only after its code is typed in the asking tab', async ({ page, browser, guard }) => {
    const email = linkEmail('device');
    await page.goto('/');
    const ui = widget(page);
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    const link = await linkFor(email);
    guard.secrets.push(new URL(link).searchParams.get('token')!);

    const phone = await browser.newContext();
    const other = await phone.newPage();
    const otherGuard = await instrumentPage(other);
    await openLink(other, link);
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Confirm on your other device');
    const code = (await other.getByLabel('Confirmation code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await expectAccessible(other, 'link landing page: code for the other device');

    // The asking tab's next poll asks for that code; it is not signed in before.
    const field = ui.root.getByLabel('Code from the other device');
    await expect(field).toBeFocused();
    await expect(ui.status).toHaveText(/You opened the link on another device/);
    await expect(ui.heading).toHaveText('Check your email');
    await expectAccessible(page, 'email link: code from the other device');

    await field.fill(code === '000000' ? '111111' : '000000');
    await ui.button('Confirm').click();
    await expect(ui.alert).toHaveText(/That code didn't work\. 4 tries left\./);
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'email link: wrong code');

    await field.fill(code);
    await ui.button('Confirm').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expectCleanPage(other, otherGuard);
    await phone.close();
  });

  test('a new account by link: the password chosen at sign-up, the email proven by the link', async ({ page, guard }) => {
    const email = linkEmail('new');
    await page.goto('/');
    const ui = widget(page);
    await ui.button('Create an account').click();
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Create a password');
    await expect(ui.button('Skip the password: email me a link')).toBeVisible();
    await ui.newPassword.fill('correct horse battery staple');
    await ui.button('Create account').click();
    await expect(ui.heading).toHaveText('Check your email');
    const link = await linkFor(email);
    guard.secrets.push(new URL(link).searchParams.get('token')!);
    const { tab, guard: tabGuard } = await anotherTab(page);
    await openLink(tab, link, { title: 'Finish creating your Acme account', button: 'Confirm my email' });
    await expect(ui.heading).toHaveText("You're signed in");
    expect((await latchEvents(page)).find((event) => event.type === 'latch-signed-in')).toMatchObject({ method: 'email_otp', email });
    // The password chosen at sign-up is the account's: from another browser it passes, and the backend asks
    // for the new device's second factor (a wrong password would be invalid_credentials).
    const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), email, E2E_BASE_URL);
    expect((await customer.signInWithPassword('correct horse battery staple')).body).toMatchObject({ error: 'insufficient_authorization', ciam: { reason: 'new_device' } });
    await expectCleanPage(tab, tabGuard);
  });

  test('an expired link is said so, announced, and a new link can be asked for', async ({ page }) => {
    const email = linkEmail('late');
    await page.goto('/');
    const ui = widget(page);
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    const first = await linkFor(email);
    await advanceServerClock(E2E_BASE_URL, 601);
    await expect(ui.alert).toHaveText(/That link has expired or a newer one was sent\. Send a new link\./);
    await expectAccessible(page, 'email link: expired');
    // The page's own countdown still runs (30 s on this page's clock); the backend's has passed.
    await page.clock.install();
    await page.clock.fastForward(31_000);
    await ui.button('Send a new link').click();
    await expect(ui.status).toHaveText(/A new link is on its way\./);
    const second = await linkFor(email, first);
    const { tab, guard } = await anotherTab(page);
    await tab.goto(first);
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('This link cannot be used');
    await openLink(tab, second);
    await expect(ui.heading).toHaveText("You're signed in");
    await expectCleanPage(tab, guard);
  });
});

const NEW_PASSWORD = 'a brand new passphrase for acme';

/** An account at links.test with a password, created by a sign-up link opened in its own browser. */
async function passwordAccount(prefix: string): Promise<HttpCustomer> {
  const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail(prefix), E2E_BASE_URL);
  await customer.start({ login_hint: customer.email });
  await customer.step({ type: 'sign_up', password: 'correct horse battery staple' });
  await pressButton(customer.request, await linkFor(customer.email));
  const done = await poll(customer);
  if (done.status !== 200) throw new Error(`the sign-up by link answered ${done.status}`);
  await advanceServerClock(E2E_BASE_URL, 31);
  return customer;
}

httpTest.describe('password reset by email link over HTTP', () => {
  httpTest('an older reset link is refused after a newer one; the newer leads to new_password once, and never again', async () => {
    const owner = await passwordAccount('reset-http');
    const asking = new HttpCustomer(await newBrowser(E2E_BASE_URL), owner.email, E2E_BASE_URL);
    await asking.start({ login_hint: asking.email });
    const started = await asking.step({ type: 'password_reset' });
    expect(started.body.ciam).toMatchObject({ step: 'email_link', purpose: 'password_reset' });
    const older = await linkFor(asking.email);
    expect((await mailTo(asking.email)).purpose).toBe('reset_link');
    await advanceServerClock(E2E_BASE_URL, 31);
    await asking.step({ type: 'email_link', action: 'send' });
    const newer = await linkFor(asking.email, older);

    expect((await pressButton(asking.request, older)).status(), 'the older link').toBe(410);
    const landing = await asking.request.get(newer);
    expect(await landing.text()).toContain('Reset your Acme password');
    expect((await pressButton(asking.request, newer)).status()).toBe(200);
    const proven = await poll(asking);
    expect(proven.body).toMatchObject({ error: 'insufficient_authorization', ciam: { step: 'new_password' } });
    expect((await pressButton(asking.request, newer)).status(), 'the used link').toBe(410);
    const done = await asking.step({ type: 'new_password', password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect((await owner.session()).active, 'every other session ended').toBe(false);
    expect((await owner.signInWithPassword('correct horse battery staple')).body.error).toBe('invalid_credentials');
  });

  httpTest('a reset link for an address without an account: the same answers, and a mail without a link', async () => {
    const owner = await passwordAccount('reset-known');
    const pair = new SideBySide(
      new HttpCustomer(await newBrowser(E2E_BASE_URL), owner.email, E2E_BASE_URL),
      new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail('reset-nobdy'), E2E_BASE_URL),
    );
    for (const customer of [pair.known, pair.unknown]) await customer.start({ login_hint: customer.email });
    await sideBySide('password_reset', pair, { type: 'password_reset' });
    await sideBySide('poll the reset link', pair, { type: 'email_link', action: 'poll' }, 3);
    await sideBySide('confirm the reset link with a wrong code', pair, { type: 'email_link', action: 'confirm', code: '000000' }, 3);
    await sideBySide('new_password before the proof', pair, { type: 'new_password', password: NEW_PASSWORD });
    expect(await mailTo(pair.unknown.email)).toMatchObject({ purpose: 'no_account', link: null });
  });
});

test.describe('<latch-login>: password reset by email link', () => {
  test('Forgot password? on a links backend: the link, a new password, signed in; the link cannot be used again', async ({ page, guard }) => {
    const owner = await passwordAccount('reset-ui');
    const email = owner.email;
    const ui = widget(page);
    await page.goto('/');
    await submitEmail(page, email);
    // Not this browser's usual password: a sign-in link is mailed first.
    await expect(ui.heading).toHaveText('Check your email');
    const signInLink = await linkFor(email);
    await ui.button('Use another method').click();
    await ui.button('Use my password').click();
    await ui.button('Forgot password?').click();

    // The sign-in link mailed moments ago proves the mailbox as well; no second mail inside the cooldown.
    await expect(ui.heading).toHaveText('Reset your password');
    await expect(ui.root.getByText(/To make sure it’s you, we sent a link to r•••@links\.test/)).toBeVisible();
    await expectAccessible(page, 'reset link step');
    expect(await linkFor(email), 'no second mail').toBe(signInLink);
    guard.secrets.push(new URL(signInLink).searchParams.get('token')!);

    const { tab, guard: tabGuard } = await anotherTab(page);
    await openLink(tab, signInLink, { title: 'Reset your Acme password', button: 'Continue' });
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Email confirmed');

    await expect(ui.heading).toHaveText('Choose a new password');
    await expect(ui.newPassword).toBeFocused();
    await ui.newPassword.fill(NEW_PASSWORD);
    await ui.button('Save password and sign in').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.status).toHaveText(/Your password was changed/);

    // Reused: the link's page says it cannot be used; the old password is refused, the new one works.
    await tab.goto(signInLink);
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('This link cannot be used');
    expect((await owner.signInWithPassword('correct horse battery staple')).body.error).toBe('invalid_credentials');
    expect((await owner.signInWithPassword(NEW_PASSWORD)).body.error).not.toBe('invalid_credentials');
    await expectCleanPage(tab, tabGuard);
  });
});
