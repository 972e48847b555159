import { advanceServerClock, E2E_BASE_URL, uniqueEmail } from './support/backend.js';
import { codeFor, signUpWithEmailCode, submitEmail } from './support/flows.js';
import {
  expect,
  expectAccessible,
  latchEvents,
  STRICT_CSP,
  test,
  widget,
  useBrowserLayer,
} from './support/widget.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

const LONG_PASSWORD = 'correct horse battery staple';

test.describe('<latch-login> with an email code', () => {
  test('signs a new customer up, signs them out, and signs them in again', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('code');
    await page.goto('/');
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect(ui.email).toHaveAttribute('autocomplete', 'username webauthn');
    await expectAccessible(page, 'identifier');

    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    await expect(ui.code).toBeFocused();
    await expect(ui.code).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(ui.root.getByText(/We sent a code to c•••@example\.com/)).toBeVisible();
    await expectAccessible(page, 'code');

    const code = await codeFor(email);
    await ui.code.fill(code);
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(page.locator('#account')).toHaveText(`Hi, ${email}`);
    await expectAccessible(page, 'signed in with the passkey nudge');
    const session = await (await page.request.get('/session')).json();
    expect(session).toMatchObject({ active: true, user: { email }, amr: ['otp'] });

    await ui.button('Sign out').click();
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect(ui.status).toHaveText(/You signed out\./);
    expect((await (await page.request.get('/session')).json()).active).toBe(false);

    await submitEmail(page, email);
    const second = await codeFor(email, code);
    await ui.code.fill(second);
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");

    const events = await latchEvents(page);
    expect(events.filter((event) => event.type === 'latch-signed-in')).toEqual([
      { type: 'latch-signed-in', method: 'email_otp', email },
      { type: 'latch-signed-in', method: 'email_otp', email },
    ]);
    expect(events.some((event) => event.type === 'latch-signed-out')).toBe(true);
    expect(events.filter((event) => event.type === 'latch-step').map((event) => event.step)).toContain('code');
  });

  test('keeps the typed email and code and announces a wrong code', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('wrong');
    await page.goto('/');
    await submitEmail(page, email);
    const right = await codeFor(email);
    const wrong = right === '000000' ? '111111' : '000000';
    await ui.code.fill(wrong);
    await ui.button('Verify').click();

    await expect(ui.alert).toHaveText(/That code didn't work\. 4 tries left\./);
    await expect(ui.code).toHaveAttribute('aria-invalid', 'true');
    await expect(ui.code).toHaveValue(wrong);
    await expect(ui.code).toBeFocused();
    await expect(ui.root.locator('.latch-error')).toHaveText("That code didn't work. 4 tries left.");
    await expect(ui.code).toHaveAttribute('aria-describedby', /code-error/);
    await expectAccessible(page, 'code rejected');
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-error').map((event) => event.code)).toEqual([
      'LATCH_INVALID_CODE',
    ]);

    // The email is still there when the customer goes back to change it (WCAG 2.2 SC 3.3.7).
    await ui.button('Use another method').click();
    await ui.button('Change').click();
    await expect(ui.email).toHaveValue(email);
  });

  test('says a code has expired, sends a new one after the countdown, and refuses the old one', async ({ page }) => {
    await page.clock.install();
    const ui = widget(page);
    const email = uniqueEmail('expired');
    await page.goto('/');
    await submitEmail(page, email);
    const old = await codeFor(email);
    await expect(ui.root.getByText(/You can ask for a new code in \d+ s\./)).toBeVisible();
    await expect(ui.button('Send a new code')).toBeDisabled();

    await advanceServerClock(E2E_BASE_URL, 601);
    await ui.code.fill(old);
    await ui.button('Verify').click();
    await expect(ui.alert).toHaveText(/That code has expired\. Send a new code\./);
    await expect(ui.code).toHaveValue(old);

    await page.clock.fastForward('00:31');
    await expect(ui.button('Send a new code')).toBeEnabled();
    await ui.button('Send a new code').click();
    await expect(ui.status).toHaveText(/A new code is on its way/);
    const fresh = await codeFor(email, old);

    await ui.code.fill(old);
    await ui.button('Verify').click();
    await expect(ui.alert).toHaveText(/That code didn't work/);
    await ui.code.fill(fresh);
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
  });

  test('stops after too many wrong codes and keeps the email', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('locked');
    await page.goto('/');
    await submitEmail(page, email);
    const right = await codeFor(email);
    const wrong = right === '999999' ? '888888' : '999999';
    for (let attempt = 1; attempt <= 4; attempt++) {
      await ui.code.fill(wrong);
      await ui.button('Verify').click();
      await expect(ui.alert).toHaveText(new RegExp(`${5 - attempt} tr(y|ies) left`));
    }
    await ui.code.fill(wrong);
    await ui.button('Verify').click();
    await expect(ui.alert).toHaveText(/Too many wrong attempts\. Send a new code or use another method\./);
    // The right code no longer works either: the backend burnt it.
    await ui.code.fill(right);
    await ui.button('Verify').click();
    await expect(ui.alert).toHaveText(/Too many wrong attempts|That code/);
    await expect(ui.heading).toHaveText('Check your email');
    await expect(ui.root.getByText(/l•••@example\.com/)).toBeVisible();
  });

  test('reads a code pasted with spaces, in another script, or inside the whole email text', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('paste');
    await page.goto('/');
    await submitEmail(page, email);
    const code = await codeFor(email);
    // Arabic-Indic digits with a space in the middle, inside a sentence (faults O4, O5, O8).
    const arabic = [...code].map((digit) => String.fromCodePoint(0x0660 + Number(digit))).join('');
    await ui.code.fill(`Your code is ${arabic.slice(0, 3)} ${arabic.slice(3)}.`);
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
  });
});

