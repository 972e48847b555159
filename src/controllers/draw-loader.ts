import { lazy } from '../client/lazy.js';

// The experiments' draw code (src/experiments/draw.ts) as a chunk of its own, fetched only by a form that has
// experiments: the npm entries' way, so an app's bundle carries none of it before its form. The script tag's
// build puts draw-loader.bundled.ts in this module's place (vite.config.ts): there the code comes with the form.

/** The draw code. */
export const loadDraw = lazy(() => import('../experiments/draw.js'));

/**
 * For the forms the page's markup already declares experiments on: fetches the chunk now, while the rest of
 * Latchkey is still evaluating, rather than once the element first asks (about 40 ms later in `npm run bench`).
 * Module scripts run after the document is parsed, so the markup's forms are there; a form added later fetches
 * it at its first draw.
 */
function drawEarly(): void {
  if (typeof document === 'undefined' || !document.querySelector('latch-login:is([experiments], [config-url])')) return;
  void loadDraw().catch(() => undefined);
}
drawEarly();
