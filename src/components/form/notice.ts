import { html, type TemplateResult } from 'lit';

/** How a notice reads: `success` (done), `info` (neutral: signed out, cancelled) or `error`. */
export type NoticeTone = 'success' | 'info' | 'error';

/**
 * A notice in an element's light-DOM form, with its public parts (`notice` plus `notice-<tone>`): an error in
 * the danger colour, anything else in the success or neutral one.
 */
export function formNotice(text: string, tone: NoticeTone): TemplateResult {
  return tone === 'error'
    ? html`<p class="latch-alert" part="notice notice-error">${text}</p>`
    : html`<p class="latch-notice latch-${tone}" part="notice notice-${tone}">${text}</p>`;
}