test.describe('<latch-login> from the keyboard alone', () => {
  test('signs in and out with Tab, typing and Enter; focus follows every step', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('keys');
    await page.goto('/');
    await expect(ui.email).toBeVisible();
    for (let presses = 0; presses < 12 && !(await ui.email.evaluate((input) => input === document.activeElement)); presses++) {
      await page.keyboard.press('Tab');
    }
    await expect(ui.email).toBeFocused();
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');

    await expect(ui.heading).toHaveText('Check your email');
    await expect(ui.code).toBeFocused();
    await page.keyboard.type(await codeFor(email));
    await page.keyboard.press('Enter');

    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.heading).toBeFocused();
    await expect(ui.button('Create a passkey')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(ui.button('Create a passkey')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(ui.button('Not now')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(ui.button('Create a passkey')).toHaveCount(0);
    await ui.button('Sign out').focus();
    await page.keyboard.press('Enter');
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect(ui.email).toBeFocused();
  });
});

test.describe('<latch-login> with a password', () => {
  test('creates an account with a password, proves the email, and signs in with the password', async ({ page, guard }) => {
    guard.secrets.push(LONG_PASSWORD);
    const ui = widget(page);
    const email = uniqueEmail('pw');
    await page.goto('/');
    await ui.button('Create an account').click();
    await expect(ui.heading).toHaveText('Create your Acme account');
    await expectAccessible(page, 'sign-up identifier');
    await submitEmail(page, email);

    await expect(ui.heading).toHaveText('Create a password');
    await expect(ui.newPassword).toHaveAttribute('autocomplete', 'new-password');
    await expect(ui.newPassword).toBeFocused();
    await ui.newPassword.fill('too short');
    await ui.button('Create account').click();
    await expect(ui.alert).toHaveText('Use at least 15 characters.');
    await expect(ui.newPassword).toHaveValue('too short');
    await expectAccessible(page, 'new password rejected');

    // Paste is allowed and nothing forbids spaces or emoji (NIST SP 800-63B-4 §3.1.1.2).
    await ui.newPassword.fill(LONG_PASSWORD);
    await ui.button('Show password').click();
    await expect(ui.newPassword).toHaveAttribute('type', 'text');
    await expect(ui.button('Show password')).toHaveAttribute('aria-pressed', 'true');
    await ui.button('Show password').click();
    await expect(ui.newPassword).toHaveAttribute('type', 'password');
    await ui.button('Create account').click();

    await expect(ui.heading).toHaveText('Check your email');
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await ui.button('Sign out').click();

    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    await ui.button('Use another method').click();
    await expect(ui.heading).toHaveText('Choose how to sign in');
    await expectAccessible(page, 'method choice');
    await ui.button('Use my password').click();
    await expect(ui.heading).toHaveText('Enter your password');
    await expect(ui.password).toHaveAttribute('autocomplete', 'current-password');
    await expect(ui.root.locator('input[autocomplete="username"][hidden]')).toHaveValue(email);
    await expectAccessible(page, 'password');

    await ui.password.fill('not the password at all');
    await ui.button('Sign in').click();
    await expect(ui.alert).toHaveText("That email and password don't match. Try again, or use another method.");
    await expect(ui.password).toBeFocused();
    await expectAccessible(page, 'password rejected');

    await ui.password.fill(LONG_PASSWORD);
    await ui.button('Sign in').click();
    await expect(ui.heading).toHaveText("You're signed in");
    const session = await (await page.request.get('/session')).json();
    expect(session).toMatchObject({ active: true, user: { email }, amr: ['pwd'] });
  });

  test('a double click on the submit button sends one request', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('double');
    await page.goto('/');
    await submitEmail(page, email);
    await ui.button('Use another method').click();
    await ui.button('Use my password').click();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/authorize-challenge') && request.postData()?.includes('"password"')) {
        sent.push(request.postData() ?? '');
      }
    });
    await ui.password.fill(LONG_PASSWORD);
    await ui.button('Sign in').dblclick();
    await expect(ui.alert).toHaveText(/don't match/);
    expect(sent).toHaveLength(1);
  });
});

