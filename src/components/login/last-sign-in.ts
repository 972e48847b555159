import { nothing } from 'lit';
import type { StepTexts, StepView } from './login-steps.js';

// After sign-in (issue 14; profile §26.3–§26.4): "Last signed in 3 days ago on Chrome, macOS" with a link to
// the activity page, and a brief notice after a sign-in from a new device. (Filled in by branch i14-newdevice.)

/** The customer's previous sign-in, when the backend told it and the `last-sign-in` signal is on. */
export function lastSignInLine(_v: StepView, _t: StepTexts): typeof nothing {
  return nothing;
}

/** After a sign-in from a new device, when the `new-device` signal is on. */
export function newDeviceNotice(_v: StepView, _t: StepTexts): typeof nothing {
  return nothing;
}
