import { LatchStepUp } from './step-up.component.js';

export { LatchStepUp };

// A second copy of the script on the page finds the tag taken and leaves it alone (fault E1).
if (!customElements.get('latch-step-up')) customElements.define('latch-step-up', LatchStepUp);

declare global {
  interface HTMLElementTagNameMap {
    'latch-step-up': LatchStepUp;
  }
}
