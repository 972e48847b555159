import type { BrowserContext, Page } from '@playwright/test';
import { advanceServerClock, E2E_BASE_URL, serverNow as backendNow, uniqueEmail } from './support/backend.js';
import { signUpWithEmailCode, submitEmail } from './support/flows.js';
import { expect, expectAccessible, expectCleanPage, instrumentPage, servePage, test, widget, type Guard } from './support/widget.js';

const PAGE = '/session-demo.html';
const BOTH = `<latch-login issuer="/" client-id="latchkey-demo" site-name="Acme"></latch-login>
  <latch-session-timeout issuer="/" client-id="latchkey-demo"></latch-session-timeout>`;
/** The reference backend's default idle timeout. */
const IDLE = 15 * 60;

/** The backend's clock (epoch seconds): earlier tests may have moved it ahead. */
const serverNow = () => backendNow(E2E_BASE_URL);

/** The page's clock starts at the backend's, so both can be moved forward together. */
async function openPage(page: Page, main = BOTH): Promise<void> {
  await servePage(page, PAGE, main);
  await page.clock.install({ time: (await serverNow()) * 1000 });
  await page.goto(PAGE);
}

/** Moves the backend's clock and the page's by the same amount. */
async function elapse(pages: Page[], seconds: number): Promise<void> {
  await advanceServerClock(E2E_BASE_URL, seconds);
  for (const page of pages) await page.clock.fastForward(seconds * 1000);
}

function dialog(page: Page) {
  const root = page.locator('latch-session-timeout');
  return {
    root: root.getByRole('alertdialog'),
    heading: root.getByRole('heading', { level: 2 }),
    button: (name: string) => root.getByRole('button', { name, exact: true }),
    live: root.locator('.live[role="status"]'),
  };
}

async function sessionAtBackend(page: Page): Promise<{ active: boolean; idle_expires_at?: number; idle_timeout?: number }> {
  return (await page.request.get('/session')).json();
}

/** The `latch-session-*` events the page saw. */
async function recordSessionEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __sessionEvents: unknown[] }).__sessionEvents = seen;
    for (const type of ['latch-session-warning', 'latch-session-extended', 'latch-session-ended']) {
      document.addEventListener(type, (event) => seen.push({ type, ...(event as Event & { detail: object }).detail }));
    }
  });
}

function sessionEvents(page: Page): Promise<Array<{ type: string; reason?: string; remote?: boolean }>> {
  return page.evaluate(() => (window as unknown as { __sessionEvents: Array<{ type: string }> }).__sessionEvents);
}

/** A second tab in the same browser (same cookies), with the same guards as the first. */
async function secondTab(context: BrowserContext): Promise<{ page: Page; guard: Guard }> {
  const page = await context.newPage();
  return { page, guard: await instrumentPage(page) };
}

