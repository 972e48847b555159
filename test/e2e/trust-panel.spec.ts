import { readOutbox, E2E_BASE_URL, uniqueEmail } from './support/backend.js';
import { codeFor, signUpWithEmailCode, submitEmail } from './support/flows.js';
import { expect, expectAccessible, test, widget } from './support/widget.js';

// The demo's /trust page: <latch-login trust-signals="none"> with <latch-trust-panel> beside it, against the
// reference backend: the panel says which site this is and who runs it (its branding), and after a sign-in when
// the customer last signed in; the form itself shows none of it.

test('the trust panel beside a form without signals: site, brand, policies, then the last sign-in after signing in', async ({ page }) => {
  const email = uniqueEmail('trust-panel');
  const ui = widget(page);
  const panel = page.locator('latch-trust-panel');
  await page.goto('/');
  await signUpWithEmailCode(page, email);
  await ui.button('Sign out').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');

  await page.goto('/trust');
  await expect(panel.locator('[part~="site"]')).toHaveText('Signing in to localhost');
  await expect(panel.locator('[part~="brand-name"]')).toHaveText('Acme');
  await expect(panel.getByRole('link', { name: 'Privacy policy (opens in a new tab)' })).toHaveAttribute('href', `${E2E_BASE_URL}/policies/privacy`);
  await expect(panel.getByRole('link', { name: 'Terms (opens in a new tab)' })).toHaveAttribute('href', `${E2E_BASE_URL}/policies/terms`);
  // trust-signals="none": the form carries none of them.
  await expect(ui.root.locator('[part~="site"], [part~="brand"], [part~="links"]')).toHaveCount(0);
  await expect(panel.locator('[part~="last-sign-in"]')).toHaveCount(0);
  await expectAccessible(page, 'the trust panel beside the form');

  const previous = (await readOutbox(E2E_BASE_URL)).find((mail) => mail.to === email && mail.code)?.code ?? undefined;
  await submitEmail(page, email);
  await ui.code.fill(await codeFor(email, previous));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
  await expect(panel.locator('[part~="last-sign-in"]')).toHaveText(/^Last signed in (now|\d+ (second|minute)s? ago) on Chrome, Linux, Lisbon$/);
  await expect(ui.root.locator('[part~="last-sign-in"]')).toHaveCount(0);
  await expectAccessible(page, 'the trust panel after a sign-in');
});

test('the brand and site lines fill space held from the first paint: the field and the buttons never move', async ({ page }) => {
  // Where the email field and Continue are in every frame from the first one that has them.
  await page.addInitScript(() => {
    const tops: string[] = [];
    (window as unknown as { __tops: string[] }).__tops = tops;
    const frame = () => {
      const field = document.querySelector('latch-login input[type="email"]');
      const submit = document.querySelector('latch-login button[type="submit"]');
      if (field && submit) tops.push(`${field.getBoundingClientRect().top} ${submit.getBoundingClientRect().top}`);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.goto('/');
  const ui = widget(page);
  await expect(ui.root.locator('[part~="site"]')).toHaveText('Signing in to localhost');
  await expect(ui.root.locator('[part~="brand-name"]')).toHaveText('Acme');
  await expect(ui.root.getByRole('link', { name: 'Terms (opens in a new tab)' })).toBeVisible();
  const tops = await page.evaluate(() => (window as unknown as { __tops: string[] }).__tops);
  expect(tops.length).toBeGreaterThan(1);
  expect(new Set(tops)).toEqual(new Set([tops[0]]));
});
