/**
 * Registers every Latchkey element. This is the script-tag entry: `<script type="module" src="latchkey.js">`.
 * @packageDocumentation
 */
import './components/login/login.js';
import './components/social-buttons/social-buttons.js';
import './components/step-up/default-handler.js';
import './components/session/session-timeout.js';
import { relayPopupCallbackHere } from './popup-callback-loader.js';

relayPopupCallbackHere();

/** A chunk that did not load (offline, blocked) leaves its tag undefined, quietly: never an unhandled rejection. */
const chunkMissing = (): void => undefined;

// <latch-step-up> loads when the page uses the tag, or on the first step-up (default-handler.ts).
if (document.querySelector('latch-step-up')) import('./components/step-up/step-up.js').catch(chunkMissing);
// The account elements load only on a page that uses them (they are not needed to sign in).
if (document.querySelector('latch-security')) import('./components/security/security.js').catch(chunkMissing);
else if (document.querySelector('latch-passkeys')) import('./components/passkeys/passkeys.js').catch(chunkMissing);

export * from './index.js';
