import type { Page } from '@playwright/test';
import { uniqueEmail } from './support/backend.js';
import { enrolPasskey, signInWithPassword, signUpWithEmailCode, signUpWithPassword } from './support/flows.js';
import { addVirtualAuthenticator, expect, freshPage, test, widget, useBrowserLayer } from './support/widget.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

/**
 * The demo pages a visitor can open directly, and what shows that the page's load-time work is done: the
 * widget's session check and, for a visitor, the transaction its passkey autofill waits on.
 */
const DEMO_PAGES: Array<{ path: string; loaded: string[]; shown: (page: Page) => Promise<void> }> = [
  { path: '/', loaded: ['/session', '/passkey-options'], shown: (page) => expect(widget(page).email).toBeVisible() },
  { path: '/plain.html', loaded: ['/session', '/passkey-options'], shown: (page) => expect(widget(page).email).toBeVisible() },
  { path: '/account.html', loaded: ['/session'], shown: (page) => expect(page.getByText("You're not signed in.", { exact: false })).toBeVisible() },
  {
    path: '/security.html',
    loaded: ['/session'],
    // The security settings and the passkey list inside them each ask a visitor to sign in.
    shown: (page) => expect(page.locator('latch-security').getByRole('alert').filter({ hasText: 'Please sign in again.' })).toHaveCount(2),
  },
  // The widget config's experiments, applied before the form, and the first batch of analytics events taken
  // by the backend's collector (`analytics="datalayer beacon"`).
  {
    path: '/experiments',
    loaded: ['/widget-config', '/session', '/passkey-options', '/events'],
    shown: (page) => expect(widget(page).email).toBeVisible(),
  },
  // Server-rendered, no script: drawn once the document is.
  { path: '/dashboard', loaded: [], shown: (page) => expect(page.getByRole('heading', { level: 1, name: 'Sign-in funnel' })).toBeVisible() },
];

/**
 * Chromium's own line for a response with an HTTP error status. FiPA answers every step that needs more
 * with 400 `insufficient_authorization` (§5.2.2), so a sign-in in progress logs it once per step.
 */
const FIPA_STEP_LINE = /^Failed to load resource: the server responded with a status of 400 \(Bad Request\)$/;

/** Everything a page puts in the console or reports as broken: every console level, page errors, failed requests, CSP violations. */
function recordConsole(page: Page): { lines: string[]; fipaSteps: string[] } {
  const recorded = { lines: [] as string[], fipaSteps: [] as string[] };
  page.on('console', (message) => {
    const url = message.location().url;
    if (FIPA_STEP_LINE.test(message.text()) && new URL(url).pathname === '/authorize-challenge') recorded.fipaSteps.push(url);
    else recorded.lines.push(`${message.type()}: ${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => recorded.lines.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => recorded.lines.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`));
  return recorded;
}

/** Loads a page and waits for the answers that end its load-time work, and for what they show. */
async function load(page: Page, { path, loaded, shown }: (typeof DEMO_PAGES)[number]): Promise<void> {
  const answers = loaded.map((pathname) => page.waitForResponse((response) => new URL(response.url()).pathname === pathname));
  await page.goto(path);
  await Promise.all(answers);
  await shown(page);
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__latch?.csp ?? []);
}

test.describe('the browser console', () => {
  for (const demoPage of DEMO_PAGES) {
    test(`stays empty on a clean load of ${demoPage.path}`, async ({ page }) => {
      const recorded = recordConsole(page);
      await load(page, demoPage);
      expect(recorded.lines).toEqual([]);
      expect(recorded.fipaSteps, 'no sign-in step answered with an HTTP error at load').toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    });
  }

  test('stays empty through a whole email-code sign-in, but for the FiPA step answers', async ({ page }) => {
    const recorded = recordConsole(page);
    await load(page, DEMO_PAGES[0]!);
    await signUpWithEmailCode(page, uniqueEmail('console'));
    // The sign-in's last work: the session read that decides on the passkey nudge.
    await expect(widget(page).button('Create a passkey')).toBeVisible();
    expect(recorded.lines).toEqual([]);
    expect(recorded.fipaSteps.length, 'the identifier and sign-up steps answered 400 insufficient_authorization').toBeGreaterThan(0);
    expect(await cspViolations(page)).toEqual([]);
  });

  test('stays empty through a password sign-in, but for the FiPA step answers', async ({ page }) => {
    const email = uniqueEmail('console-password');
    await page.goto('/');
    await signUpWithPassword(page, email);
    const recorded = recordConsole(page);
    await signInWithPassword(page, email);
    // After a password, the widget may ask the browser for a passkey quietly (conditional create): wait for that work to end.
    await page.waitForLoadState('networkidle');
    expect(recorded.lines).toEqual([]);
    expect(recorded.fipaSteps.length, 'the identifier and method steps answered 400 insufficient_authorization').toBeGreaterThan(0);
    expect(await cspViolations(page)).toEqual([]);
  });

  test('stays empty through a passkey autofill sign-in on a fresh device', async ({ page, browser }) => {
    const { email, credential } = await enrolPasskey(page, 'console-passkey');
    const { page: returning, done } = await freshPage(browser);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    const recorded = recordConsole(returning);
    await returning.goto('/');
    // The virtual authenticator answers the waiting autofill request at once: no click, no step error.
    await expect(widget(returning).root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(recorded.lines).toEqual([]);
    expect(recorded.fipaSteps).toEqual([]);
    expect(await cspViolations(returning)).toEqual([]);
    await done();
  });

  test('a signed-in reload logs nothing and sends no sign-in request', async ({ page }) => {
    await page.goto('/');
    await signUpWithEmailCode(page, uniqueEmail('reload'));
    // The sign-in's last work (the session read that decides on the passkey nudge) ends before the reload:
    // a request of the old page that the reload cuts off is not the reloaded page's doing.
    await expect(widget(page).button('Create a passkey')).toBeVisible();
    await page.waitForLoadState('networkidle');
    const recorded = recordConsole(page);
    const signInRequests: string[] = [];
    page.on('request', (request) => {
      if (['/authorize-challenge', '/passkey-options'].includes(new URL(request.url()).pathname)) signInRequests.push(request.url());
    });
    const session = page.waitForResponse((response) => new URL(response.url()).pathname === '/session');
    await page.reload();
    await session;
    await expect(widget(page).heading).toHaveText("You're signed in");
    expect(recorded.lines).toEqual([]);
    expect(recorded.fipaSteps).toEqual([]);
    expect(signInRequests).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });
});