test.describe('<latch-session-timeout> idle timeout', () => {
  test('warns two minutes ahead; "Stay signed in" (Enter) extends the session at the backend', async ({ page }) => {
    await recordSessionEvents(page);
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH' && new URL(request.url()).pathname === '/session') patches.push(request.url());
    });
    await openPage(page);
    await signUpWithEmailCode(page, uniqueEmail('idle'));
    const before = await sessionAtBackend(page);
    expect(before).toMatchObject({ active: true, idle_timeout: IDLE });
    const expiresAt = before.idle_expires_at as number;

    // Activity extends at most once a minute, however busy the user is.
    await page.keyboard.press('Shift');
    await page.mouse.click(5, 5);
    await page.keyboard.press('Shift');
    await expect.poll(() => patches.length).toBeLessThanOrEqual(1);
    const extendedBy = patches.length;
    const start = (await sessionAtBackend(page)).idle_expires_at as number;
    expect(start).toBeGreaterThanOrEqual(expiresAt);

    // Quiet until two minutes before the deadline…
    await elapse([page], start - (await serverNow()) - 121);
    await expect(dialog(page).root).toBeHidden();
    // …then the warning, with at least 2:00 left on the clock when it opened.
    await elapse([page], 2);
    await expect(dialog(page).root).toBeVisible();
    await expect(dialog(page).heading).toHaveText('Are you still there?');
    await expect(dialog(page).root).toContainText(/You'll be signed out in 1:5\d\./);
    await expect(dialog(page).button('Stay signed in')).toBeFocused();
    await expectAccessible(page, 'idle warning');
    const opened = (await sessionEvents(page)).find((event) => event.type === 'latch-session-warning') as { expiresAt: number } | undefined;
    expect(opened).toBeDefined();

    // The countdown is visible every second but announced only at milestones.
    await page.clock.runFor(5000);
    await expect(dialog(page).live).toHaveText('');
    await page.clock.runFor(55_000);
    await expect(dialog(page).live).toHaveText("You'll be signed out in 1 minute.");
    await advanceServerClock(E2E_BASE_URL, 60);

    await page.keyboard.press('Enter');
    await expect(dialog(page).root).toBeHidden();
    const after = await sessionAtBackend(page);
    expect(after.active).toBe(true);
    expect(after.idle_expires_at).toBeGreaterThanOrEqual((await serverNow()) + IDLE - 2);
    expect(after.idle_expires_at).toBeGreaterThan(start);
    expect(patches.length).toBe(extendedBy + 1);
    expect((await sessionEvents(page)).map((event) => event.type)).toEqual(['latch-session-warning', 'latch-session-extended']);
    await expect(widget(page).heading).toHaveText("You're signed in");

    // And again: the warning comes back before the new deadline, and can be answered every time.
    await elapse([page], IDLE - 119);
    await expect(dialog(page).root).toBeVisible();
    await dialog(page).button('Stay signed in').press(' ');
    await expect(dialog(page).root).toBeHidden();
    expect((await sessionAtBackend(page)).active).toBe(true);
  });

  test('ignored, it signs out at the deadline and says why, even with the backend unreachable', async ({ page }) => {
    await recordSessionEvents(page);
    await openPage(page);
    const ui = widget(page);
    await signUpWithEmailCode(page, uniqueEmail('expire'));
    const { idle_expires_at: expiresAt } = await sessionAtBackend(page);
    await elapse([page], (expiresAt as number) - (await serverNow()) - 100);
    await expect(dialog(page).root).toBeVisible();

    // The backend goes away: sign-out still happens here (ASVS 5 14.3.1).
    await page.route('**/session', (route) => route.abort('connectionrefused'));
    await page.clock.runFor(101_000);
    await expect(dialog(page).heading).toHaveText("You've been signed out");
    await expect(dialog(page).root).toContainText('You were signed out because you were inactive.');
    await expect(dialog(page).live).toHaveText('You were signed out because you were inactive.');
    await expect(dialog(page).button('OK')).toBeFocused();
    await expectAccessible(page, 'signed out for inactivity');
    expect(await sessionEvents(page)).toContainEqual({ type: 'latch-session-ended', reason: 'idle', remote: false });
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect(ui.status).toHaveText(/You were signed out because you were inactive\./);
    await expect(page.locator('latch-login')).not.toContainText('Signed in as');

    await page.unroute('**/session');
    await page.keyboard.press('Enter');
    await expect(dialog(page).root).toBeHidden();
    await advanceServerClock(E2E_BASE_URL, 120);
    expect((await sessionAtBackend(page)).active).toBe(false);
    await ui.email.fill(uniqueEmail('again'));
    await ui.button('Continue').click();
    await expect(ui.heading).toHaveText('Check your email');
  });

  test('notices a session ended elsewhere when the page comes back into view, and says so', async ({ page, playwright }) => {
    await recordSessionEvents(page);
    await openPage(page);
    const ui = widget(page);
    await signUpWithEmailCode(page, uniqueEmail('revoked'));

    // Signed out from somewhere else with the same session cookie (another device, an admin, a script).
    const elsewhere = await playwright.request.newContext({ baseURL: E2E_BASE_URL, storageState: await page.context().storageState() });
    expect((await elsewhere.delete('/session')).status()).toBe(204);
    await elsewhere.dispose();
    await expect(dialog(page).root).toBeHidden();

    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect(dialog(page).root).toBeVisible();
    await expect(dialog(page).root).toContainText('Your session ended. Sign in again to continue.');
    await expectAccessible(page, 'session ended elsewhere');
    expect(await sessionEvents(page)).toContainEqual({ type: 'latch-session-ended', reason: 'ended', remote: false });
    await expect(ui.status).toHaveText(/Your session ended\. Sign in again to continue\./);
    await dialog(page).button('OK').click();
    await expect(ui.heading).toHaveText('Sign in to Acme');
  });

  test('notices a session the backend timed out, on its regular check', async ({ page }) => {
    await recordSessionEvents(page);
    await openPage(page);
    await signUpWithEmailCode(page, uniqueEmail('server-idle'));
    await expect.poll(() => page.locator('latch-session-timeout').evaluate((element) => (element as { watching?: boolean }).watching)).toBe(true);
    // Only the backend's clock moves: its idle timeout ends the session while this page still counts.
    await advanceServerClock(E2E_BASE_URL, IDLE + 1);
    await page.clock.runFor(61_000);
    await expect(dialog(page).root).toContainText('Your session ended. Sign in again to continue.');
    expect(await sessionEvents(page)).toContainEqual({ type: 'latch-session-ended', reason: 'ended', remote: false });
  });
});

