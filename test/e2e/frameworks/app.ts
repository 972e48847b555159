import type { Page } from '@playwright/test';
import { FRAMEWORK_APPS } from '../../../demo/frameworks/apps.js';
import { uniqueEmail } from '../support/backend.js';
import { signUpWithEmailCode } from '../support/flows.js';
import { expect, expectAccessible, widget } from '../support/widget.js';

// What every framework app (demo/frameworks/<name>) is checked for, on its own dev server
// (playwright.config.ts starts it at E2E_PORT + its offset), against the frameworks' own backend (E2E_PORT + 11) on its own origin:
// a sign-in through the backend that the app's own code hears as a framework event, then a route that
// renders <latch-security> long after `import 'latchkey'` ran.

/** The origin of a framework app's dev server in this run. */
export function appOrigin(name: string): string {
  const app = FRAMEWORK_APPS.find((candidate) => candidate.name === name);
  if (!app) throw new Error(`no framework app named ${name} in demo/frameworks/apps.ts`);
  return `http://localhost:${Number(process.env.E2E_PORT ?? 4173) + app.portOffset}`;
}

/**
 * Opens the app, signs a new customer up with the emailed code (dev mailbox), and waits for the app's own
 * text saying which account its `latch-signed-in` handler received (`<Framework> received latch-signed-in
 * for <email>.`). Returns the email.
 */
export async function signUpInApp(page: Page, name: string, framework: string): Promise<string> {
  const email = uniqueEmail(name);
  await page.goto(`${appOrigin(name)}/`);
  await expect(widget(page).heading).toHaveText('Sign in to Acme');
  await signUpWithEmailCode(page, email);
  await expect(page.getByText(`${framework} received latch-signed-in for ${email}.`)).toBeVisible();
  // The latch-step handler ran too, with the step's typed detail.
  await expect(page.getByText('Last step: signed-in')).toBeVisible();
  return email;
}

/**
 * Follows the app's own link to its account route (no page load), where <latch-security> is first rendered:
 * it must upgrade and show the signed-in user's settings, read from the backend on its own origin.
 */
export async function openLateSecurity(page: Page): Promise<void> {
  expect(await page.evaluate(() => customElements.get('latch-security') === undefined), '<latch-security> defined before its route').toBe(true);
  // A mark on this document: still there afterwards, so the route rendered the element and no page load did.
  await page.evaluate(() => ((window as Window & { routeMark?: boolean }).routeMark = true));
  await page.getByRole('link', { name: 'Account security' }).click();
  await expect(page).toHaveURL(/\/account$/);
  const security = page.locator('latch-security');
  await expect(security.getByRole('heading', { name: 'Authenticator app' })).toBeVisible();
  await expect(security.getByRole('heading', { name: 'Passkeys' })).toBeVisible();
  expect(await page.evaluate(() => (window as Window & { routeMark?: boolean }).routeMark)).toBe(true);
}

/**
 * The consent banner in the app's shell and the privacy center on its account route: the visitor rejects
 * everything, the app's own code hears `latch-consent-change`, the choice survives the reload of the sign-up
 * (no banner again), and after signing up the privacy center shows that choice, linked to the new account.
 */
export async function walkConsentAndPrivacy(page: Page, name: string, framework: string): Promise<void> {
  await page.goto(`${appOrigin(name)}/`);
  const banner = page.getByRole('region', { name: 'Your privacy choices' });
  await expect(banner).toBeVisible();
  await expectAccessible(page, `${framework}: the consent banner`);
  await banner.getByRole('button', { name: 'Reject all' }).click();
  await expect(page.getByText(`${framework} received latch-consent-change: analytics off.`)).toBeVisible();
  await expect(banner).toBeHidden();

  await signUpInApp(page, name, framework);
  await expect(page.locator('latch-consent-banner')).not.toContainText('Reject all');
  await page.getByRole('link', { name: 'Account security' }).click();
  const privacy = page.locator('latch-privacy');
  await expect(privacy.getByRole('heading', { name: 'Your privacy and data' })).toBeVisible();
  const consents = privacy.getByRole('region', { name: 'Your consents' });
  await expect(consents.getByText('Cookies and tracking')).toBeVisible();
  await expect(consents.getByText('Not given').first()).toBeVisible();
  await expectAccessible(page, `${framework}: the privacy center on the account route`);
}
