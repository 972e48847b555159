import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test as base, expect, type Browser, type CDPSession, type Locator, type Page, type Request } from '@playwright/test';
import { chromiumLaunchOptions } from '../../chromium.mjs';
import { backendURL } from './backend.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What the page recorded: `latch-*` events, CSP violations, uncaught errors. */
interface Recorded {
  events: Array<{ type: string; step?: string; code?: string; method?: string; email?: string }>;
  csp: string[];
}

declare global {
  interface Window {
    __latch: Recorded;
    axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
  }
}

/** What a guarded page collected: uncaught errors, and secrets the backend handed it. */
export interface Guard {
  errors: string[];
  /** `auth_session` values and authorization codes seen on the wire; tests may add their own. */
  secrets: string[];
  /** The page's last requests and console warnings, printed with a failure ({@link trailOf}). */
  trail: string[];
}

/**
 * Records what a page does: `latch-*` events, CSP violations, uncaught errors and the secrets the
 * backend hands it. {@link expectCleanPage} checks the result.
 */
export async function instrumentPage(page: Page): Promise<Guard> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const secrets = watchSecrets(page);
  const trail = watchTrail(page);
  await page.addInitScript(() => {
    const recorded: Recorded = { events: [], csp: [] };
    window.__latch = recorded;
    document.addEventListener('securitypolicyviolation', (event) =>
      recorded.csp.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`),
    );
    for (const type of ['latch-signed-in', 'latch-signed-out', 'latch-step', 'latch-error']) {
      document.addEventListener(type, (event) => {
        const detail = (event as Event & { detail?: Record<string, unknown> }).detail ?? {};
        const user = detail['user'] as { email?: string } | undefined;
        recorded.events.push({
          type,
          step: detail['step'] as string | undefined,
          code: detail['code'] as string | undefined,
          method: detail['method'] as string | undefined,
          email: user?.email,
        });
      });
    }
  });
  return { errors, secrets, trail };
}

/** Keeps the page's last 30 requests (method, path, status or failure, duration) and console warnings and errors. */
function watchTrail(page: Page): string[] {
  const trail: string[] = [];
  const keep = (line: string): void => {
    trail.push(line);
    if (trail.length > 30) trail.shift();
  };
  const line = (request: Request, outcome: string): string => {
    const { pathname, host } = new URL(request.url());
    return `${request.method()} ${host}${pathname} → ${outcome} after ${Math.round(request.timing().responseEnd)} ms`;
  };
  // The page may close before its last response is read: that request is left out, and nothing throws into the test.
  page.on('requestfinished', (request) => {
    request.response().then((response) => keep(line(request, String(response?.status()))), () => undefined);
  });
  page.on('requestfailed', (request) => keep(line(request, request.failure()?.errorText ?? 'failed')));
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') keep(`console ${message.type()}: ${message.text()}`);
  });
  return trail;
}

/**
 * What a failed test's page showed and did, for the failure report: its headings, alerts, status lines, buttons
 * and filled fields (shadow roots included), the `latch-*` events, and the guard's trail. A flake seen once in
 * CI is then explained by its log alone.
 */
async function trailOf(page: Page, guard: Guard): Promise<string> {
  const shown = await page
    .evaluate(() => {
      /** Every element matching `selector` in `root` and in the shadow roots inside it, in document order. */
      const deep = (root: ParentNode, selector: string): Element[] =>
        Array.from(root.querySelectorAll('*')).flatMap((element) => [
          ...(element.matches(selector) ? [element] : []),
          ...(element.shadowRoot ? deep(element.shadowRoot, selector) : []),
        ]);
      const shownText = (element: Element): string => {
        if (element instanceof HTMLInputElement) return element.value && `${element.name || element.type}=${element.value}`;
        return (element.textContent ?? '').trim().replace(/\s+/g, ' ');
      };
      const label = (element: Element): string => element.localName + (element.hasAttribute('role') ? `[${element.getAttribute('role')}]` : '');
      return deep(document, 'h2, [role="alert"], [role="status"], input:not([type="password"]), button')
        .filter((element) => element.checkVisibility() && shownText(element))
        .map((element) => `${label(element)}: ${shownText(element)}`)
        .concat(`events: ${JSON.stringify(window.__latch?.events ?? [])}`);
    })
    .catch((error: unknown) => [`(the page could not be read: ${String(error)})`]);
  return ['The page at the failure:', ...shown, 'Its last requests and console warnings:', ...guard.trail].join('\n  ');
}

/**
 * After every flow: no uncaught error or unhandled rejection, zero Content-Security-Policy violations, and
 * no secret — any `auth_session`, authorization code or emailed code, the session cookie — readable by
 * scripts in localStorage, sessionStorage, IndexedDB or `document.cookie`.
 */
export async function expectCleanPage(page: Page, guard: Guard): Promise<void> {
  expect(guard.errors, 'uncaught errors on the page').toEqual([]);
  expect(await page.evaluate(() => window.__latch?.csp ?? []), 'CSP violations').toEqual([]);
  const mail = (await (await fetch(new URL('/dev/mailbox.json', backendURL()))).json()) as Array<{ code: string | null }>;
  const codes = mail.flatMap((message) => (message.code ? [message.code] : []));
  await expectNoSecretsStored(page, [...guard.secrets, ...codes]);
}

/**
 * Every widget test runs with {@link expectCleanPage}'s guards, checked after the test body. Every demo
 * page is served with the strict CSP, so every flow is also a CSP test and a storage test.
 */
export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page }, use, testInfo) => {
      const guard = await instrumentPage(page);
      await use(guard);
      if (testInfo.status !== testInfo.expectedStatus) throw new Error(await trailOf(page, guard));
      await expectCleanPage(page, guard);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * For a spec that uses passkey autofill (WebAuthn conditional mediation), which only Chromium's full build has: its
 * file runs there. The others run in the headless shell (playwright.config.ts), the same engine for less CPU.
 */
export function useBrowserLayer(): void {
  test.use({ launchOptions: chromiumLaunchOptions });
}

/** The policy every demo page is served with. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";

/**
 * Serves a test page at `path` on the backend's origin: the script-tag bundle (or `options.script`, an app's
 * own entry) plus `main` as the page's content, under the strict CSP unless a test needs otherwise (a frame
 * of another origin, say).
 */
export async function servePage(page: Page, path: string, main: string, options: { strictCsp?: boolean; script?: string } = {}): Promise<void> {
  await page.route(`**${path}`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: options.strictCsp === false ? {} : { 'content-security-policy': STRICT_CSP },
      body: `<!doctype html><html lang="en"><head><title>Test page</title><script type="module" src="${options.script ?? '/dist/latchkey.js'}"></script></head><body><main>${main}</main></body></html>`,
    }),
  );
}

/** The parts of `<latch-login>` a user sees, found the way a user (or a screen reader) finds them. */
export function widget(page: Page) {
  const root = page.locator('latch-login');
  return {
    root,
    heading: root.getByRole('heading', { level: 2 }),
    email: root.getByLabel('Email'),
    password: root.getByLabel('Password', { exact: true }),
    newPassword: root.getByLabel('New password'),
    code: root.getByLabel('Code', { exact: true }),
    /** A button by its exact name (`Continue`, not `Continue with Google`). */
    button: (name: string | RegExp): Locator => root.getByRole('button', { name, exact: true }),
    /** The widget's assertive live region that announces failures (role="alert"). */
    alert: root.locator('#alert[role="alert"]'),
    /** The widget's polite live region that announces status changes (role="status"). */
    status: root.locator('#status[role="status"]'),
  };
}

/**
 * Clicks "Create an account" and waits for the sign-up form. The link is drawn once discovery has answered, in its
 * place below the SSO buttons, whose place the form holds until their code arrives (widget-options.spec.ts checks
 * that it never moves), so a click aimed at it lands on it.
 */
export async function clickCreateAccount(page: Page): Promise<void> {
  const ui = widget(page);
  await ui.button('Create an account').click();
  await expect(ui.heading).toHaveText(/Create/);
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules, none disabled) on the page; returns the violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  // page.evaluate runs through the DevTools protocol, so the page's Trusted Types policy does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
  );
  return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
}

/** Asserts zero axe violations in the current state. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), `axe violations in state "${state}"`).toEqual([]);
}

/** The `latch-*` events the page saw, in order. */
export function latchEvents(page: Page): Promise<Recorded['events']> {
  return page.evaluate(() => window.__latch.events);
}

/**
 * Everything script-readable the page keeps: localStorage, sessionStorage, every IndexedDB record and
 * `document.cookie`, as one string to search for secrets.
 */
export async function scriptReadableStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump: unknown[] = [{ ...localStorage }, { ...sessionStorage }, document.cookie];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name as string);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        dump.push({ db: info.name, store, records });
      }
      db.close();
    }
    return JSON.stringify(dump);
  });
}

/**
 * Collects every secret the backend handed the page: `auth_session` values and authorization codes from
 * the challenge endpoint, and the session cookie's value. Tests assert none of them lands in storage.
 */
function watchSecrets(page: Page): string[] {
  const secrets: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().includes('/authorize-challenge')) return;
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    for (const key of ['auth_session', 'authorization_code']) {
      if (typeof body?.[key] === 'string') secrets.push(body[key] as string);
    }
  });
  return secrets;
}

/** Asserts that no secret (and nothing JWT-shaped) is readable by scripts on the page. */
export async function expectNoSecretsStored(page: Page, secrets: string[]): Promise<void> {
  const cookies = await page.context().cookies();
  const all = [...secrets, ...cookies.filter((cookie) => cookie.name === 'latch_session').map((cookie) => cookie.value)];
  const stored = await scriptReadableStorage(page);
  for (const secret of all) expect(holdsSecret(stored, secret), `secret ${secret} in script-readable storage: ${stored}`).toBe(false);
  expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  expect(cookies.find((cookie) => cookie.name === 'latch_session')?.httpOnly ?? true).toBe(true);
}

/**
 * Whether `secret` occurs in `text` as a whole token (case aside): not inside a longer run of letters, digits,
 * `-` or `_`. A secret the page kept is a value of its own (a JSON string, a query parameter); a substring
 * match would also find a six-digit emailed code inside any 13-digit timestamp that contains it, as one
 * clean-clone run did (code 270510 in `"saved":1796442705103`).
 */
export function holdsSecret(text: string, secret: string): boolean {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'i').test(text);
}

/** A credential as CDP's WebAuthn domain exports and imports it. */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

/** The credentials a virtual authenticator holds. */
export async function virtualCredentials(cdp: CDPSession, authenticatorId: string): Promise<VirtualCredential[]> {
  return ((await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as { credentials: VirtualCredential[] }).credentials;
}

/** A Chromium virtual authenticator (CTAP2, internal, resident keys, user verification). */
export async function addVirtualAuthenticator(
  page: Page,
  options: { isUserVerified?: boolean; automaticPresenceSimulation?: boolean } = {},
): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: options.isUserVerified ?? true,
      automaticPresenceSimulation: options.automaticPresenceSimulation ?? true,
    },
  });
  return { cdp, authenticatorId };
}

/** A fresh browser context, as a returning customer on the same device would be after a restart. */
export async function freshPage(browser: Browser): Promise<{ page: Page; done: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const guard = await instrumentPage(page);
  return {
    page,
    done: async () => {
      await expectCleanPage(page, guard);
      await context.close();
    },
  };
}