test.describe('sessions across tabs', () => {
  test('signing out in one tab signs out the other, whose form then works again (K3)', async ({ page, context }) => {
    await openPage(page);
    await signUpWithEmailCode(page, uniqueEmail('tabs-out'));
    const b = await secondTab(context);
    await recordSessionEvents(b.page);
    await openPage(b.page);
    const ui = widget(b.page);
    await expect(ui.heading).toHaveText("You're signed in");
    // The second tab's watcher has read the session too (its form's read is another).
    await expect.poll(() => b.page.evaluate(() => document.querySelector<HTMLElement & { watching: boolean }>('latch-session-timeout')?.watching)).toBe(true);

    await widget(page).button('Sign out').click();
    await expect(widget(page).heading).toHaveText('Sign in to Acme');
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect(ui.status).toHaveText(/You signed out in another tab\./);
    await expect(dialog(b.page).root).toContainText('You signed out in another tab.');
    expect(await sessionEvents(b.page)).toContainEqual({ type: 'latch-session-ended', reason: 'user', remote: true });
    // The tab that signed out says nothing more than its own "You signed out."
    await expect(dialog(page).root).toBeHidden();
    await expectAccessible(b.page, 'signed out in another tab');

    await b.page.keyboard.press('Enter');
    await expect(dialog(b.page).root).toBeHidden();
    const email = uniqueEmail('tabs-again');
    await submitEmail(b.page, email);
    await expect(ui.heading).toHaveText('Check your email');
    await expectCleanPage(b.page, b.guard);
  });

  test('signing in in one tab shows the other signed in, without an error (K2)', async ({ page, context }) => {
    await openPage(page);
    const b = await secondTab(context);
    await openPage(b.page);
    const ui = widget(b.page);
    await expect(ui.heading).toHaveText('Sign in to Acme');
    // Tab B is half-way through a sign-in of its own.
    await ui.email.fill(uniqueEmail('half-way'));

    const email = uniqueEmail('tabs-in');
    await signUpWithEmailCode(page, email);
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(ui.status).toHaveText(/You signed in in another tab\./);
    await expect(ui.alert).toHaveText('');
    const events = await b.page.evaluate(() => window.__latch.events);
    expect(events.filter((event) => event.type === 'latch-error')).toEqual([]);
    expect(events).toContainEqual({ type: 'latch-signed-in', method: 'email_otp', email, step: undefined, code: undefined });
    await expectCleanPage(b.page, b.guard);
  });

  test('without BroadcastChannel, the storage event carries sign-in and sign-out (K8)', async ({ page, context }) => {
    await context.addInitScript(() => {
      // @ts-expect-error: removed, as in browsers without it
      delete window.BroadcastChannel;
    });
    await openPage(page);
    const b = await secondTab(context);
    await openPage(b.page);
    expect(await b.page.evaluate(() => typeof BroadcastChannel)).toBe('undefined');
    const ui = widget(b.page);

    await signUpWithEmailCode(page, uniqueEmail('fallback'));
    await expect(ui.heading).toHaveText("You're signed in");

    await widget(page).button('Sign out').click();
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect(ui.status).toHaveText(/You signed out in another tab\./);
    await expect(dialog(b.page).root).toContainText('You signed out in another tab.');
    // Nothing of the session was left behind in storage (fault K8: a non-secret key, written for an instant); the
    // device id's mirror (the analytics' random id, src/client/device-id.ts) is all there is.
    expect((await b.page.evaluate(() => Object.keys(localStorage))).filter((key) => key !== 'latch-device-id')).toEqual([]);
    await expectCleanPage(b.page, b.guard);
  });
});
