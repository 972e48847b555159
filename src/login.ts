/**
 * `latchkey/login`: registers <latch-login> with what a sign-in page needs around it — the step-up dialog's
 * default handler (the dialog's code is fetched on the first step-up) and, on a popup's callback page, the
 * relay of the callback to its opener. The other elements are not included: import their own entries, or
 * `latchkey`, which defines each of them when its tag appears.
 * @packageDocumentation
 */
import './components/login/login.js';
import './components/step-up/default-handler.js';
import { relayPopupCallbackHere } from './popup-callback-loader.js';

relayPopupCallbackHere();
