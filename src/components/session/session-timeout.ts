import { LatchSessionTimeout } from './session-timeout.component.js';

export { LatchSessionTimeout };

// A second copy of the script on the page finds the tag taken and leaves it alone (fault E1).
if (!customElements.get('latch-session-timeout')) customElements.define('latch-session-timeout', LatchSessionTimeout);

declare global {
  interface HTMLElementTagNameMap {
    'latch-session-timeout': LatchSessionTimeout;
  }
}
