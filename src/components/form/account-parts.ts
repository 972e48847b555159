import { html, nothing, type TemplateResult } from 'lit';

// Template pieces the account elements (<latch-passkeys>, <latch-security>) share, with their public `part`
// names (docs/theming: `notice`, `notice-error`, `notice-success`, `notice-info`, `button-danger`, `hint`).

/** What the account controller says about the last change: its failure, or what it did or the user called off. */
interface Messages {
  failure?: unknown;
  cancelled?: unknown;
}

/**
 * The visible notice above a section's content: a failure in the danger colour, a done change in the success
 * colour, a change the user called off in a neutral one. The live regions announce the same words.
 */
export function accountNotices(messages: Messages, error: string, status: string): TemplateResult | typeof nothing {
  if (messages.failure && error) return html`<p class="latch-alert" part="notice notice-error">${error}</p>`;
  if (!status) return nothing;
  const tone = messages.cancelled ? 'info' : 'success';
  return html`<p class=${`latch-notice latch-notice-${tone}`} part=${`notice notice-${tone}`}>${status}</p>`;
}

/** A field's error under it, in the danger colour (referenced by the input's `aria-describedby`). */
export function fieldError(id: string, text: string): TemplateResult {
  return html`<p class="latch-error" part="hint notice-error" id=${id}>${text}</p>`;
}

/** Asks before a destructive change: the question, then the danger action and Cancel. */
export function confirmation(
  textId: string,
  text: string,
  options: { action: string; cancel: string; busy: boolean; yes: () => void; no: () => void },
): TemplateResult {
  return html`
    <div class="latch-warning" part="notice" role="group" aria-labelledby=${textId}>
      <p class="latch-text" id=${textId}>${text}</p>
      <div class="latch-row">
        <button
          type="button"
          class="latch-button latch-danger"
          part="button button-danger"
          data-confirm
          aria-disabled=${options.busy ? 'true' : 'false'}
          @click=${options.yes}
        >
          ${options.action}
        </button>
        <button type="button" class="latch-button" part="button button-secondary" @click=${options.no}>${options.cancel}</button>
      </div>
    </div>
  `;
}

/** A form's one primary action, and Cancel. */
export function submitRow(label: string, options: { cancel: string; busy: boolean; onCancel: () => void }): TemplateResult {
  return html`<div class="latch-row">
    <button type="submit" class="latch-button latch-primary" part="button button-primary" aria-disabled=${options.busy ? 'true' : 'false'}>${label}</button>
    <button type="button" class="latch-button" part="button button-secondary" @click=${options.onCancel}>${options.cancel}</button>
  </div>`;
}

/** A titled part of an account element: a `<section>` named by its `<h3>`, which takes focus after a change there. */
export function accountSection(id: string, title: string, content: unknown): TemplateResult {
  return html`<section class="latch-section" part="section" aria-labelledby=${id}>
    <h3 id=${id} part="section-heading" tabindex="-1">${title}</h3>
    ${content}
  </section>`;
}

/** Before an element's first read has arrived: "Loading…" while it runs, "Try again" once it failed. */
export function firstLoad(
  state: { loaded: boolean; pending: string | undefined; failure: unknown },
  words: { loading: string; retry: string },
  retry: () => void,
): TemplateResult | typeof nothing {
  if (state.loaded) return nothing;
  if (state.pending === 'load') return html`<p class="latch-text">${words.loading}</p>`;
  if (state.pending || !state.failure) return nothing;
  return html`<div class="latch-row">
    <button type="button" class="latch-button" part="button button-secondary" @click=${retry}>${words.retry}</button>
  </div>`;
}
