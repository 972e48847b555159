import { LatchDevices } from './devices.component.js';

export { LatchDevices };

// A second copy of the script on the page finds the tag taken and leaves it alone (fault E1).
if (!customElements.get('latch-devices')) customElements.define('latch-devices', LatchDevices);

declare global {
  interface HTMLElementTagNameMap {
    'latch-devices': LatchDevices;
  }
}
