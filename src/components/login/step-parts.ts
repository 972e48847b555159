import { html, nothing, type TemplateResult } from 'lit';
import { codeInput } from '../form/code-input.js';
import type { StepTexts, StepView } from './login-steps.js';

// Pieces the emailed-code and emailed-link steps share.

/** The one-time code field of a step (the `code` field of the flow), with its label and hint. */
export function codeField(v: StepView, t: StepTexts, words: { label: string; hint: string }): TemplateResult {
  return html`
    <div class="latch-field">
      <label class="latch-label" part="label" for=${`${v.uid}-code`}>${words.label}</label>
      <p class="latch-hint" part="hint" id=${`${v.uid}-code-hint`}>${words.hint}</p>
      ${codeInput({
        id: `${v.uid}-code`,
        autofocus: true,
        invalid: v.invalid('code') === 'true',
        describedBy: `${v.uid}-code-hint ${v.describedBy('code') ?? ''}`.trim(),
      })}
      ${v.fieldError(t, 'code')}
    </div>
  `;
}

/** What a step's "send a new one" offers: its words, the seconds left before it may, and the action. */
export interface Resend {
  label: string;
  /** "You can ask for a new … in {count} s.", worded for the current count. */
  countdown: string;
  wait: number;
  send(): Promise<void>;
}

/**
 * The row under an emailed code or link: send a new one (after its countdown), and another method or a
 * different address, with the countdown's hint under it.
 */
export function resendActions(v: StepView, t: StepTexts, resend: Resend): TemplateResult {
  const { wait } = resend;
  return html`
    <div class="latch-row" part="actions">
      <button
        type="button"
        class="latch-link" part="button button-link"
        ?disabled=${wait > 0}
        aria-describedby=${wait > 0 ? `${v.uid}-resend` : nothing}
        @click=${() => v.guard(() => resend.send())}
      >
        ${resend.label}
      </button>
      ${v.flow.mode === 'sign-in' && v.flow.offered.length > 1
        ? html`<button type="button" class="latch-link" part="button button-link" @click=${() => v.flow.showMethods()}>${t.useAnotherMethod}</button>`
        : html`<button type="button" class="latch-link" part="button button-link" @click=${() => v.flow.changeEmail()}>${t.change}</button>`}
    </div>
    <p class="latch-hint" part="hint" id=${`${v.uid}-resend`} ?hidden=${wait === 0}>${resend.countdown}</p>
  `;
}
