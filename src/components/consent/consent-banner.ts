import { LatchConsentBanner } from './consent-banner.component.js';

export { LatchConsentBanner };

// A second copy of the script on the page finds the tag taken and leaves it alone (fault E1).
if (!customElements.get('latch-consent-banner')) customElements.define('latch-consent-banner', LatchConsentBanner);

declare global {
  interface HTMLElementTagNameMap {
    'latch-consent-banner': LatchConsentBanner;
  }
}
