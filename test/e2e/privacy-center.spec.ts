import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ReferenceBackend } from '../../demo/server/app.js';
import { httpAccount, signUpInWidget } from './support/account-policies.js';
import { advanceServerClock, HttpCustomer, newBrowser, readMailbox, uniqueEmail, type Answer } from './support/backend.js';
import { SPARE_PORT, startSpareBackend } from './support/spare-backend.js';
import { expect, expectAccessible, test, widget } from './support/widget.js';

// The privacy center (<latch-privacy> on the demo's account page) against a reference backend of its own, whose
// data directory this spec reads: what the page shows and what the export holds are compared with accounts.json
// and consent-log.json, and after erasure those files hold nothing of the account. The account policies are on, so
// every receipt comes the way a customer makes it: the sign-up form's boxes and the consent banner.

const BASE = `http://localhost:${SPARE_PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'latch-privacy-'));
let backend: ReferenceBackend;

test.use({ baseURL: BASE });
test.beforeAll(async () => {
  backend = await startSpareBackend({ dataDir, dev: true, testClock: true, accountPolicies: true });
});
test.afterAll(async () => {
  await backend.close();
});

interface StoredAccount {
  id: string;
  email: string;
  created_at: number;
  sign_ins?: Array<{ at: number; method: string; device?: string }>;
  activity?: unknown[];
  passkeys: unknown[];
}
interface StoredLog {
  entries: Array<{ receipt: { id: string; policy: string; granted?: boolean; purposes?: Record<string, boolean>; method: string }; account_id?: string }>;
  erasures: Array<{ erased_at: number; entries_removed: number }>;
}

/** The store's files as the backend wrote them (every change is written before it answers). */
function stored(): { accounts: StoredAccount[]; log: StoredLog; raw: string } {
  const accounts = readFileSync(join(dataDir, 'accounts.json'), 'utf8');
  const log = readFileSync(join(dataDir, 'consent-log.json'), 'utf8');
  return { accounts: (JSON.parse(accounts) as { accounts: StoredAccount[] }).accounts, log: JSON.parse(log) as StoredLog, raw: accounts + log };
}

/** The newest code mailed to `email` by this spec's backend. */
async function codeFor(email: string, previous?: string): Promise<string> {
  let code: string | null | undefined;
  await expect.poll(async () => ((code = (await readMailbox(BASE, email))?.code), code !== previous && /^\d{6}$/.test(code ?? ''))).toBe(true);
  return code as string;
}

/**
 * A new account made in the widget by email code: terms accepted and marketing opted in with the sign-up form's
 * boxes. With `cookies`, the visitor first chose "Accept all" in the consent banner, and that choice joins the
 * account at sign-in.
 */
async function signUp(page: Page, prefix: string, { cookies = false } = {}): Promise<string> {
  const email = uniqueEmail(prefix);
  await page.goto('/');
  if (cookies) {
    const banner = page.locator('latch-consent-banner:not([mode="preferences"])').getByRole('region', { name: 'Your privacy choices' });
    await banner.getByRole('button', { name: 'Accept all' }).click();
    await expect(banner).toBeHidden();
  }
  await signUpInWidget(page, BASE, email, true);
  await expect(widget(page).heading).toHaveText("You're signed in");
  return email;
}

/** The account's entries of one policy in the consent log: [granted or purposes, method], oldest first. */
function logged(accountId: string, policy: string): Array<[unknown, string]> {
  return stored()
    .log.entries.filter((entry) => entry.account_id === accountId && entry.receipt.policy === policy)
    .map(({ receipt }) => [receipt.granted ?? receipt.purposes, receipt.method]);
}

function privacyCenter(page: Page) {
  const root = page.locator('latch-privacy');
  return {
    root,
    section: (name: string) => root.getByRole('region', { name }),
    button: (name: string) => root.getByRole('button', { name, exact: true }),
    status: root.locator('[role="status"]'),
  };
}

async function openPrivacyCenter(page: Page) {
  const center = privacyCenter(page);
  await page.goto('/account');
  await expect(center.section('Your profile')).toBeVisible();
  return center;
}

/** Presses Tab until the focused element's text is `name` (at most 80 times): how a keyboard user gets there. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

test.describe('privacy center', () => {
  test('shows what the store holds; by keyboard, marketing and the banner choice withdraw in one action each and the download is the store; 320 px', async ({ page }) => {
    const email = await signUp(page, 'privacy-see', { cookies: true });
    const center = await openPrivacyCenter(page);
    const account = stored().accounts.find((candidate) => candidate.email === email)!;

    await expect(center.section('Your profile')).toContainText(email);
    await expect(center.section('Sign-in history')).toContainText('Code by email · Chrome on Linux');
    expect(account.sign_ins).toEqual([{ at: expect.any(Number), method: 'email_otp', device: 'Chrome on Linux' }]);
    const marketing = center.root.locator('[data-consent="marketing"]');
    await expect(marketing).toContainText('Marketing emails');
    await expect(marketing).toContainText('Given');
    await expect(marketing).toContainText('2026-01');
    await expect(center.root.locator('[data-consent="terms"] [data-withdraw]')).toHaveCount(0);
    await expect(center.section('Delete your account')).toContainText('We keep no backups');
    await expectAccessible(page, 'privacy center');

    // Keyboard only: Tab to "Withdraw", Enter; then on to "Download my data", Enter.
    await tabTo(page, 'Withdraw');
    await page.keyboard.press('Enter');
    await expect(center.status).toHaveText('Marketing emails: your consent is withdrawn, and we recorded it.');
    await expect(marketing).toContainText('Not given');
    await expect(marketing).toContainText('In this privacy center');
    await expect(marketing.locator('[data-withdraw]')).toHaveCount(0);
    await expect(marketing.getByRole('heading', { name: 'Marketing emails' })).toBeFocused();
    expect(logged(account.id, 'marketing')).toEqual([
      [true, 'sign_up'],
      [false, 'privacy_center'],
    ]);
    await expectAccessible(page, 'privacy center, marketing withdrawn');

    // The banner's "Accept all" from before the sign-up is the account's now; withdrawing it turns every purpose
    // off in this browser at once (what its tags read) and is recorded exactly once.
    const everything = { analytics: true, advertising: true, personalisation: true };
    const cookies = center.root.locator('[data-consent="cookies"]');
    await expect.poll(() => logged(account.id, 'cookies')).toEqual([[everything, 'banner']]);
    await page.reload();
    await cookies.getByRole('button', { name: 'Withdraw' }).click();
    await expect(center.status).toContainText('your consent is withdrawn');
    const nothing = { analytics: false, advertising: false, personalisation: false };
    await expect.poll(() => logged(account.id, 'cookies')).toEqual([
      [everything, 'banner'],
      [nothing, 'privacy_center'],
    ]);
    expect(await page.evaluate(() => (JSON.parse(localStorage.getItem('latch-consent') ?? '{}') as { purposes?: unknown }).purposes)).toEqual(nothing);
    await expect(cookies.locator('[data-withdraw]')).toHaveCount(0);
    await expect(page.locator('latch-consent-banner:not([mode="preferences"])').getByRole('region')).toHaveCount(0);

    await tabTo(page, 'Download my data');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toBe('latchkey-data.json');
    const exported = JSON.parse(readFileSync(await file.path(), 'utf8')) as Record<string, unknown>;
    const { log } = stored();
    expect(exported).toEqual({
      profile: { email: account.email, created_at: account.created_at },
      consents: log.entries.filter((entry) => entry.account_id === account.id).map((entry) => entry.receipt),
      withdrawable: [],
      sign_ins: account.sign_ins,
      // The activity log with its approximate places (profile §27.3) is personal data, so it is exported too.
      activity: account.activity,
      passkeys: [],
      factors: [],
      deletion: { backups_days: 0, retained: { en: expect.stringContaining('GDPR Art. 5(2) and 17') } },
    });
    // Terms, privacy and marketing at sign-up, the banner's choice, and the two withdrawals.
    expect((exported['consents'] as unknown[]).length).toBe(6);
    await expect(center.status).toHaveText('Your data is downloaded as latchkey-data.json.');

    await page.setViewportSize({ width: 320, height: 800 });
    const overflowing = () =>
      page.evaluate(() => [...document.querySelectorAll('latch-privacy, latch-privacy *')].filter((e) => e.getBoundingClientRect().right > 320.5).map((e) => e.tagName));
    await expect.poll(overflowing).toEqual([]);
    await expectAccessible(page, 'privacy center at 320 px');
  });

  test('the endpoint: a session needed, foreign origins refused, multi-factor asked when reachable, cookies withdrawn with every purpose off', async ({ page }) => {
    // Signed out, the privacy center says so (no 401 for the browser to log); this test then speaks HTTP from its own jar.
    await page.goto('/account');
    await expect(privacyCenter(page).root.locator('[part~="notice-error"]')).toHaveText('Please sign in again.');
    await expectAccessible(page, 'privacy center, signed out');
    const request = await newBrowser(BASE);
    expect((await request.get('/privacy')).status()).toBe(401);
    await request.dispose();
    // Signed in again with the password alone (the profile question skipped): one factor.
    const customer = await httpAccount(BASE, uniqueEmail('privacy-api'));
    expect((await customer.signInWithPassword()).body['ciam']).toMatchObject({ step: 'profile' });
    expect((await customer.step({ type: 'profile', action: 'skip' })).status).toBe(200);
    const { request: signedIn, email } = customer;

    const exported = await signedIn.get('/privacy/export');
    expect(exported.headers()['content-disposition']).toBe('attachment; filename="latchkey-data.json"');
    expect(exported.headers()['content-type']).toMatch(/^application\/json/);
    expect(await exported.json()).toEqual(await (await signedIn.get('/privacy')).json());

    expect((await signedIn.delete('/privacy', { headers: { origin: 'http://evil.example', 'content-type': 'application/json' } })).status()).toBe(403);
    // Fresh, but one factor (the code) while the account has a second (its password): erasure asks for multi-factor.
    const refused = await signedIn.delete('/privacy', { headers: { 'content-type': 'application/json' } });
    expect(refused.status()).toBe(401);
    expect(refused.headers()['www-authenticate']).toContain('acr_values="urn:latch:acr:mfa"');
    expect(refused.headers()['www-authenticate']).toContain('max_age="300"');
    expect(stored().accounts.some((account) => account.email === email)).toBe(true);

    const purposes = { analytics: true, advertising: false, personalisation: true };
    const record = { id: crypto.randomUUID(), device_id: crypto.randomUUID(), policy: 'cookies', version: '2026-10', purposes, gpc: false, method: 'banner', chosen_at: Date.now(), text: 'Accept analytics' };
    expect((await signedIn.post('/consent/records', { data: record })).status()).toBe(201);
    const withdrawn = await signedIn.post('/privacy/consents/cookies', { data: { granted: false } });
    expect(withdrawn.status()).toBe(201);
    const receipt = (await withdrawn.json()) as { id: string; purposes: Record<string, boolean>; method: string; version: string };
    expect(receipt).toMatchObject({ purposes: { analytics: false, advertising: false, personalisation: false }, method: 'privacy_center', version: '2026-10' });
    const again = await signedIn.post('/privacy/consents/cookies', { data: { granted: false } });
    expect([again.status(), ((await again.json()) as { id: string }).id]).toEqual([200, receipt.id]);
    expect((await signedIn.post('/privacy/consents/terms', { data: { granted: false } })).status()).toBe(400);
    await signedIn.dispose();
  });

  test('deletion, by keyboard only: tick, step-up, final screen; the store holds nothing of the account; the address is unknown again', async ({ page }) => {
    const email = await signUp(page, 'privacy-erase');
    const account = stored().accounts.find((candidate) => candidate.email === email)!;
    const center = await openPrivacyCenter(page);
    // The sign-in is now more than 5 minutes old: erasure asks the customer to confirm it's them (RFC 9470 max_age).
    await advanceServerClock(BASE, 301);
    const previousCode = await codeFor(email);

    await tabTo(page, 'Delete my account');
    await page.keyboard.press('Enter');
    const box = center.root.getByRole('checkbox', { name: 'I understand that my account and everything listed above are deleted for good.' });
    await expect(box).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(center.button('Delete my account for good')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(center.root.getByText('Tick the box to confirm first.')).toBeVisible();
    await expect(box).toBeFocused();
    await expectAccessible(page, 'deletion, not ticked');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    const prompt = page.locator('latch-step-up');
    await expect(prompt.getByRole('dialog', { name: "Confirm it's you" })).toBeVisible();
    const code = prompt.getByLabel('Code', { exact: true });
    await expect(code).toBeFocused();
    await expectAccessible(page, 'deletion, step-up');
    await page.keyboard.type(await codeFor(email, previousCode));
    await page.keyboard.press('Enter');

    const done = center.root.getByRole('heading', { level: 2, name: 'Your account is deleted' });
    await expect(done).toBeFocused();
    await expect(page.locator('#profile')).toBeHidden();
    await expectAccessible(page, 'account deleted');

    const { accounts, log, raw } = stored();
    expect(accounts.find((candidate) => candidate.id === account.id || candidate.email === email)).toBeUndefined();
    expect(log.entries.filter((entry) => entry.account_id === account.id)).toEqual([]);
    expect(raw).not.toContain(account.id);
    expect(raw).not.toContain(email);
    // The three sign-up receipts (terms, privacy, marketing) are gone; the log keeps when, and how many.
    expect(log.erasures.at(-1)).toEqual({ erased_at: expect.any(Number), entries_removed: 3 });
    expect(await (await page.request.get('/session')).json()).toMatchObject({ active: false });

    // Signing in again with the address answers exactly as for an address never seen, request by request.
    const unknownEmail = uniqueEmail('privacy-never');
    const known = new HttpCustomer(await newBrowser(BASE), email, BASE);
    const unknown = new HttpCustomer(await newBrowser(BASE), unknownEmail, BASE);
    const steps = [(c: HttpCustomer) => c.start({ login_hint: c.email }), (c: HttpCustomer) => c.step({ type: 'password', password: 'not the password at all' })];
    for (const send of steps) {
      expect(reduced(email, await send(known))).toEqual(reduced(unknownEmail, await send(unknown)));
    }
  });
});

/** An answer without what differs by nature between two addresses (the address, its hint, random handles). */
function reduced(email: string, answer: Answer): { status: number; body: string } {
  const hint = `${email.slice(0, 1)}•••${email.slice(email.indexOf('@'))}`;
  const body = JSON.stringify(answer.body, (key, value: unknown) => (['auth_session', 'challenge', 'expires_in'].includes(key) ? typeof value : value));
  return { status: answer.status, body: body.replaceAll(email, '<email>').replaceAll(hint, '<hint>') };
}
