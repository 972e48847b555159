/**
 * The script-tag entry (`dist/latchkey.js`, `dist/latchkey.iife.js`): registers every element and exports
 * nothing, so the file carries only what the elements use. Apps that also want the client import it from
 * the npm package.
 */
import './components/login/login.js';
import './components/step-up/default-handler.js';
import { relayPopupCallbackHere } from './popup-callback-loader.js';
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

relayPopupCallbackHere();

const api = Object.assign((window.Latchkey ??= {}), { registerTranslation, loadTranslation });
for (const [tag, translation] of Object.entries(api.translations ?? {})) registerTranslation(tag, translation);

/** A chunk that did not load (offline, blocked) leaves its tag undefined, quietly: never an unhandled rejection. */
const chunkMissing = (): void => undefined;

// The SSO buttons are a chunk of their own: fetched when the page uses the tag (here), or when
// <latch-login> learns the backend has connections.
if (document.querySelector('latch-social-buttons')) import('./components/social-buttons/social-buttons.js').catch(chunkMissing);

// <latch-step-up> too: fetched when the page uses the tag, or on the first step-up (default-handler.ts).
if (document.querySelector('latch-step-up')) import('./components/step-up/step-up.js').catch(chunkMissing);
// The account elements (passkey management, security settings) are chunks of their own too, fetched only
// by a page that uses their tags.
if (document.querySelector('latch-security')) import('./components/security/security.js').catch(chunkMissing);
else if (document.querySelector('latch-passkeys')) import('./components/passkeys/passkeys.js').catch(chunkMissing);
// The session watcher is a chunk of its own too, fetched only by pages that use it.
if (document.querySelector('latch-session-timeout')) import('./components/session/session-timeout.js').catch(chunkMissing);
