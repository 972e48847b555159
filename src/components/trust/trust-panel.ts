import { LatchTrustPanel } from './trust-panel.component.js';

export { LatchTrustPanel };

// A second copy of the script on the page finds the tag taken and leaves it alone (fault E1).
if (!customElements.get('latch-trust-panel')) customElements.define('latch-trust-panel', LatchTrustPanel);

declare global {
  interface HTMLElementTagNameMap {
    'latch-trust-panel': LatchTrustPanel;
  }
}
