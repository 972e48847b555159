/**
 * Registers every Latchkey element. This is the script-tag entry: `<script type="module" src="latchkey.js">`.
 * @packageDocumentation
 */
import './components/login/login.js';
import './components/social-buttons/social-buttons.js';
import './components/session/session-timeout.js';
import { relayPopupCallback } from './popup-callback.js';

relayPopupCallback();

export * from './index.js';