test.describe('<latch-login> when things go wrong', () => {
  test('a network failure gives a clear error, keeps the typed code, and signs nobody in', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('offline');
    await page.goto('/');
    await submitEmail(page, email);
    const code = await codeFor(email);
    await page.route('**/authorize-challenge', (route) => route.abort('internetdisconnected'));
    await ui.code.fill(code);
    await ui.button('Verify').click();
    await expect(ui.alert).toHaveText("We couldn't reach the sign-in service. Check your connection and try again.");
    await expect(ui.code).toHaveValue(code);
    await expect(ui.heading).toHaveText('Check your email');
    await expectAccessible(page, 'network failure');

    // Back online, the same code still works: nothing was lost.
    await page.unroute('**/authorize-challenge');
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
  });

  // The reference backend never sends these; a broken proxy or a hostile backend could. Playwright
  // answers in its place, which is the only way to produce the fault.
  for (const [name, fulfil] of [
    ['a success with a wrong type', { status: 200, contentType: 'application/json', body: '{"authorization_code":42}' }],
    ['an HTML error page', { status: 200, contentType: 'text/html', body: '<h1>Gateway</h1><img src=x onerror=alert(1)>' }],
    ['an error inside a 200', { status: 200, contentType: 'application/json', body: '{"error":"access_denied"}' }],
    ['truncated JSON', { status: 400, contentType: 'application/json', body: '{"error":"insufficient_auth' }],
  ] as const) {
    test(`a malformed response (${name}) gives a clear error and no sign-in`, async ({ page }) => {
      const ui = widget(page);
      const email = uniqueEmail('malformed');
      await page.goto('/');
      await submitEmail(page, email);
      const code = await codeFor(email);
      await page.route('**/authorize-challenge', (route) => route.fulfill(fulfil));
      await ui.code.fill(code);
      await ui.button('Verify').click();
      await expect(ui.alert).toHaveText('Something went wrong on our side. Try again in a moment.');
      await expect(ui.heading).toHaveText('Check your email');
      await expect(ui.code).toHaveValue(code);
      expect((await (await page.request.get('/session')).json()).active).toBe(false);
      expect((await latchEvents(page)).some((event) => event.type === 'latch-signed-in')).toBe(false);
    });
  }

  test('a hanging backend times out with a message instead of spinning forever', async ({ page }) => {
    await page.clock.install();
    const ui = widget(page);
    // Let the page's own first request finish, then hold every later one without an answer.
    const first = page.waitForResponse('**/passkey-options');
    await page.goto('/');
    await first;
    await page.route('**/authorize-challenge', () => undefined);
    await ui.email.fill(uniqueEmail('hang'));
    await ui.button('Continue').click();
    await page.clock.runFor(16_000);
    await expect(ui.alert).toHaveText('The sign-in service is taking too long to answer. Try again.');
    await expect(ui.email).toHaveValue(/hang-/);
  });
});

test.describe('the script-tag bundle', () => {
  test('works when a page loads it twice', async ({ page, guard }) => {
    const logs: string[] = [];
    page.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
    await page.route('**/twice.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        headers: { 'content-security-policy': STRICT_CSP },
        body: `<!doctype html><html lang="en"><head><title>Twice</title>
          <script type="module" src="/dist/latchkey.js?copy=1"></script>
          <script type="module" src="/dist/latchkey.js?copy=2"></script>
          <script src="/dist/latchkey.iife.js"></script></head>
          <body><main><latch-login issuer="/" client-id="latchkey-demo"></latch-login></main></body></html>`,
      }),
    );
    await page.goto('/twice.html');
    const ui = widget(page);
    await expect(ui.email).toBeVisible();
    await submitEmail(page, uniqueEmail('twice'));
    await expect(ui.heading).toHaveText('Check your email');
    expect(guard.errors).toEqual([]);
    expect(logs.filter((line) => line.includes('already been used'))).toEqual([]);
  });

  test('the plain HTML page signs in with only the script tag, under a strict CSP with Trusted Types', async ({ page }) => {
    const response = await page.goto('/plain.html');
    expect(response?.headers()['content-security-policy']).toContain("require-trusted-types-for 'script'");
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    const ui = widget(page);
    const email = uniqueEmail('plain');
    await expect(ui.heading).toHaveText('Sign in');
    await expectAccessible(page, 'plain page');
    await signUpWithEmailCode(page, email);
  });

  test('the dark theme passes the same accessibility checks', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    const ui = widget(page);
    await expect(ui.email).toBeVisible();
    await ui.button('Continue').click();
    await expect(ui.alert).toHaveText('Enter an email address, like name@example.com.');
    await expectAccessible(page, 'dark identifier with error');
  });
});
