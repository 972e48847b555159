import type { Page } from '@playwright/test';
import { uniqueEmail } from '../support/backend.js';
import { signUpWithEmailCode } from '../support/flows.js';
import { widget } from '../support/widget.js';
import { discovery, expect, sessionStatus, signOut, test } from '../support/core.js';

// The session after sign-in: what a reload shows, sign-out, and the idle timeout's extension by activity through
// <latch-session-timeout> on the store page.

/** Requests the page sends to `pathname` with `method` (any method when omitted). */
function requestsTo(page: Page, pathname: string, method?: string): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === pathname && (!method || request.method() === method)) sent.push(`${request.method()} ${pathname}`);
  });
  return sent;
}

test.describe('the session', () => {
  test('a signed-in page stays signed in across a reload with no sign-in request; after sign-out a reload shows the form', async ({ page }) => {
    const ui = widget(page);
    const email = uniqueEmail('core-reload');
    await page.goto('/');
    await signUpWithEmailCode(page, email);
    // The sign-in's last work (the session read behind the passkey offer) ends before the reload.
    await page.waitForLoadState('networkidle');
    const signInRequests = requestsTo(page, new URL((await discovery()).authorization_challenge_endpoint).pathname);

    await page.reload();
    await expect(ui.heading).toHaveText("You're signed in");
    await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(signInRequests).toEqual([]);
    expect(await sessionStatus(page)).toMatchObject({ active: true, user: { email } });

    await signOut(page);
    expect(await sessionStatus(page)).toEqual({ active: false });
    await page.reload();
    await expect(ui.heading).toHaveText('Sign in to Acme');
    await expect(ui.email).toBeVisible();
  });

  test('activity extends the idle timeout the backend reports (PATCH), at most once a minute; without one, nothing is sent', async ({ page }) => {
    await page.clock.install();
    const patches = requestsTo(page, new URL((await discovery()).ciam_session_endpoint).pathname, 'PATCH');
    await page.goto('/');
    await signUpWithEmailCode(page, uniqueEmail('core-idle'));
    const before = await sessionStatus(page);
    const idle = typeof before['idle_timeout'] === 'number';
    const extended = idle ? page.waitForResponse((response) => response.request().method() === 'PATCH') : undefined;

    // Just signed in: the backend saw the customer a moment ago, so a key press now extends nothing…
    await page.keyboard.press('Shift');
    // …but one a minute later does (the page's clock moves; the backend's runs as it does).
    await page.clock.fastForward(61_000);
    await page.keyboard.press('Shift');
    await page.mouse.click(5, 5);

    if (extended) {
      const answer = await extended;
      expect(answer.status()).toBe(200);
      const session = (await answer.json()) as Record<string, unknown>;
      expect(session).toMatchObject({ active: true, idle_timeout: before['idle_timeout'] });
      expect(session['idle_expires_at']).toBeGreaterThanOrEqual(before['idle_expires_at'] as number);
      expect(patches).toEqual(['PATCH ' + new URL((await discovery()).ciam_session_endpoint).pathname]);
    } else {
      // No idle timeout to push back: the watcher has no deadline, and activity sends nothing.
      await page.waitForLoadState('networkidle');
      expect(patches).toEqual([]);
    }
    await expect(widget(page).heading).toHaveText("You're signed in");
    expect(await sessionStatus(page)).toMatchObject({ active: true });
  });
});
