import type { Page } from '@playwright/test';
import { E2E_BASE_URL, uniqueEmail } from './support/backend.js';
import { codeFor, submitEmail } from './support/flows.js';
import { expect, expectAccessible, latchEvents, servePage, test, widget } from './support/widget.js';

// Social and enterprise sign-in against the reference backend, which brokers three local sandbox
// OpenID providers ("Google", "GitHub", "BigCorp SSO"): every flow is a real OIDC code flow.

/** Signs in at a sandbox provider's page as `email` (or cancels there). */
async function atSandbox(page: Page, email: string, action: 'Continue' | 'Cancel' = 'Continue'): Promise<void> {
  await expect(page.getByText('Test sandbox')).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: action, exact: true }).click();
}

/**
 * Signs in at a provider but keeps the callback from being used: the callback page loads without the
 * widget's script, so its URL (code, state, iss) is left in the address bar for the test to alter.
 */
async function holdCallback(page: Page, provider: string): Promise<URL> {
  await widget(page).root.getByRole('button', { name: `Continue with ${provider}` }).click();
  await page.route('**/dist/latchkey.js', (route) => route.fulfill({ status: 404 }));
  await atSandbox(page, uniqueEmail('held'));
  await page.waitForURL('**/callback?**');
  const callback = new URL(page.url());
  await page.unroute('**/dist/latchkey.js');
  return callback;
}

/** Captures the callback URL the browser is sent to, before the widget cleans the address bar. */
function watchCallbacks(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && new URL(request.url()).pathname === '/callback') seen.push(request.url());
  });
  return seen;
}

test.describe('<latch-login> social and enterprise sign-in', () => {
  test('signs a new customer up with Google by redirect and cleans code and state from the address bar', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('google');
    // The callback page announces the sign-in, then sends the customer back to where they started.
    const announced: Array<{ method: string; email?: string }> = [];
    await page.exposeFunction('__signedIn', (method: string, email?: string) => announced.push({ method, email }));
    await page.addInitScript(() =>
      document.addEventListener('latch-signed-in', (event) => {
        const { method, user } = (event as CustomEvent<{ method: string; user: { email?: string } }>).detail;
        void (window as unknown as { __signedIn(method: string, email?: string): Promise<void> }).__signedIn(method, user.email);
      }),
    );
    await page.goto('/');
    await expect(ui.root.getByRole('button', { name: 'Continue with Google' })).toBeVisible();
    await expectAccessible(page, 'identifier with social buttons');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    await atSandbox(page, email);

    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(page.url()).toBe(`${E2E_BASE_URL}/`);
    expect(announced).toEqual([{ method: 'sso', email }]);
    const session = await (await page.request.get('/session')).json();
    expect(session).toMatchObject({ active: true, user: { email }, amr: ['fed'] });
  });

  test('"Create an account" asks the provider for a sign-up (prompt=create)', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('create');
    const prompts: Array<string | null> = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/auth') prompts.push(url.searchParams.get('prompt'));
    });
    await page.goto('/');
    await ui.button('Create an account').click();
    await ui.root.getByRole('button', { name: 'Continue with GitHub' }).click();
    await atSandbox(page, email);
    await expect(ui.heading).toHaveText("You're signed in");
    expect(prompts[0]).toBe('create');
  });

  test('signs in with GitHub in a popup that keeps the page and what was typed in it', async ({ page }) => {
    const email = uniqueEmail('github');
    await servePage(page, '/popup-demo.html', `<label>Gift note <input id="note"></label> <latch-login issuer="/" client-id="latchkey-demo" sso-mode="popup"></latch-login>`);
    await page.goto('/popup-demo.html');
    const ui = widget(page);
    await page.locator('#note').fill('Happy birthday!');
    const popupOpened = page.waitForEvent('popup');
    await ui.root.getByRole('button', { name: 'Continue with GitHub' }).click();
    const popup = await popupOpened;
    await atSandbox(popup, email);
    await popup.waitForEvent('close');

    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(page.locator('#note')).toHaveValue('Happy birthday!');
    expect(new URL(page.url()).pathname).toBe('/popup-demo.html');
  });

  test('sends a business customer straight to their company sign-in by email domain', async ({ page }) => {
    const ui = widget(page);
    const email = `jane-${uniqueEmail('x').slice(2, 10)}@bigcorp.example`;
    await page.goto('/');
    await ui.email.fill(email);
    await ui.button('Continue').click();
    await expect(page.getByRole('heading', { name: /BigCorp/ })).toBeVisible();
    // The email travelled as login_hint: no password or code was asked for.
    await expect(page.getByLabel('Email')).toHaveValue(email);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
  });

  test('links a social sign-in to an existing account only after the customer proves that account', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('link');
    await page.goto('/');
    await submitEmail(page, email);
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    const { user } = await (await page.request.get('/session')).json();
    await ui.button('Sign out').click();

    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    await atSandbox(page, email);
    await expect(page.getByText(/already uses/)).toBeVisible();
    // No silent takeover: nothing is signed in until the existing account is proven.
    expect((await (await page.request.get('/session')).json()).active).toBe(false);
    const previous = await codeFor(email);
    await submitEmail(page, email);
    await ui.code.fill(await codeFor(email, previous));
    await ui.button('Verify').click();

    // Proven: the provider links Google, and the callback page sends the customer back to where they started.
    await page.waitForURL(`${E2E_BASE_URL}/`);
    await expect(ui.heading).toHaveText("You're signed in");
    const linked = await (await page.request.get('/session')).json();
    expect(linked.user.sub).toBe(user.sub);
  });
});

