import { randomUUID } from 'node:crypto';
import { E2E_BASE_URL } from './support/backend.js';
import { codeFor, submitEmail } from './support/flows.js';
import { expect, test, widget } from './support/widget.js';

// A backend may add a step this version of the widget does not know (profile §2.7a). The reference backend's
// sandbox asks every address at web-step.test to accept new terms first, a step it names `accept_terms`.

test('a step the widget does not know continues on the backend\'s web page, and the customer is signed in back on the site', async ({ page }) => {
  const email = `terms-${randomUUID().slice(0, 8)}@web-step.test`;
  await page.goto('/');
  await submitEmail(page, email);

  // The backend's own page, reached through its authorization endpoint with the request_uri it answered.
  await expect(page.getByRole('heading', { name: 'Accept the new terms' })).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/^\/interaction\//);
  await page.getByRole('button', { name: 'Accept and continue' }).click();

  // Then the provider's sign-in page, where the added step no longer stands in the way.
  const ui = widget(page);
  await ui.email.fill(email);
  await ui.button('Continue').click();
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeFor(email));
  await ui.button('Verify').click();

  // Back where the sign-in started, signed in: the callback redeemed the code with the FiPA transaction's PKCE verifier.
  await page.waitForURL(`${E2E_BASE_URL}/`);
  await expect(ui.heading).toHaveText("You're signed in");
  await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
  expect((await (await page.request.get('/session')).json()).user.email).toBe(email);
});
