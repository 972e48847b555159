import { LatchPrivacy } from './privacy.component.js';

export { LatchPrivacy };

// A second copy of the script on the page finds the tag taken and leaves it alone (fault E1).
if (!customElements.get('latch-privacy')) customElements.define('latch-privacy', LatchPrivacy);

declare global {
  interface HTMLElementTagNameMap {
    'latch-privacy': LatchPrivacy;
  }
}
