import type { Page } from '@playwright/test';
import { uniqueEmail } from '../support/backend.js';
import { codeFor, submitEmail } from '../support/flows.js';
import { expect, widget } from '../support/widget.js';

/** The origin of a framework app's own dev server (playwright.config.ts starts it as a webServer). */
export function appOrigin(offset: number): string {
  return `http://localhost:${Number(process.env.E2E_PORT ?? 4173) + offset}`;
}

/**
 * What every example app under demo/frameworks/ proves, in Chromium against the reference backend on another
 * origin: a new customer signs up with the emailed code in <latch-login>, the app hears `latch-step` and
 * `latch-signed-in` through its framework's event binding (its header and step line show them), and the app's
 * own client-side navigation then renders <latch-security> — an element first seen long after
 * `import 'latchkey'` — which upgrades and shows the account's sections, its embedded <latch-passkeys> too.
 */
export async function signInThenOpenSecurity(page: Page, origin: string, name: string): Promise<void> {
  const ui = widget(page);
  const email = uniqueEmail(name);
  await page.goto(`${origin}/`);
  const header = page.getByTestId('account');
  await expect(header).toHaveText('Not signed in');
  await expect(ui.heading).toHaveText('Sign in to Acme');

  await submitEmail(page, email);
  await expect(ui.heading).toHaveText('Check your email');
  await expect(page.getByTestId('step')).toHaveText('Step: code');
  await ui.code.fill(await codeFor(email));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
  await expect(header).toHaveText(`Signed in as ${email}`);

  // A marker on the window survives only a client-side navigation: the route renders the element late.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  await page.getByRole('link', { name: 'Account security' }).click();
  await expect(page).toHaveURL(`${origin}/security`);
  const security = page.locator('latch-security');
  await expect(security.getByRole('heading', { level: 2, name: 'Account security' })).toBeVisible();
  await expect(security.getByRole('region', { name: 'Authenticator app', exact: true })).toBeVisible();
  await expect(security.getByRole('heading', { level: 2, name: 'Passkeys' })).toBeVisible();
  expect(await page.evaluate(() => '__sameDocument' in window), 'no full page load on the way').toBe(true);
  await expect(header).toHaveText(`Signed in as ${email}`);
}
