import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './support/widget.js';

// The theme playground (/playground/): a designer changes tokens and sees the preview change, then copies
// the CSS of what they changed. The states gallery is another page; until it exists, the preview is the
// plain sign-in page (`?frame=`), which the playground styles the same way.

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PLAYGROUND = '/playground/?frame=/plain.html';

/** The preview's document, once its sign-in form is drawn. */
async function preview(page: Page): Promise<Frame> {
  await page.frameLocator('#frame').locator('latch-login [part~="button-primary"]').waitFor();
  const frame = await (await page.locator('#frame').elementHandle())!.contentFrame();
  expect(new URL(frame!.url()).pathname, 'the preview frame').toBe('/plain.html');
  return frame!;
}

/** The computed style of the preview's primary button. */
function primaryButton(frame: Frame): Promise<{ background: string; height: number }> {
  return frame.locator('latch-login [part~="button-primary"]').evaluate((button) => ({
    background: getComputedStyle(button).backgroundColor,
    height: button.getBoundingClientRect().height,
  }));
}

test.describe('theme playground', () => {
  test('a new primary colour and density restyle the preview, and Copy CSS gives exactly the changed tokens', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(PLAYGROUND);
    const frame = await preview(page);
    const before = await primaryButton(frame);
    expect(before.background).toBe('rgb(31, 95, 214)');

    await page.getByLabel('Primary, light theme', { exact: true }).fill('#0a6b3f');
    await page.getByLabel('Density').selectOption('1.15');

    await expect.poll(() => primaryButton(frame).then((button) => button.background)).toBe('rgb(10, 107, 63)');
    const after = await primaryButton(frame);
    expect(after.height).toBeCloseTo(before.height * 1.15, 0);

    await page.getByRole('button', { name: 'Copy CSS' }).click();
    await expect(page.locator('#copy-status')).toHaveText('Copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(':root {\n  --latch-color-primary: #0a6b3f;\n  --latch-density: 1.15;\n}\n');
  });

  test('dark theme, right to left and a language are set on the preview, with the dark brand colour', async ({ page }) => {
    await page.goto(PLAYGROUND);
    const frame = await preview(page);
    await page.getByLabel('Primary, dark theme', { exact: true }).fill('#7ee2a8');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('radio', { name: 'Right to left' }).check();
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => primaryButton(frame).then((button) => button.background)).toBe('rgb(126, 226, 168)');
    const root = await frame.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));
    expect(root).toEqual({ dir: 'rtl', lang: 'ar' });
    await expect(frame.locator('latch-login')).toHaveAttribute('theme', 'dark');
  });

  test('each provider button carries its provider part and follows the radius token', async ({ page }) => {
    await page.goto(PLAYGROUND);
    const frame = await preview(page);
    const google = frame.locator('latch-social-buttons').locator('[part~="provider-google"]');
    await expect(google).toHaveText('Continue with Google');
    await expect(frame.locator('latch-social-buttons').locator('[part~="provider-github"]')).toHaveAttribute('part', 'button provider-button provider-github');
    await page.getByLabel('Corner radius').fill('1.5');
    await expect.poll(() => google.evaluate((button) => getComputedStyle(button).borderTopLeftRadius)).toBe('24px');
  });

  test('the playground passes axe, the preview included', async ({ page }) => {
    await page.goto(PLAYGROUND);
    const frame = await preview(page);
    await frame.evaluate(axeSource);
    await expectAccessible(page, 'playground');
  });

  test('the preview refuses a page of another origin and shows the states gallery instead', async ({ page }) => {
    await page.goto('/playground/?frame=https://example.com/evil.html');
    await expect(page.locator('#frame')).toHaveAttribute('src', /^\/playground\/states\.html\?/);
  });
});
