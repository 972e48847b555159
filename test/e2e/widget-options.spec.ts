import type { Page } from '@playwright/test';
import { PASSWORD, uniqueEmail } from './support/backend.js';
import { codeFor, enrolPasskey, signUpWithPassword } from './support/flows.js';
import { addVirtualAuthenticator, expect, expectAccessible, freshPage, latchEvents, servePage, test, widget, useBrowserLayer } from './support/widget.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

// The options a variant sets (README "Options a variant sets"), each an ordinary attribute of <latch-login>,
// in a real browser against the reference backend, under the strict CSP: what each draws, and the sign-ins
// they change (a combined-layout password sign-in, a passkey-first passkey sign-in) end to end.

/** Serves `/options.html` with one <latch-login> carrying `attributes`, inside `lang` (and `dir`) if given, and opens it. */
async function openWith(page: Page, attributes: string, wrapper = ''): Promise<void> {
  const login = `<latch-login issuer="/" client-id="latchkey-demo" site-name="Acme" ${attributes}></latch-login>`;
  await servePage(page, '/options.html', wrapper ? `<div ${wrapper}>${login}</div>` : login);
  await page.goto('/options.html');
}

/** The vertical position of a locator's box. */
async function top(locator: ReturnType<Page['locator']>): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not drawn');
  return box.y;
}

/** What the server says about the session cookie this browser holds. */
async function session(page: Page): Promise<{ active: boolean; user?: { email?: string }; method?: string; amr?: string[] }> {
  return (await page.request.get('/session')).json();
}

