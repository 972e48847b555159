import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page, TestType } from '@playwright/test';
import type { ReferenceBackend } from '../../../demo/server/app.js';
import type { ConsentReceipt } from '../../../src/protocol/index.js';
import { HttpCustomer, newBrowser, PASSWORD, readMailbox } from './backend.js';
import { startSpareBackend } from './spare-backend.js';
import { clickCreateAccount, expect, widget } from './widget.js';

// The specs of docs/protocol.md §24 (test/e2e/sign-up-consent.spec.ts, profile-step.spec.ts) run against a backend
// of their own with the account policies on (the suite's backend runs without them, so its sign-ups need no box):
// terms and privacy to accept, a marketing opt-in, re-consent and the profile question.

/** A backend with the account policies on, its data directory, and its dev switches. */
export interface PolicyBackend {
  backend: ReferenceBackend;
  url: string;
  dataDir: string;
  /** `POST /demo/terms-version` or `/demo/profile-version`. */
  setVersion(which: 'terms' | 'profile', version: string): Promise<void>;
}

export async function startPolicyBackend(): Promise<PolicyBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'latch-policies-'));
  const backend = await startSpareBackend({ dataDir, testClock: true, accountPolicies: true });
  return {
    backend,
    url: backend.url,
    dataDir,
    async setVersion(which, version) {
      const response = await fetch(`${backend.url}/demo/${which}-version`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version }) });
      if (!response.ok) throw new Error(`${which}-version answered ${response.status}`);
    },
  };
}

/**
 * Runs the spec against its own policy backend: started once, both versions reset to the first before each test,
 * the receipts of `latch-signed-in` recorded, and the demo's home page open. Read the backend after `beforeAll`.
 */
export function usePolicyBackend(test: TestType<{ page: Page }, object>): PolicyBackend {
  let started: PolicyBackend | undefined;
  const current = (): PolicyBackend => {
    if (!started) throw new Error('the policy backend starts in beforeAll');
    return started;
  };
  test.beforeAll(async () => {
    started = await startPolicyBackend();
  });
  test.afterAll(async () => {
    await started?.backend.close();
  });
  test.beforeEach(async ({ page }) => {
    await current().setVersion('terms', '2026-01');
    await current().setVersion('profile', '2026-01');
    await recordReceipts(page);
    await page.goto(`${current().url}/`);
  });
  return {
    get backend() { return current().backend; },
    get url() { return current().url; },
    get dataDir() { return current().dataDir; },
    setVersion: (which, version) => current().setVersion(which, version),
  };
}

/** What a receipt keeps of the words shown (demo/server/consent-log.ts). */
export const textHash = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('base64url')}`;

/** The exact label of the terms box, as sent and hashed. */
export const TERMS_LABEL = 'I agree to the Terms and the Privacy Policy';
export const MARKETING_LABEL = 'Email me news and offers (optional). I can stop them at any time.';

/** Keeps the receipts of every `latch-signed-in` the page sees, for {@link signedInReceipts}. */
export async function recordReceipts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __receipts: unknown[] }).__receipts = seen;
    document.addEventListener('latch-signed-in', (event) => seen.push((event as CustomEvent<{ receipts?: unknown }>).detail.receipts ?? null));
  });
}

/** The `receipts` of each `latch-signed-in` so far (`null` for one without). */
export function signedInReceipts(page: Page): Promise<Array<ConsentReceipt[] | null>> {
  return page.evaluate(() => (window as unknown as { __receipts: Array<ConsentReceipt[] | null> }).__receipts);
}

/** The code of the newest mail to `email` at `baseURL`, once one other than `previous` arrived. */
export async function codeAt(baseURL: string, email: string, previous?: string): Promise<string> {
  let code: string | null | undefined;
  await expect.poll(async () => ((code = (await readMailbox(baseURL, email))?.code), code !== previous && /^\d{6}$/.test(code ?? ''))).toBe(true);
  return code!;
}

/** The sign-up boxes of the widget. */
export function policyBoxes(page: Page) {
  const root = widget(page).root;
  return {
    terms: root.getByRole('checkbox', { name: TERMS_LABEL }),
    marketing: root.getByRole('checkbox', { name: MARKETING_LABEL }),
  };
}

/** Creates an account in the widget by email code, ticking the terms box (and `marketing` if asked); ends signed in. */
export async function signUpInWidget(page: Page, baseURL: string, email: string, marketing = false): Promise<void> {
  const ui = widget(page);
  await clickCreateAccount(page);
  await ui.email.fill(email);
  await ui.button('Continue').click();
  await expect(ui.heading).toHaveText('Create a password', { timeout: 15_000 });
  await policyBoxes(page).terms.check();
  if (marketing) await policyBoxes(page).marketing.check();
  await ui.button('Skip the password: email me a code').click();
  await enterCode(page, baseURL, email);
}

/** Signs in by email code (the first method) up to the step after the code. */
export async function signInByCode(page: Page, baseURL: string, email: string, previous?: string): Promise<void> {
  const ui = widget(page);
  await ui.email.fill(email);
  await ui.button('Continue').click();
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeAt(baseURL, email, previous));
  await ui.button('Verify').click();
}

async function enterCode(page: Page, baseURL: string, email: string): Promise<void> {
  const ui = widget(page);
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeAt(baseURL, email));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
}

/** Signs out in the widget and waits for the identifier step. */
export async function signOut(page: Page): Promise<void> {
  const ui = widget(page);
  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');
}

/** Presses Tab until `target` has focus (keyboard only), at most `limit` times. */
export async function tabTo(page: Page, target: Locator, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error('Tab never reached the element');
}

/** An HTTP customer of the policy backend whose account exists (created with every policy accepted). */
export async function httpAccount(baseURL: string, email: string): Promise<HttpCustomer> {
  const customer = new HttpCustomer(await newBrowser(baseURL), email, baseURL);
  const offered = (await customer.start({ login_hint: email })).body['ciam'] as { policies: Array<{ id: string; version: string }> };
  await customer.step({ type: 'sign_up', password: PASSWORD, consents: offered.policies.map(({ id, version }) => ({ policy: id, version, granted: true, text: TERMS_LABEL })) });
  const done = await customer.step({ type: 'email_otp', action: 'verify', code: await codeAt(baseURL, email) });
  if (done.status !== 200) throw new Error(`sign-up answered ${done.status}`);
  return customer;
}
