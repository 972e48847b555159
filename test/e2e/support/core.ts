import type { ConsoleMessage, Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { backendURL } from './backend.js';
import { expect, test as guarded, widget } from './widget.js';

// What the core set (test/e2e/core) may use of a backend: its discovery document, the pages it serves, its dev
// mailbox (`GET /dev/mailbox.json`, the DevMail shape) and the profile's endpoints found through discovery. No
// test clock, no reference-only route, no backend's own mail texts: every backend the set runs on offers this.

/** The discovery keys the core set reads (docs/protocol.md §1). */
export interface Discovery {
  issuer: string;
  authorization_challenge_endpoint: string;
  ciam_profile_versions_supported: string[];
  ciam_step_types_supported: string[];
  ciam_session_endpoint: string;
  ciam_passkey_registration_endpoint?: string;
  ciam_passkeys_endpoint?: string;
  ciam_factors_endpoint?: string;
  ciam_consent_endpoint?: string;
  ciam_password_min_length?: number;
  ciam_sign_up_enabled?: boolean;
  acr_values_supported?: string[];
}

const discovered = new Map<string, Promise<Discovery>>();

/** The backend's discovery document, read once per backend. */
export function discovery(): Promise<Discovery> {
  const origin = backendURL();
  let document = discovered.get(origin);
  if (!document) {
    document = fetch(new URL('/.well-known/openid-configuration', origin)).then(async (response) => {
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      return (await response.json()) as Discovery;
    });
    discovered.set(origin, document);
  }
  return document;
}

/** Which backend this project runs against (playwright.config.ts `metadata.backend`), for messages only. */
export function backendName(): string {
  return String(test.info().project.metadata?.['backend'] ?? 'unknown');
}

/**
 * Chromium's own console line for a response with an HTTP error status. FiPA answers every step that needs more
 * with 400 (`insufficient_authorization`, and a wrong code or password), so a sign-in logs it once per step.
 */
const HTTP_ERROR_LINE = /^Failed to load resource: the server responded with a status of 400 \(Bad Request\)$/;

/** Console lines that say something is wrong: everything but a FiPA step's 400 from the challenge endpoint. */
function recordConsole(page: Page, challengePath: string): string[] {
  const lines: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    const url = message.location().url;
    const fipaStep = HTTP_ERROR_LINE.test(message.text()) && url !== '' && new URL(url).pathname === challengePath;
    if (!fipaStep && ['error', 'warning', 'assert'].includes(message.type())) lines.push(`${message.type()}: ${message.text()} (${url})`);
  });
  return lines;
}

/**
 * Watches the console of a page the test opened itself (another browser context, a returning device); call the
 * answer at the end to check it stayed quiet.
 */
export async function watchConsole(page: Page): Promise<() => void> {
  const lines = recordConsole(page, new URL((await discovery()).authorization_challenge_endpoint).pathname);
  return () => expect(lines, `the console on ${backendName()}`).toEqual([]);
}

/**
 * The core set's test: the widget suite's guards (no uncaught error, no CSP violation, no secret in
 * script-readable storage) plus a console with no error or warning but the FiPA step answers, checked after
 * the test body, on every page the test opens in its own context.
 */
export const test = guarded.extend<{ quietConsole: void }>({
  quietConsole: [
    async ({ page }, use) => {
      const lines = recordConsole(page, new URL((await discovery()).authorization_challenge_endpoint).pathname);
      await use();
      expect(lines, `the console on ${backendName()}`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The session status (docs/protocol.md §4) of the page's browser, from the endpoint discovery names. */
export async function sessionStatus(page: Page): Promise<Record<string, unknown>> {
  const response = await page.request.get((await discovery()).ciam_session_endpoint);
  expect(response.status()).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** The user's passkeys at the backend (`GET ciam_passkeys_endpoint`, §15.2). */
export async function passkeysAtBackend(page: Page): Promise<Array<{ id: string; name: string }>> {
  const response = await page.request.get((await discovery()).ciam_passkeys_endpoint!);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { passkeys: Array<{ id: string; name: string }> }).passkeys;
}

/** What an authenticator app shows for `secret` (base32) `steps` periods from now on this machine's clock. */
export function authenticatorCode(secret: string, { digits = 6, period = 30, steps = 0 } = {}): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, '')), algorithm: 'SHA1', digits, period });
  return totp.generate({ timestamp: Date.now() + steps * period * 1000 });
}

/** Signs out with the widget's button and waits for the sign-in form. */
export async function signOut(page: Page): Promise<void> {
  const ui = widget(page);
  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');
  await expect(ui.status).toHaveText(/You signed out\./);
}

/** Presses Tab until `target` has focus (at most `limit` times), as a keyboard user gets there. */
export async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element.matches(':focus'))) break;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}
