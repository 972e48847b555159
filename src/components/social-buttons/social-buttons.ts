import { LatchSocialButtons } from './social-buttons.component.js';

export { LatchSocialButtons };

// A second copy of the script on the page finds the tag taken and leaves it alone (fault E1).
if (!customElements.get('latch-social-buttons')) customElements.define('latch-social-buttons', LatchSocialButtons);

declare global {
  interface HTMLElementTagNameMap {
    'latch-social-buttons': LatchSocialButtons;
  }
}
