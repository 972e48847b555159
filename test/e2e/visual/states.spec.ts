import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, test } from '../support/widget.js';

// Every state of the states gallery (demo/public/playground/states.html, driven by its in-page fixture client)
// at 320, 390 and 1280 px, in light, dark and right-to-left: the picture against the committed baseline (with a
// tolerance), nothing wider than the screen or its card (WCAG 2.2 SC 1.4.10), and axe at 320 and 1280 px.
// Baselines change only on purpose: `npx playwright test test/e2e/visual --update-snapshots` (README, "Visual tests").

/** The gallery's states, in its order; a test below checks the gallery draws exactly these. */
const STATES = [
  'identifier',
  'passkey-first',
  'combined',
  'sign-up',
  'error',
  'code',
  'code-error',
  'password',
  'methods',
  'passkey',
  'second-factor',
  'signed-in',
  'nudge',
  'long-email',
  'long-signed-in',
  'social-buttons',
  'social-compact',
  'passkeys',
  'passkeys-empty',
  'passkeys-remove',
  'passkeys-error',
  'security',
  'security-setup',
  'recovery-codes',
  'privacy',
  'privacy-delete',
  'devices',
  'consent-banner',
  'consent-preferences',
  'step-up',
  'session-warning',
  'consent-modal',
] as const;

/** States drawn as a modal dialog (the picture is the dialog). */
const DIALOGS: Record<string, string> = {
  'step-up': 'latch-step-up',
  'session-warning': 'latch-session-timeout',
  'consent-modal': 'latch-consent-banner',
};

/** The page's options per variant; right-to-left is Arabic, so the glyphs are checked too. */
const VARIANTS = {
  light: 'theme=light&dir=ltr&lang=en',
  dark: 'theme=dark&dir=ltr&lang=en',
  rtl: 'theme=light&dir=rtl&lang=ar',
} as const;

const WIDTHS = [320, 390, 1280] as const;
/** Where axe runs: the narrowest (400 % zoom of a 1280 px window) and the widest. */
const AXE_WIDTHS: readonly number[] = [320, 1280];

/** Anti-aliasing differs a little between runs; a real change moves far more than this. */
const TOLERANCE = { maxDiffPixelRatio: 0.01, threshold: 0.2 } as const;

async function open(page: Page, state: string, variant: keyof typeof VARIANTS): Promise<void> {
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  await page.goto(`/playground/states.html?state=${state}&${VARIANTS[variant]}`);
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator(`.state[data-state="${state}"]`)).toHaveAttribute('data-ready', 'true');
}

/**
 * States whose picture is the part that changed, not the whole security page around it (the page itself is the
 * `security` state), so the baselines stay small.
 */
const PARTS: Record<string, string> = {
  'security-setup': 'latch-security section:has(.latch-qr)',
  'recovery-codes': 'latch-security section:has([data-codes])',
  'passkeys-remove': 'latch-passkeys li:has([data-confirm])',
  'privacy-delete': 'latch-privacy section:has(form.latch-warning)',
  // The banner's host is `display: contents`: the picture is its bar.
  'consent-banner': 'latch-consent-banner [part~="banner"]',
  'consent-preferences': 'latch-consent-banner [part~="banner"]',
};

/** What the picture is of: the dialog, the state's element or its changed part (never the whole page). */
function subject(page: Page, state: string): Locator {
  const dialog = DIALOGS[state];
  if (dialog) return page.locator(dialog).locator('dialog[open]');
  return page.locator(`.state[data-state="${state}"] .stage`).locator(PARTS[state] ?? ':scope > *');
}

/**
 * What sticks out: any box (light DOM and open shadow roots) past the viewport's edges, any box of an element's
 * content past its card, any scroll container whose content is wider than it, and a page that scrolls sideways.
 */
function overflows(page: Page, state: string): Promise<string[]> {
  return page.evaluate((name) => {
    const found: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    const describe = (node: Element) => `${node.localName}${node.id ? `#${node.id}` : ''}${node.className && typeof node.className === 'string' ? `.${node.className.trim().replace(/\s+/g, '.')}` : ''}`;
    const check = (node: Element, card: DOMRect | undefined) => {
      const box = node.getBoundingClientRect();
      // Nothing drawn, or visually hidden (live regions, screen-reader text: clipped to a pixel).
      if (box.width <= 1 || box.height <= 1) return;
      if (box.left < -1 || box.right > width + 1) found.push(`${describe(node)} leaves the viewport (${Math.round(box.left)}–${Math.round(box.right)} of ${width})`);
      if (card && (box.left < card.left - 1 || box.right > card.right + 1)) found.push(`${describe(node)} leaves its card`);
      const style = getComputedStyle(node);
      if (style.overflowX !== 'visible' && node.scrollWidth > node.clientWidth + 1) found.push(`${describe(node)} scrolls sideways`);
    };
    const walk = (root: ParentNode, card: DOMRect | undefined) => {
      for (const node of root.querySelectorAll('*')) {
        check(node, card);
        if (node.shadowRoot) {
          const own = node.shadowRoot.querySelector('[part~="card"], dialog[open]')?.getBoundingClientRect();
          walk(node.shadowRoot, undefined);
          if (node.localName.startsWith('latch-')) walk(node, own ?? card);
        }
      }
    };
    const stage = document.querySelector(`.state[data-state="${name}"] .stage`);
    if (stage) walk(stage, undefined);
    return [...new Set(found)];
  }, state);
}

test.describe('states gallery', () => {
  // The privacy center writes its fixed dates in full (date and time): the same zone wherever the tests run.
  test.use({ timezoneId: 'UTC' });

  test('draws every state the visual tests shoot, each without a failure', async ({ page }) => {
    await page.goto('/playground/states.html');
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
    await expect(page.locator('.state')).toHaveCount(STATES.length);
    expect(await page.locator('.state').evaluateAll((tiles) => tiles.map((tile) => (tile as HTMLElement).dataset['state']))).toEqual([...STATES]);
    await expect(page.locator('.state[data-ready="failed"]')).toHaveCount(0);
  });

  for (const state of STATES) {
    for (const variant of Object.keys(VARIANTS) as Array<keyof typeof VARIANTS>) {
      test(`${state}, ${variant}: holds at 320, 390 and 1280 px, matches its baselines, passes axe`, async ({ page }) => {
        await open(page, state, variant);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await expect(subject(page, state)).toBeVisible();
          expect(await overflows(page, state), `overflow at ${width} px`).toEqual([]);
          if (AXE_WIDTHS.includes(width)) await expectAccessible(page, `${state}, ${variant}, ${width} px`);
          await expect
            .soft(subject(page, state))
            .toHaveScreenshot(`${state}-${variant}-${width}.png`, {
              ...TOLERANCE,
              // The idle countdown ticks every second.
              mask: [page.locator('latch-session-timeout .countdown')],
            });
        }
      });
    }
  }
});
