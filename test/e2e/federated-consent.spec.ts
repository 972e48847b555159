import type { Page } from '@playwright/test';
import type { ConsentReceipt } from '../../src/protocol/index.js';
import { MARKETING_LABEL, TERMS_LABEL, textHash, usePolicyBackend } from './support/account-policies.js';
import { uniqueEmail } from './support/backend.js';
import { expect, expectAccessible, test, widget } from './support/widget.js';

// Social and enterprise sign-ins finish on the provider's own page, not in the widget, so that page asks the
// account policies (docs/protocol.md §24.6): a new account accepts the terms (and may opt in to marketing), a
// returning customer accepts changed terms or declines them. Against the spec's own backend with the policies on.

const policies = usePolicyBackend(test);

/**
 * Signs in with Google by redirect as `email`, up to the page after the sandbox provider; `signedInThere`: the
 * sandbox still has its own session from the last trip, so it answers without asking.
 */
async function continueWithGoogle(page: Page, email: string, signedInThere = false): Promise<void> {
  await widget(page).root.getByRole('button', { name: 'Continue with Google' }).click();
  if (signedInThere) return;
  await expect(page.getByText('Test sandbox')).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/** The account's current decisions, as the session endpoint reports them to its own browser. */
async function sessionConsents(page: Page): Promise<Record<string, Pick<ConsentReceipt, 'version' | 'granted' | 'method'>>> {
  const { consents } = (await (await page.request.get(`${policies.url}/session`)).json()) as { consents?: ConsentReceipt[] };
  return Object.fromEntries((consents ?? []).map((receipt) => [receipt.policy, { version: receipt.version, granted: receipt.granted, method: receipt.method }]));
}

test('a sign-up with Google accepts the terms on the provider page: unticked, required, receipts with the words shown', async ({ page }) => {
  const email = uniqueEmail('google-terms');
  await continueWithGoogle(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Finish creating your Acme account');
  const terms = page.getByRole('checkbox', { name: TERMS_LABEL });
  const marketing = page.getByRole('checkbox', { name: MARKETING_LABEL });
  await expect(terms).not.toBeChecked();
  await expect(marketing).not.toBeChecked();
  const termsLink = page.getByRole('link', { name: 'Terms', exact: true });
  await expect(termsLink).toHaveAttribute('href', `${policies.url}/policies/terms`);
  await expect(termsLink).toHaveAccessibleDescription('(opens in a new tab)');
  await expectAccessible(page, 'the provider page asking a new account for the terms');
  await page.screenshot({ path: 'test-results/federated-sign-up.png', fullPage: true });

  // The box is required: submitting without it stays here, and no session starts.
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(terms).toHaveJSProperty('validity.valueMissing', true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Finish creating your Acme account');
  expect((await page.context().cookies()).some((cookie) => cookie.name === 'latch_session')).toBe(false);

  await terms.check();
  await marketing.check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(widget(page).heading).toHaveText("You're signed in");
  expect(await sessionConsents(page)).toEqual({
    terms: { version: '2026-01', granted: true, method: 'sign_up' },
    privacy: { version: '2026-01', granted: true, method: 'sign_up' },
    marketing: { version: '2026-01', granted: true, method: 'sign_up' },
  });
  const { consents } = (await (await page.request.get(`${policies.url}/session`)).json()) as { consents: ConsentReceipt[] };
  expect(consents.find((receipt) => receipt.policy === 'terms')!.text_hash).toBe(textHash(TERMS_LABEL));
  expect(consents.find((receipt) => receipt.policy === 'marketing')!.text_hash).toBe(textHash(MARKETING_LABEL));
});

test('the provider page refuses a sign-up form posted without the terms, says why next to the box, and starts no session', async ({ page }) => {
  const email = uniqueEmail('google-no-terms');
  await continueWithGoogle(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Finish creating your Acme account');
  // A browser without form validation (or a hand-made request) posts the form without the box.
  const action = await page.locator('form').getAttribute('action');
  await page.locator('form').evaluate((form) => ((form as HTMLFormElement).noValidate = true));
  const posted = page.waitForResponse((response) => response.url().endsWith(action!));
  await page.getByRole('button', { name: 'Create account' }).click();
  expect((await posted).status()).toBe(400);
  const terms = page.getByRole('checkbox', { name: TERMS_LABEL });
  await expect(terms).toHaveAttribute('aria-invalid', 'true');
  await expect(terms).toHaveAccessibleDescription('Tick the box to agree to the Terms and the Privacy Policy.');
  await expect(page.getByRole('alert')).toHaveText('Tick the box to agree to the Terms and the Privacy Policy.');
  await expectAccessible(page, 'the provider page refusing a sign-up without the terms');
  expect(((await (await page.request.get(`${policies.url}/session`)).json()) as { active: boolean }).active).toBe(false);
  // Ticking it now finishes the sign-up.
  await terms.check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(widget(page).heading).toHaveText("You're signed in");
});

test('changed terms: a returning Google customer declines (no session, receipts say so), then accepts by keyboard at 320 px', async ({ page }) => {
  const email = uniqueEmail('google-reconsent');
  await continueWithGoogle(page, email);
  await page.getByRole('checkbox', { name: TERMS_LABEL }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(widget(page).heading).toHaveText("You're signed in");
  const { user } = (await (await page.request.get(`${policies.url}/session`)).json()) as { user: { sub: string } };
  // Back another day: no session here nor at the provider.
  await page.context().clearCookies();
  await page.goto(`${policies.url}/`);

  await policies.setVersion('terms', '2026-12');
  await continueWithGoogle(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Our terms have changed');
  await expect(page.getByText('What changed: We now explain how long we keep your order history, and how to close your account.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Terms: read the new version' })).toHaveAttribute('href', `${policies.url}/policies/terms`);
  await expectAccessible(page, 'the provider page asking to accept changed terms');
  await page.screenshot({ path: 'test-results/federated-reconsent.png', fullPage: true });
  await page.getByRole('button', { name: 'Decline' }).click();
  // The provider page says what happened and what the customer can do, then back to the site: no session.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("You're not signed in");
  await expect(page.getByText("You declined the new terms, so you can't sign in.")).toBeVisible();
  await expectAccessible(page, 'the provider page after declining changed terms');
  await page.screenshot({ path: 'test-results/federated-declined.png', fullPage: true });
  await page.getByRole('button', { name: 'Back to Acme' }).click();
  await expect(widget(page).alert).toHaveText('Sign-in was cancelled at the provider. Choose another way to sign in.');
  expect(((await (await page.request.get(`${policies.url}/session`)).json()) as { active: boolean }).active).toBe(false);
  // The decline is on record, with the version declined.
  const { entries } = (await (await page.request.get(`${policies.url}/demo/consent-log?account_id=${user.sub}`)).json()) as { entries: Array<{ receipt: ConsentReceipt }> };
  expect(entries.at(-1)!.receipt).toMatchObject({ policy: 'terms', version: '2026-12', granted: false, method: 'sign_in' });
  await expect(widget(page).heading).toHaveText('Sign in to Acme');

  await page.setViewportSize({ width: 320, height: 640 });
  await continueWithGoogle(page, email, true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Our terms have changed');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  const accept = page.getByRole('button', { name: 'Accept and continue' });
  for (let presses = 0; presses < 6 && !(await accept.evaluate((button) => button === document.activeElement)); presses++) await page.keyboard.press('Tab');
  await expect(accept).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(widget(page).heading).toHaveText("You're signed in");
  expect(await sessionConsents(page)).toMatchObject({ terms: { version: '2026-12', granted: true, method: 'sign_in' } });
});
