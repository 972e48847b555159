import type { Browser, Page } from '@playwright/test';
import { advanceServerClock, E2E_BASE_URL, uniqueEmail } from './support/backend.js';
import { tabTo } from './support/account-policies.js';
import { codeFor, submitEmail } from './support/flows.js';
import { expect, expectAccessible, expectCleanPage, instrumentPage, test, widget, type Guard } from './support/widget.js';

// <latch-devices> on the demo's security page against the reference backend: two real browser contexts (two
// devices) signed in to one account; the list, signing the other one out (its session watcher signs its page
// out), "Sign out everywhere else" behind the RFC 9470 step-up, and a wrong code in the activity log.

const SECURITY = '/security.html#activity';

function devicesOf(page: Page) {
  const root = page.locator('latch-devices');
  return {
    root,
    section: (name: string) => root.getByRole('region', { name }),
    sessions: root.locator('[data-sessions] > li'),
    activity: root.locator('[data-activity] > li'),
    button: (name: string) => root.getByRole('button', { name, exact: true }),
    status: root.locator('[role="status"]'),
  };
}

/** Signs in (or up) by emailed code in the widget on the store page; `wrongFirst` types a wrong code once. */
async function signInByCode(page: Page, email: string, { wrongFirst = false } = {}): Promise<void> {
  const ui = widget(page);
  const previous = await codeFor(email).catch(() => undefined);
  await page.goto('/');
  await submitEmail(page, email);
  await expect(ui.heading).toHaveText('Check your email');
  const code = await codeFor(email, previous);
  if (wrongFirst) {
    await ui.code.fill(code === '000000' ? '111111' : '000000');
    await ui.button('Verify').click();
    await expect(ui.root.getByText(/That code didn.t work/).first()).toBeVisible();
  }
  await ui.code.fill(code);
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
}

/** A second browser (its own cookies: another device) with the same guards, on the security page and signed in. */
async function secondDevice(browser: Browser, email: string): Promise<{ page: Page; guard: Guard; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  const page = await context.newPage();
  const guard = await instrumentPage(page);
  await signInByCode(page, email, { wrongFirst: true });
  await page.goto('/security.html');
  await expect(devicesOf(page).sessions.first()).toBeVisible();
  return { page, guard, close: () => context.close() };
}

/** The other device's session watcher noticed: it says the session ended, and the backend agrees. */
async function expectSignedOutThere(page: Page): Promise<void> {
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  const dialog = page.locator('latch-session-timeout').getByRole('alertdialog');
  await expect(dialog).toContainText('Your session ended. Sign in again to continue.');
  expect(await (await page.request.get('/session')).json()).toMatchObject({ active: false });
}

/**
 * One account signed in on this page's browser and on a second one (which typed a wrong code first), this page on
 * the security page with both sessions listed.
 */
async function twoDevices(page: Page, browser: Browser, prefix: string) {
  const email = uniqueEmail(prefix);
  await signInByCode(page, email);
  const other = await secondDevice(browser, email);
  await page.goto(SECURITY);
  const devices = devicesOf(page);
  await expect(devices.sessions).toHaveCount(2);
  return { email, other, devices };
}

