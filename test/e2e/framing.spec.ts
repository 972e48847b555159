import type { FrameLocator, Page } from '@playwright/test';
import { E2E_BASE_URL } from './support/backend.js';
import { expect, servePage, test } from './support/widget.js';

// Clickjacking (reliability.md S31): inside a frame of another origin the elements collect no credentials
// and say why, unless the site opts in with `allow-framing`. A page on http://127.0.0.1 framing the widget on
// http://localhost is a real cross-origin frame; a page on localhost framing it is the site's own.

const OTHER_ORIGIN = E2E_BASE_URL.replace('localhost', '127.0.0.1');
const REFUSED = "For your safety, you can't sign in or confirm it's you inside another website. Open this site in its own window or tab to continue.";

/** Serves `inner` (the widget's page, on the backend's origin) and opens it in a frame of a page on `outerOrigin`. */
async function openFramed(page: Page, inner: string, outerOrigin: string): Promise<FrameLocator> {
  await servePage(page, '/framed.html', inner);
  await page.route(`${outerOrigin}/outer.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Another site</title></head><body><iframe src="${E2E_BASE_URL}/framed.html" title="Sign-in" width="600" height="700"></iframe></body></html>`,
    }),
  );
  await page.goto(`${outerOrigin}/outer.html`);
  return page.frameLocator('iframe[title="Sign-in"]');
}

test.describe('framed by another origin', () => {
  test('<latch-login> shows no form, and announces that the site must be opened in its own window', async ({ page }) => {
    const frame = await openFramed(page, `<latch-login issuer="/" client-id="latchkey-demo"></latch-login>`, OTHER_ORIGIN);
    const login = frame.locator('latch-login');
    await expect(login.getByRole('heading', { level: 2 })).toHaveText('Open this page in its own window');
    await expect(login.locator('#alert[role="alert"]')).toHaveText(REFUSED);
    // The notice is the whole form: no input to type a credential into, no passkey button.
    await expect(login.locator('input')).toHaveCount(0);
    await expect(login.getByRole('button')).toHaveCount(0);
  });

  test('<latch-login allow-framing> is the site opting in: the form is shown and works', async ({ page }) => {
    const frame = await openFramed(page, `<latch-login issuer="/" client-id="latchkey-demo" allow-framing></latch-login>`, OTHER_ORIGIN);
    const login = frame.locator('latch-login');
    await expect(login.getByRole('heading', { level: 2 })).toHaveText('Sign in');
    await login.getByLabel('Email').fill('framed@example.com');
    await login.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(login.getByRole('heading', { level: 2 })).not.toHaveText('Sign in');
    await expect(login.getByText(REFUSED)).toHaveCount(0);
  });

  test('<latch-step-up> asks for nothing, says why, and closing it cancels the step-up', async ({ page }) => {
    const frame = await openFramed(page, `<latch-step-up issuer="/" client-id="latchkey-demo"></latch-step-up>`, OTHER_ORIGIN);
    const challenges: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('challenge')) challenges.push(request.url());
    });
    const inner = page.frames().find((candidate) => candidate.url().endsWith('/framed.html'))!;
    const result = inner.evaluate(async () => {
      await customElements.whenDefined('latch-step-up');
      const prompt = document.querySelector('latch-step-up') as unknown as { stepUp(request: { acrValues: string[] }): Promise<void> };
      return prompt.stepUp({ acrValues: ['urn:latch:acr:mfa'] }).then(
        () => 'done',
        (error: { code?: string }) => error.code,
      );
    });
    const dialog = frame.locator('latch-step-up').getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('[role="alert"]')).toHaveText(REFUSED);
    await expect(frame.locator('latch-step-up input')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await result).toBe('LATCH_STEP_UP_CANCELLED');
    expect(challenges).toEqual([]);
  });
});

test('a frame of the same origin is the site\'s own: <latch-login> shows its form', async ({ page }) => {
  const frame = await openFramed(page, `<latch-login issuer="/" client-id="latchkey-demo"></latch-login>`, E2E_BASE_URL);
  const login = frame.locator('latch-login');
  await expect(login.getByLabel('Email')).toBeVisible();
  await expect(login.getByText(REFUSED)).toHaveCount(0);
});
