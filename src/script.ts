/**
 * The script-tag entry (`dist/latchkey.js`, `dist/latchkey.iife.js`): registers <latch-login> now and each
 * other element when its tag first appears, like the npm entry (define.ts), built self-contained. It exports
 * nothing, so the file carries only what the elements use. Apps that also want the client import it from
 * the npm package.
 */
import './login.js';
import { heldDraws } from './controllers/experiments.controller.js';
import { loadTranslation, registerTranslation, type PartialTranslation } from './translations/translation.js';

/** What the script-tag bundle offers the page as `window.Latchkey` (the npm entries export the same functions). */
interface ScriptApi {
  registerTranslation: typeof registerTranslation;
  loadTranslation: typeof loadTranslation;
  /** Locales a page set before this script ran (`window.Latchkey = { translations: { … } }`), registered on load. */
  translations?: Record<string, PartialTranslation>;
}

declare global {
  interface Window {
    Latchkey?: Partial<ScriptApi>;
  }
}

const api = Object.assign((window.Latchkey ??= {}), { registerTranslation, loadTranslation });
for (const [tag, translation] of Object.entries(api.translations ?? {})) registerTranslation(tag, translation);

// The watcher that defines the other elements on first sight is not needed to draw the form, so it travels in
// the client's chunk (vite.config.ts) and is started once the first frame is painted, as <latch-login> fetches
// that chunk: no byte of it before the form, and no request of its own on a sign-in page. A chunk that fails to
// load leaves the tags undefined, quietly. A form whose first draw waits for its experiment's variants is drawn
// first (heldDraws).
requestAnimationFrame(() =>
  setTimeout(
    () =>
      void heldDraws()
        .then(() => import('./elements/lazy-tags.js'))
        .then(({ defineLazyTags }) => defineLazyTags(), () => undefined),
  ),
);
