import { LatchLogin } from './login.component.js';

export { LatchLogin };

// A second copy of the script on the page finds the tag taken and leaves it alone (fault E1).
if (!customElements.get('latch-login')) customElements.define('latch-login', LatchLogin);

declare global {
  interface HTMLElementTagNameMap {
    'latch-login': LatchLogin;
  }
}
