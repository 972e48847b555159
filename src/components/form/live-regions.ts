import { html, nothing, type TemplateResult } from 'lit';
import { liveText } from '../../controllers/focus.js';

/**
 * An element's two live regions (WCAG 2.2 SC 4.1.3): polite news in `status`, failures in `alert`. The
 * announcement count makes a repeated message a new one, so it is announced again.
 */
export function liveRegions(status: string, alert: string, announcement: number): TemplateResult {
  return html`<div class="live" role="status">${liveText(status, announcement)}</div>
    <div class="live" role="alert">${liveText(alert, announcement)}</div>`;
}

/**
 * An account element's shadow content: the card (part `card`) around its slotted light-DOM form, and its live
 * regions; `dir` is the element's language's direction (none where the page set its own).
 */
export function liveCard(status: string, alert: string, announcement: number, dir?: 'ltr' | 'rtl'): TemplateResult {
  return html`<div part="card" class="card" dir=${dir ?? nothing}><slot></slot>${liveRegions(status, alert, announcement)}</div>`;
}
