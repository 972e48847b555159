/**
 * The script-tag entry (`dist/latchkey.js`, `dist/latchkey.iife.js`): registers every element and exports
 * nothing, so the file carries only what the elements use. Apps that also want the client import it from
 * the npm package.
 */
import './components/login/login.js';
import './components/step-up/default-handler.js';
import { relayPopupCallback } from './popup-callback.js';

relayPopupCallback();

// The SSO buttons are a chunk of their own: fetched when the page uses the tag (here), or when
// <latch-login> learns the backend has connections.
if (document.querySelector('latch-social-buttons')) void import('./components/social-buttons/social-buttons.js');

// <latch-step-up> too: fetched when the page uses the tag, or on the first step-up (default-handler.ts).
if (document.querySelector('latch-step-up')) void import('./components/step-up/step-up.js');
// The account elements (passkey management, security settings) are chunks of their own too, fetched only
// by a page that uses their tags.
if (document.querySelector('latch-security')) void import('./components/security/security.js');
else if (document.querySelector('latch-passkeys')) void import('./components/passkeys/passkeys.js');
// The session watcher is a chunk of its own too, fetched only by pages that use it.
if (document.querySelector('latch-session-timeout')) void import('./components/session/session-timeout.js');