/** Nothing wider than the window (WCAG 2.2 SC 1.4.10 at 320 px). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test.describe('<latch-login> layout="combined"', () => {
  test('signs in with the email and the password on one step, from the keyboard', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('combined');
    await page.goto('/');
    await signUpWithPassword(page, email);

    await openWith(page, 'layout="combined"');
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect(ui.password).toHaveAttribute('autocomplete', 'current-password');
    await expectAccessible(page, 'combined layout');
    await ui.email.fill(email);
    await ui.password.fill(PASSWORD);
    await ui.password.press('Enter');

    await expect(ui.heading).toHaveText("You're signed in");
    expect(await session(page)).toMatchObject({ active: true, user: { email }, amr: ['pwd'] });
    // One step shown before the signed-in one: the combined form itself.
    const events = await latchEvents(page);
    expect(events.filter((event) => event.type === 'latch-signed-in')).toEqual([{ type: 'latch-signed-in', method: 'password', email }]);
    expect(events.filter((event) => event.type === 'latch-step').map((event) => event.step)).toEqual(['signed-in']);
  });

  test('says the same for a wrong password and for an address without an account (no enumeration)', async ({ page }) => {
    // A sign-up with a password, then two rejected pairs, each answered in the backend's equal time.
    test.slow();
    const ui = widget(page);
    const email = uniqueEmail('combined-wrong');
    await page.goto('/');
    await signUpWithPassword(page, email);
    await openWith(page, 'layout="combined"');

    const attempt = async (address: string): Promise<string> => {
      await ui.email.fill(address);
      await ui.password.fill('not the password at all');
      await ui.button('Sign in').click();
      // The backend answers a wrong pair as slowly as an unknown address (equal-time answers): allow for it.
      await expect(ui.password).toHaveAttribute('aria-invalid', 'true', { timeout: 15_000 });
      await expect(ui.password).toBeFocused();
      await expect(ui.heading).toHaveText('Sign in to Acme');
      await expect(ui.email).toHaveValue(address);
      const said = (await ui.root.locator('[part="field-error"]').textContent())?.trim() ?? '';
      await expect(ui.alert).toHaveText(said);
      return said;
    };
    const known = await attempt(email);
    expect(known).toBe("That email and password don't match. Try again, or use another method.");
    await expectAccessible(page, 'combined layout, rejected');
    expect(await attempt(uniqueEmail('nobody'))).toBe(known);
    expect((await session(page)).active).toBe(false);
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-error').map((event) => event.code)).toEqual([
      'LATCH_INVALID_CREDENTIALS',
      'LATCH_INVALID_CREDENTIALS',
    ]);
  });

  test('"Use another method" lists the methods in the order `methods` gives, and an emailed code still signs in', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('combined-code');
    await openWith(page, 'layout="combined" methods="password email_otp passkey"');
    await ui.email.fill(email);
    await ui.button('Use another method').click();
    await expect(ui.heading).toHaveText('Choose how to sign in');
    await expect(ui.root.locator('[part="list-item"] button')).toHaveText(['Use my password', 'Email me a code', 'Sign in with a passkey']);

    await ui.button('Email me a code').click();
    await expect(ui.heading).toHaveText('Check your email');
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
  });
});

test.describe('<latch-login> methods', () => {
  test('orders the method choice as the attribute lists them', async ({ page }) => {
    const ui = widget(page);
    await openWith(page, 'layout="combined" methods="email_otp password"');
    await ui.email.fill(uniqueEmail('order'));
    await ui.button('Use another method').click();
    await expect(ui.root.locator('[part="list-item"] button')).toHaveText(['Email me a code', 'Use my password']);
  });
});

test.describe('<latch-login> lead="passkey"', () => {
  test('draws the passkey button first from the first render, and signs in with the passkey', async ({ page, browser }) => {
    const { email, credential } = await enrolPasskey(page);
    const { page: returning, done } = await freshPage(browser);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
    // Chromium's virtual authenticator hands a passkey to a waiting autofill request at once, so the passkey is
    // added only when the button's own request goes out (as passkeys.spec.ts does).
    await returning.route('**/authorize-challenge', async (route) => {
      if (route.request().postData()?.includes('"action":"options"')) await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
      await route.continue();
    });
    // From the first draw of the form on: whether the passkey button was above the email field each time.
    await returning.addInitScript(() => {
      const seen: boolean[] = [];
      (window as unknown as { __order: boolean[] }).__order = seen;
      new MutationObserver(() => {
        const field = document.querySelector('latch-login input[name="username"]');
        if (!field) return;
        const passkey = [...document.querySelectorAll('latch-login form button')].find((button) => button.textContent?.trim() === 'Sign in with a passkey');
        seen.push(!!passkey && !!(passkey.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING));
      }).observe(document, { childList: true, subtree: true });
    });
    const ui = widget(returning);
    await openWith(returning, 'lead="passkey"');
    const passkey = ui.button('Sign in with a passkey');
    await expect(passkey).toHaveAttribute('part', 'button button-primary');
    await expect(ui.button('Continue')).toHaveAttribute('part', 'button button-secondary');
    expect(await top(passkey)).toBeLessThan(await top(ui.email));
    await expectAccessible(returning, 'passkey first');
    const order = await returning.evaluate(() => (window as unknown as { __order: boolean[] }).__order);
    expect(order.length).toBeGreaterThan(0);
    expect(new Set(order)).toEqual(new Set([true]));

    await passkey.click();
    await expect(ui.heading).toHaveText("You're signed in");
    expect(await session(returning)).toMatchObject({ active: true, user: { email }, method: 'passkey' });
    await done();
  });
});

