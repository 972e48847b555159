/**
 * The script-tag entry (`dist/latchkey.js`, `dist/latchkey.iife.js`): registers every element and exports
 * nothing, so the file carries only what the elements use. Apps that also want the client import it from
 * the npm package.
 */
import './components/login/login.js';
import { relayPopupCallback } from './popup-callback.js';

relayPopupCallback();

// The SSO buttons are a chunk of their own: fetched when the page uses the tag (here), or when
// <latch-login> learns the backend has connections.
if (document.querySelector('latch-social-buttons')) void import('./components/social-buttons/social-buttons.js');
// The session watcher is a chunk of its own too, fetched only by pages that use it.
if (document.querySelector('latch-session-timeout')) void import('./components/session/session-timeout.js');