test.describe('<latch-devices>', () => {
  test('lists both devices (this one first) and a failed attempt; by keyboard, signs the other out, whose watcher signs its page out; 320 px', async ({ page, browser }) => {
    const { other, devices } = await twoDevices(page, browser, 'devices-one');
    const [mine, theirs] = [devices.sessions.nth(0), devices.sessions.nth(1)];
    await expect(mine).toContainText('This device');
    await expect(mine).toContainText('Chrome on Linux');
    await expect(mine).toContainText('Lisbon, Portugal');
    await expect(mine.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await expect(theirs).not.toContainText('This device');
    await expect(theirs.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(mine.locator('time').first()).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);

    // The activity, newest first: the second device's sign-in after its wrong code, then the first device's.
    const activity = devices.section('Recent sign-in activity');
    await expect(devices.activity).toHaveCount(3);
    await expect(devices.activity.nth(0)).toContainText('Signed in');
    await expect(devices.activity.nth(1)).toContainText('Failed attempt');
    await expect(devices.activity.nth(1)).toContainText('Code by email');
    await expect(devices.activity.nth(1)).toContainText('Chrome on Linux');
    await expect(devices.activity.nth(1)).toHaveAttribute('data-outcome', 'failure');
    await expect(activity).toContainText('Lisbon, Portugal');
    await expectAccessible(page, 'devices, two sessions');

    await tabTo(page, theirs.getByRole('button', { name: 'Sign out' }), 80);
    await page.keyboard.press('Enter');
    await expect(devices.status).toHaveText('Chrome on Linux is signed out.');
    await expect(devices.sessions).toHaveCount(1);
    await expect(devices.root.getByRole('heading', { level: 3, name: "Where you're signed in" })).toBeFocused();
    await expect(devices.button('Sign out everywhere else')).toHaveCount(0);
    await expectAccessible(page, 'devices, the other signed out');

    await expectSignedOutThere(other.page);
    await expectCleanPage(other.page, other.guard);
    await other.close();
    // This device is still signed in.
    expect(await (await page.request.get('/session')).json()).toMatchObject({ active: true });

    await page.setViewportSize({ width: 320, height: 800 });
    const overflowing = () =>
      page.evaluate(() => [...document.querySelectorAll('latch-devices, latch-devices *')].filter((e) => e.getBoundingClientRect().right > 320.5).map((e) => e.tagName));
    await expect.poll(overflowing).toEqual([]);
    await expectAccessible(page, 'devices at 320 px');
  });

  test('"Sign out everywhere else" asks to confirm it is you, then the other device is signed out', async ({ page, browser }) => {
    const { email, other, devices } = await twoDevices(page, browser, 'devices-all');
    // The sign-in is now more than 5 minutes old: ending the other sessions asks for a fresh one (RFC 9470 max_age).
    await advanceServerClock(E2E_BASE_URL, 301);
    const previous = await codeFor(email);

    await devices.button('Sign out everywhere else').click();
    const prompt = page.locator('latch-step-up');
    await expect(prompt.getByRole('dialog', { name: "Confirm it's you" })).toBeVisible();
    await expectAccessible(page, 'devices, step-up');
    // Nothing ended before the step-up.
    expect(await (await other.page.request.get('/session')).json()).toMatchObject({ active: true });
    const code = prompt.getByLabel('Code', { exact: true });
    await expect(code).toBeFocused();
    await page.keyboard.type(await codeFor(email, previous));
    await page.keyboard.press('Enter');

    await expect(devices.status).toHaveText('Every other device is signed out.');
    await expect(devices.sessions).toHaveCount(1);
    await expect(devices.sessions.first()).toContainText('This device');
    await expectAccessible(page, 'devices, every other signed out');
    await expectSignedOutThere(other.page);
    await expectCleanPage(other.page, other.guard);
    await other.close();
    expect(await (await page.request.get('/session')).json()).toMatchObject({ active: true });
  });

  test('the resources: a session needed, the current session not revocable here, foreign origins refused, unknown ids 404', async ({ page }) => {
    expect((await page.request.get('/account/sessions')).status()).toBe(401);
    expect((await page.request.get('/account/activity')).status()).toBe(401);
    await signInByCode(page, uniqueEmail('devices-api'));
    const list = (await (await page.request.get('/account/sessions')).json()) as { sessions: Array<{ id: string; current: boolean }> };
    expect(list.sessions).toEqual([expect.objectContaining({ current: true, device: expect.objectContaining({ browser: 'Chrome', os: 'Linux' }) })]);
    const cookie = (await page.context().cookies()).find((candidate) => candidate.name === 'latch_session')!.value;
    expect(list.sessions[0]!.id).not.toBe(cookie);
    const current = await page.request.delete(`/account/sessions/${list.sessions[0]!.id}`, { headers: { 'content-type': 'application/json' } });
    expect(current.status()).toBe(400);
    expect((await page.request.delete('/account/sessions/nope', { headers: { 'content-type': 'application/json' } })).status()).toBe(404);
    const foreign = await page.request.delete('/account/sessions?others=true', { headers: { origin: 'https://evil.example', 'content-type': 'application/json' } });
    expect(foreign.status()).toBe(403);
    expect(await (await page.request.get('/session')).json()).toMatchObject({ active: true });
  });

  test('a social sign-in (redirect through the broker) is in the activity and the privacy history too', async ({ page }) => {
    const email = uniqueEmail('devices-sso');
    await page.goto('/');
    await widget(page).root.getByRole('button', { name: 'Continue with Google' }).click();
    await expect(page.getByText('Test sandbox')).toBeVisible();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(widget(page).heading).toHaveText("You're signed in");
    // The callback page sends the customer back to the store itself: let it, before going anywhere else.
    await page.waitForURL(`${E2E_BASE_URL}/`);

    const { events } = (await (await page.request.get('/account/activity')).json()) as { events: Array<{ outcome: string; method?: string; device?: { browser?: string } }> };
    expect(events).toEqual([expect.objectContaining({ outcome: 'success', method: 'sso', device: expect.objectContaining({ browser: 'Chrome' }) })]);
    await page.goto(SECURITY);
    const devices = devicesOf(page);
    await expect(devices.activity).toHaveCount(1);
    await expect(devices.activity.first()).toContainText('Social or company account');
    await expectAccessible(page, 'devices after a social sign-in');
  });
});
