import { uniqueEmail } from '../support/backend.js';
import { codeFor, submitEmail } from '../support/flows.js';
import { expectAccessible, widget } from '../support/widget.js';
import { backendName, discovery, expect, test } from '../support/core.js';

// WCAG 2.2 SC 1.4.10 (reflow): at 320 CSS px the sign-in works with no sideways scrolling.

test.use({ viewport: { width: 320, height: 640 } });

test.describe('<latch-login> at 320 px', () => {
  test('signs in by emailed code with nothing cut off or scrolled sideways', async ({ page }, testInfo) => {
    const ui = widget(page);
    const email = uniqueEmail('core-narrow');
    await page.goto('/');
    await expect(ui.email).toBeVisible();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    const box = await ui.root.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    await expectAccessible(page, 'identifier at 320 px');
    // A backend with consent records has the site's banner open over the lower half of a phone's screen: the
    // visitor answers it first, as they would.
    if ((await discovery()).ciam_consent_endpoint) {
      const reject = page.locator('latch-consent-banner:not([mode="preferences"])').getByRole('button', { name: 'Reject all', exact: true });
      await reject.click();
      await expect(reject).toBeHidden();
    }

    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    await ui.code.fill(await codeFor(email));
    await expect(ui.button('Verify')).toBeInViewport();
    expect(await overflow()).toBe(0);
    // For a person to look at (test-results/): the code step from its heading down, as a phone shows it.
    await ui.heading.evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: testInfo.outputPath(`code-step-320-${backendName()}.png`) });
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    // The store's header greets the customer by their address, however long, without widening the page.
    await expect(page.locator('#account')).toHaveText(`Hi, ${email}`);
    expect(await overflow()).toBe(0);
  });
});
