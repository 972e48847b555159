import { LatchSecurity } from './security.component.js';
// It shows the passkey list, so it registers that element too.
import '../passkeys/passkeys.js';

export { LatchSecurity };

// A second copy of the script on the page finds the tag taken and leaves it alone (fault E1).
if (!customElements.get('latch-security')) customElements.define('latch-security', LatchSecurity);

declare global {
  interface HTMLElementTagNameMap {
    'latch-security': LatchSecurity;
  }
}