test.describe('<latch-social-buttons> on its own', () => {
  test('the compact layout names every logo button and passes axe', async ({ page }) => {
    await servePage(page, '/compact.html', `<h1>Sign in</h1><latch-social-buttons issuer="/" client-id="latchkey-demo" layout="compact" providers="github google"></latch-social-buttons>`);
    await page.goto('/compact.html');
    const buttons = page.locator('latch-social-buttons').getByRole('button');
    await expect(buttons).toHaveCount(2);
    // The providers attribute orders them; their accessible names say what they do.
    await expect(buttons.nth(0)).toHaveAccessibleName('Continue with GitHub');
    await expect(buttons.nth(1)).toHaveAccessibleName('Continue with Google');
    await expectAccessible(page, 'compact social buttons');
    await buttons.nth(1).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Test sandbox')).toBeVisible();
  });
});

test.describe('single sign-out', () => {
  /** A silent authorization request (prompt=none) succeeds only while the provider has a session. */
  const silent = async (page: Page) => {
    const url = new URL('/auth', E2E_BASE_URL);
    const params = {
      client_id: 'latchkey-demo',
      response_type: 'code',
      redirect_uri: `${E2E_BASE_URL}/callback`,
      scope: 'openid',
      prompt: 'none',
      state: 'silent-check',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const response = await page.request.get(url.href, { maxRedirects: 0 });
    return new URL(response.headers()['location'] ?? '', E2E_BASE_URL).searchParams;
  };

  /** Signs in with Google by redirect on the store's page. */
  const signInWithGoogle = async (page: Page) => {
    await page.goto('/');
    await widget(page).root.getByRole('button', { name: 'Continue with Google' }).click();
    await atSandbox(page, uniqueEmail('sso-out'));
    // The redirect URI page (/callback) redeems the code, then sends the browser back to the store: wait for the
    // store's page, so that what the test does next (a reload) does not race that navigation.
    await page.waitForURL((url) => url.pathname === '/');
    await expect(widget(page).heading).toHaveText("You're signed in");
    expect((await silent(page)).has('code')).toBe(true);
  };

  /** Content-Security-Policy refusals on every page the tab shows, the provider's included. */
  const cspRefusals = (page: Page) => {
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
    });
    return refusals;
  };

  // Before: the provider's bare "Do you want to sign-out from localhost?" page waited for a click.
  test('signing out ends the provider session too (RP-Initiated Logout) and lands back on the store without a provider prompt', async ({ page }) => {
    const ui = widget(page);
    // A popup sign-in keeps this page, so the client still holds the ID token to name the user by.
    await servePage(page, '/popup-demo.html', `<latch-login issuer="/" client-id="latchkey-demo" sso-mode="popup" post-logout-redirect-uri="/"></latch-login>`);
    await page.goto('/popup-demo.html');
    const opened = page.waitForEvent('popup');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    await atSandbox(await opened, uniqueEmail('sso-out'));
    await expect(ui.heading).toHaveText("You're signed in");
    expect((await silent(page)).has('code')).toBe(true);
    const refusals = cspRefusals(page);
    const shown: string[] = [];
    page.on('response', (response) => {
      if (response.request().isNavigationRequest()) shown.push(new URL(response.url()).pathname);
    });

    await ui.button('Sign out').click();
    await page.waitForURL(`${E2E_BASE_URL}/`);
    await expect(ui.email).toBeVisible();
    // The provider's page confirmed by itself (the ID token hint names the user signed in there).
    expect(shown).toEqual(['/session/end', '/session/end/confirm', '/']);
    expect(refusals).toEqual([]);
    expect((await silent(page)).get('error')).toBe('login_required');
    expect((await (await page.request.get('/session')).json()).active).toBe(false);
  });

  // The ID token lives in memory only: a reload, or the return to the page a redirect sign-in started on, drops it.
  test('without an ID token to name the user (after a redirect sign-in or a reload), the provider asks on its own branded page under the strict CSP', async ({ page }) => {
    const ui = widget(page);
    await signInWithGoogle(page);
    await page.reload();
    await expect(ui.heading).toHaveText("You're signed in");
    const refusals = cspRefusals(page);
    const question = page.waitForResponse((response) => new URL(response.url()).pathname === '/session/end');

    await ui.button('Sign out').click();
    const headers = (await question).headers();
    expect(headers['content-security-policy']).toContain("require-trusted-types-for 'script'");
    await expect(page.getByRole('heading', { name: 'Sign out of Acme?' })).toBeVisible();
    await expectAccessible(page, 'provider sign-out question');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${E2E_BASE_URL}/`);
    await expect(ui.email).toBeVisible();
    expect(refusals).toEqual([]);
    expect((await silent(page)).get('error')).toBe('login_required');
  });

  test('leaving the provider\'s sign-out question unanswered does not break the next enterprise sign-in ("interaction session not found")', async ({ page }) => {
    const ui = widget(page);
    await signInWithGoogle(page);
    await page.reload();
    await ui.button('Sign out').click();
    await expect(page.getByRole('heading', { name: 'Sign out of Acme?' })).toBeVisible();
    await page.goto('/');

    // Another person signs in on this device through their company: the provider session of the first
    // one is ended on the way (a different account), and the sign-in completes.
    const email = `jane-${uniqueEmail('x').slice(2, 10)}@bigcorp.example`;
    await ui.email.fill(email);
    await ui.button('Continue').click();
    await expect(page.getByRole('heading', { name: /BigCorp/ })).toBeVisible();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect((await (await page.request.get('/session')).json()).user.email).toBe(email);
  });
});

test.describe('every sandbox provider, by redirect and in a popup', () => {
  for (const provider of ['Google', 'GitHub', 'BigCorp SSO']) {
    for (const mode of ['redirect', 'popup'] as const) {
      test(`${provider} by ${mode}`, async ({ page }) => {
        const email = provider === 'BigCorp SSO' ? `e-${uniqueEmail('x').slice(2, 10)}@bigcorp.example` : uniqueEmail(mode);
        await servePage(page, '/sso-demo.html', `<latch-login issuer="/" client-id="latchkey-demo" sso-mode="${mode}"></latch-login>`);
        await page.goto('/sso-demo.html');
        const ui = widget(page);
        const button = ui.root.getByRole('button', { name: `Continue with ${provider}` });
        if (mode === 'popup') {
          const popupOpened = page.waitForEvent('popup');
          await button.click();
          await atSandbox(await popupOpened, email);
        } else {
          await button.click();
          await atSandbox(page, email);
        }
        await expect(ui.heading).toHaveText("You're signed in");
        await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
        expect((await (await page.request.get('/session')).json()).user.email).toBe(email);
      });
    }
  }
});

test.describe('<latch-login> refuses bad callbacks and explains every SSO failure', () => {
  test('a blocked popup falls back to the redirect', async ({ page }) => {
    // Chromium lets a click open a popup here, so a blocker is stood in for: window.open returns null,
    // as it does when a browser blocks one (reliability.md P8).
    await page.addInitScript(() => {
      window.open = () => null;
    });
    await servePage(page, '/blocked.html', `<latch-login issuer="/" client-id="latchkey-demo" sso-mode="popup"></latch-login>`);
    await page.goto('/blocked.html');
    const email = uniqueEmail('blocked');
    await widget(page).root.getByRole('button', { name: 'Continue with Google' }).click();
    await atSandbox(page, email);
    await expect(widget(page).heading).toHaveText("You're signed in");
    await expect(widget(page).root.getByText(`Signed in as ${email}`)).toBeVisible();
  });

  test('cancelling at the provider says so and offers the other methods (access_denied)', async ({ page }) => {
    const ui = widget(page);
    await page.goto('/');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    await atSandbox(page, uniqueEmail('cancel'), 'Cancel');
    await expect(ui.alert).toHaveText('Sign-in was cancelled at the provider. Choose another way to sign in.');
    await expect(ui.email).toBeVisible();
    await expect(ui.root.getByRole('button', { name: 'Continue with Google' })).toBeVisible();
    expect((await (await page.request.get('/session')).json()).active).toBe(false);
    await expectAccessible(page, 'SSO cancelled');
  });

  test('an unreachable provider gives a clear message (temporarily_unavailable)', async ({ page }) => {
    const ui = widget(page);
    await fetch(new URL('/dev/sandbox/github/down', E2E_BASE_URL), { method: 'POST' });
    try {
      await page.goto('/');
      await ui.root.getByRole('button', { name: 'Continue with GitHub' }).click();
      await expect(ui.alert).toHaveText(
        "That sign-in provider isn't answering right now. Try again, or use another method.",
      );
    } finally {
      await fetch(new URL('/dev/sandbox/github/up', E2E_BASE_URL), { method: 'POST' });
    }
  });

  for (const [name, tamper, message] of [
    ['a changed state', (url: URL) => url.searchParams.set('state', 'forged'), /wasn't started in this tab/],
    ['a wrong iss (mix-up, RFC 9207)', (url: URL) => url.searchParams.set('iss', 'https://evil.example'), /couldn't be completed safely/],
    ['a missing iss the backend advertises', (url: URL) => url.searchParams.delete('iss'), /couldn't be completed safely/],
  ] as const) {
    test(`refuses a callback with ${name}`, async ({ page }) => {
      const ui = widget(page);
      await page.goto('/');
      const callback = await holdCallback(page, 'Google');
      tamper(callback);
      await page.goto(callback.href);
      await expect(ui.alert).toHaveText(message);
      await expect(ui.email).toBeVisible();
      expect((await latchEvents(page)).some((event) => event.type === 'latch-signed-in')).toBe(false);
      expect((await (await page.request.get('/session')).json()).active).toBe(false);
    });
  }

  test('a replayed callback (back button, reload) is refused and no code is redeemed twice', async ({ page }) => {
    const ui = widget(page);
    const callbacks = watchCallbacks(page);
    await page.goto('/');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    await atSandbox(page, uniqueEmail('replay'));
    // The callback page signs in, then returns to the page the sign-in started on: wait until it has landed.
    await page.waitForURL((url) => url.pathname === '/' && url.search === '');
    await expect(ui.heading).toHaveText("You're signed in");
    // Signed out of the site (the provider session may stay): the replayed callback must not sign in again.
    await page.request.delete('/session');
    const tokenRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/token')) tokenRequests.push(request.url());
    });
    await page.goto(callbacks[0] as string);
    await expect(ui.alert).toHaveText('This sign-in link has already been used. Please start again.');
    expect(tokenRequests).toEqual([]);
  });

  test('a callback opened in another tab, with no sign-in started there, is refused', async ({ page, context }) => {
    await page.goto('/');
    const callback = await holdCallback(page, 'Google');
    const other = await context.newPage();
    await other.goto(callback.href);
    await expect(widget(other).alert).toHaveText("This sign-in wasn't started in this tab. Please start again.");
    expect((await (await other.request.get('/session')).json()).active).toBe(false);
    await other.close();
  });

  test('messages from other windows or origins are ignored while the popup is open', async ({ page }) => {
    // No CSP on this page, so a frame of another origin (127.0.0.1 is not localhost) can be embedded.
    await servePage(page, '/forge-demo.html', `<latch-login issuer="/" client-id="latchkey-demo" sso-mode="popup"></latch-login>`, { strictCsp: false });
    const forged = { type: 'latchkey:callback', url: `${E2E_BASE_URL}/callback?code=forged&state=forged&iss=${E2E_BASE_URL}` };
    await page.route('http://127.0.0.1:*/forge.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<script>parent.postMessage(${JSON.stringify(forged)}, '*')</script>` }),
    );
    await page.goto('/forge-demo.html');
    const ui = widget(page);
    const email = uniqueEmail('forge');
    const popupOpened = page.waitForEvent('popup');
    await ui.root.getByRole('button', { name: 'Continue with GitHub' }).click();
    const popup = await popupOpened;
    await page.evaluate(
      ({ message, frame }) => {
        // Listening after the widget, this sees each forged message once the widget's own listener has run.
        (window as unknown as { __forged: number }).__forged = 0;
        window.addEventListener('message', (event) => {
          if ((event.data as { type?: string } | null)?.type === 'latchkey:callback') (window as unknown as { __forged: number }).__forged++;
        });
        window.postMessage(message, '*');
        const iframe = document.createElement('iframe');
        iframe.src = frame;
        iframe.title = 'forger';
        document.body.append(iframe);
      },
      { message: forged, frame: `${E2E_BASE_URL.replace('localhost', '127.0.0.1')}/forge.html` },
    );
    // Both forgeries (this window's own and the other origin's frame) reached the page and were ignored.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __forged: number }).__forged)).toBe(2);
    expect((await latchEvents(page)).filter((event) => event.type === 'latch-error')).toEqual([]);
    await atSandbox(popup, email);
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
  });

  test('a closed popup is noticed and announced', async ({ page }) => {
    await servePage(page, '/popup-demo.html', `<latch-login issuer="/" client-id="latchkey-demo" sso-mode="popup"></latch-login>`);
    await page.goto('/popup-demo.html');
    const ui = widget(page);
    const popupOpened = page.waitForEvent('popup');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    const popup = await popupOpened;
    await popup.close();
    await expect(ui.root.locator('latch-social-buttons').getByRole('alert')).toHaveText(
      'The sign-in window was closed before you finished. Choose a way to sign in.',
    );
  });

  test('a hostile returnTo is refused: the customer lands back on the page where they started, on this site', async ({ page }) => {
    await servePage(page, '/hostile-return.html', `<latch-social-buttons issuer="/" client-id="latchkey-demo" return-to="//evil.example/steal"></latch-social-buttons>`);
    const offSite: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(E2E_BASE_URL)) offSite.push(request.url());
    });
    await page.goto('/hostile-return.html');
    await page.getByRole('button', { name: 'Continue with Google' }).click();
    await atSandbox(page, uniqueEmail('return'));
    await page.waitForURL(`${E2E_BASE_URL}/hostile-return.html`);
    expect((await (await page.request.get('/session')).json()).active).toBe(true);
    expect(offSite).toEqual([]);
  });

  test('a redirect sign-in returns the customer to the page where it started, not to the callback page', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('return-here');
    const callbacks = watchCallbacks(page);
    await page.goto('/plain.html?x=1');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    await atSandbox(page, email);
    await page.waitForURL(`${E2E_BASE_URL}/plain.html?x=1`);
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    // The callback page was passed through on the way, and redeemed the code there.
    expect(callbacks).toHaveLength(1);
  });
});
