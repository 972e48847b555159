import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Account } from '../../demo/server/store.js';
import { codeAt, signInByCode, signOut, signUpInWidget, tabTo, usePolicyBackend } from './support/account-policies.js';
import { uniqueEmail } from './support/backend.js';
import { expect, expectAccessible, latchEvents, test, widget } from './support/widget.js';

// Progressive profiling (docs/protocol.md §24.3): after a sign-in, never at the sign-up, one optional question
// with its reason; answered or skipped, that version is not asked again; a new version is.

const policies = usePolicyBackend(test);

/** The account as the backend stored it (its accounts file, written atomically on every change). */
function stored(email: string): Account {
  const file = JSON.parse(readFileSync(join(policies.dataDir, 'accounts.json'), 'utf8')) as { accounts: Account[] };
  return file.accounts.find((account) => account.email === email)!;
}

/** Signs up in the widget and out again; returns the code the sign-up used. */
async function newCustomer(page: Page, prefix: string): Promise<{ email: string; code: string }> {
  const email = uniqueEmail(prefix);
  await signUpInWidget(page, policies.url, email);
  await signOut(page);
  return { email, code: await codeAt(policies.url, email) };
}

const phone = (page: Page) => widget(page).root.getByRole('textbox', { name: 'Phone (optional)' });

test('asked once, after the second sign-in: the reason is tied to the field, a wrong answer is announced and kept, a right one is stored', async ({ page }) => {
  const ui = widget(page);
  const { email, code } = await newCustomer(page, 'phone');
  // Never at the sign-up itself.
  expect((await latchEvents(page)).filter((event) => event.type === 'latch-step').map((event) => event.step)).not.toContain('profile');

  await signInByCode(page, policies.url, email, code);
  await expect(ui.heading).toHaveText('One more thing');
  await expect(phone(page)).toBeFocused();
  await expect(phone(page)).toHaveAttribute('type', 'tel');
  await expect(phone(page)).toHaveAttribute('autocomplete', 'tel');
  await expect(phone(page)).toHaveAccessibleDescription('Why we ask: to text you delivery updates');
  await expect(ui.button('Skip')).toBeVisible();
  expect((await page.context().cookies()).some((cookie) => cookie.name === 'latch_session')).toBe(false);
  await expectAccessible(page, 'profile step');
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page, 'profile step at 320 px');

  await phone(page).fill('call me maybe');
  await ui.button('Save and continue').click();
  const wrong = "That doesn't look right. Check it, or skip this question.";
  await expect(ui.alert).toHaveText(wrong);
  await expect(phone(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(phone(page)).toHaveAccessibleDescription(`Why we ask: to text you delivery updates ${wrong}`);
  await expect(phone(page)).toHaveValue('call me maybe');
  await expect(phone(page)).toBeFocused();
  await expectAccessible(page, 'profile step with an error');
  expect((await latchEvents(page)).filter((event) => event.type === 'latch-error').map((event) => event.code)).toEqual(['LATCH_PROFILE_INVALID']);

  await phone(page).fill('+44 7700 900123');
  await ui.button('Save and continue').click();
  await expect(ui.heading).toHaveText("You're signed in");
  expect(stored(email)).toMatchObject({ profile: { phone: '+44 7700 900123' }, profile_asked: ['2026-01'] });

  // Answered: the next sign-in goes straight through.
  const second = await codeAt(policies.url, email);
  await signOut(page);
  await signInByCode(page, policies.url, email, second);
  await expect(ui.heading).toHaveText("You're signed in");
  expect((await latchEvents(page)).filter((event) => event.step === 'profile').length).toBe(1);
});

test('skipped with the keyboard: not asked again for that version; a new version asks again', async ({ page }) => {
  const ui = widget(page);
  const { email, code } = await newCustomer(page, 'skip');
  await signInByCode(page, policies.url, email, code);
  await expect(ui.heading).toHaveText('One more thing');
  await tabTo(page, ui.button('Skip'));
  await page.keyboard.press('Enter');
  await expect(ui.heading).toHaveText("You're signed in");
  expect(stored(email).profile).toBeUndefined();
  expect(stored(email).profile_asked).toEqual(['2026-01']);

  let previous = await codeAt(policies.url, email);
  await signOut(page);
  await signInByCode(page, policies.url, email, previous);
  await expect(ui.heading).toHaveText("You're signed in");

  await policies.setVersion('profile', '2026-12');
  previous = await codeAt(policies.url, email);
  await signOut(page);
  await signInByCode(page, policies.url, email, previous);
  await expect(ui.heading).toHaveText('One more thing');
  await phone(page).fill('+1 202 555 0143');
  await page.keyboard.press('Enter');
  await expect(ui.heading).toHaveText("You're signed in");
  expect(stored(email)).toMatchObject({ profile: { phone: '+1 202 555 0143' }, profile_asked: ['2026-01', '2026-12'] });
  expect((await latchEvents(page)).filter((event) => event.step === 'profile').length).toBe(2);
});
