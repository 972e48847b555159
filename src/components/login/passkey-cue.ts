import { html, nothing, type TemplateResult } from 'lit';
import type { StepTexts, StepView } from './login-steps.js';

// After a passkey sign-in, once per device and briefly, that passkeys cannot be phished (issue 14; the decision
// and the device's memory of it are in controllers/passkey-cue.ts).

/** The passkey cue, when the `passkey` signal is on and the sign-in on screen is the one that earned it. */
export function passkeyCue(v: StepView, t: StepTexts): TemplateResult | typeof nothing {
  return v.showsTrust('passkey') && v.flow.late?.cue.shows(v.flow.signedIn)
    ? html`<p class="latch-notice latch-info" part="notice notice-info passkey-cue">${t.passkeyCue}</p>`
    : nothing;
}
