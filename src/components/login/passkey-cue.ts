import { nothing } from 'lit';
import type { StepTexts, StepView } from './login-steps.js';

// After a passkey sign-in, once and briefly, that passkeys cannot be phished (issue 14). (Filled in by branch
// i14-methods.)

/** The passkey cue, when the `passkey` signal is on. */
export function passkeyCue(_v: StepView, _t: StepTexts): typeof nothing {
  return nothing;
}
