import { LatchPasskeys } from './passkeys.component.js';

export { LatchPasskeys };

// A second copy of the script on the page finds the tag taken and leaves it alone (fault E1).
if (!customElements.get('latch-passkeys')) customElements.define('latch-passkeys', LatchPasskeys);

declare global {
  interface HTMLElementTagNameMap {
    'latch-passkeys': LatchPasskeys;
  }
}