test.describe('<latch-login> social-position', () => {
  test('top puts the social buttons above the email; bottom (the default) under it', async ({ page }) => {
    const ui = widget(page);
    const google = ui.root.getByRole('button', { name: 'Continue with Google' });
    await openWith(page, 'social-position="top"');
    await expect(google).toBeVisible();
    expect(await top(google)).toBeLessThan(await top(ui.email));
    await expectAccessible(page, 'social buttons on top');

    await openWith(page, '');
    await expect(google).toBeVisible();
    expect(await top(google)).toBeGreaterThan(await top(ui.button('Continue')));
  });

  test('the buttons\' place is held while their code is on its way, so "Create an account" below them never moves', async ({ page }) => {
    const ui = widget(page);
    // A slow network for the buttons' chunk alone (real latency, the real file): the form draws long before it.
    await page.route('**/dist/chunks/social-buttons-*.js', async (route) => {
      await new Promise((done) => setTimeout(done, 800));
      await route.continue();
    });
    // Every frame from the first draw on: where the sign-up link is (its top, in CSS pixels), while it is there.
    await page.addInitScript(() => {
      const tops: number[] = [];
      Object.assign(window, { signUpLinkTops: tops });
      const frame = () => {
        const link = [...document.querySelectorAll('latch-login button')].find((button) => button.textContent?.trim() === 'Create an account');
        if (link) tops.push(link.getBoundingClientRect().top);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const tops = () => page.evaluate(() => (window as unknown as { signUpLinkTops: number[] }).signUpLinkTops);
    // At 320 px "Continue with BigCorp SSO" takes two lines: the place held wraps as the button does.
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await openWith(page, '');
      await expect(ui.button('Create an account')).toBeVisible();
      const whileLoading = (await tops()).length;
      await expect(ui.root.getByRole('button', { name: /^Continue with / })).toHaveCount(3);
      // Two more frames with the buttons drawn.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const seen = await tops();
      expect(whileLoading, `${width} px: frames drawn before the buttons arrived`).toBeGreaterThan(0);
      expect(Math.max(...seen) - Math.min(...seen), `${width} px: the link's tops, frame by frame: ${[...new Set(seen)].join(', ')}`).toBeLessThanOrEqual(1);
    }
  });
});

test.describe('<latch-login> wordings', () => {
  test('nudge-copy words the passkey nudge after sign-in', async ({ page }) => {
    await addVirtualAuthenticator(page);
    const ui = widget(page);
    for (const [copy, title] of [
      ['faster', 'Skip the code next time'],
      ['safer', 'Make your account safer'],
    ] as const) {
      const email = uniqueEmail(`nudge-${copy}`);
      await openWith(page, `nudge-copy="${copy}"`);
      await ui.email.fill(email);
      await ui.button('Continue').click();
      await ui.code.fill(await codeFor(email));
      await ui.button('Verify').click();
      await expect(ui.heading).toHaveText("You're signed in");
      await expect(ui.root.getByRole('heading', { level: 3 })).toHaveText(title);
      await expect(ui.button('Create a passkey')).toBeVisible();
      await expectAccessible(page, `nudge ${copy}`);
      await ui.button('Sign out').click();
      await expect(ui.heading).toHaveText('Sign in to Acme');
    }
  });

  test('sign-up-cta words the sign-up link, which still opens sign-up', async ({ page }) => {
    const ui = widget(page);
    await openWith(page, 'sign-up-cta="quick"');
    await ui.button('Create an account in a minute').click();
    await expect(ui.heading).toHaveText('Create your Acme account');
    await openWith(page, 'sign-up-cta="free"', 'lang="de"');
    await expect(ui.root.getByRole('button', { name: 'Kostenloses Konto erstellen', exact: true })).toBeVisible();
  });
});

test.describe('<latch-login> with every option set', () => {
  test('reflows at 320 px and right to left, and passes axe', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    const ui = widget(page);
    const all = 'lead="passkey" layout="combined" social-position="top" sign-up-cta="free"';
    await openWith(page, all);
    await expect(ui.root.getByRole('button', { name: 'Continue with Google' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'every option, 320 px');

    await openWith(page, all, 'lang="ar" dir="rtl"');
    await expect(ui.root.getByRole('button', { name: 'إنشاء حساب مجاني', exact: true })).toBeVisible();
    expect(await ui.root.locator('[part="card"]').evaluate((card) => getComputedStyle(card).direction)).toBe('rtl');
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'every option, right to left');
  });
});
