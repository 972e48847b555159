/**
 * Registers every Latchkey element. This is the script-tag entry: `<script type="module" src="latchkey.js">`.
 * @packageDocumentation
 */
import './components/login/login.js';
import './components/social-buttons/social-buttons.js';
import { relayPopupCallback } from './popup-callback.js';

relayPopupCallback();

// The account elements load only on a page that uses them (they are not needed to sign in).
if (document.querySelector('latch-security')) void import('./components/security/security.js');
else if (document.querySelector('latch-passkeys')) void import('./components/passkeys/passkeys.js');

export * from './index.js';
