import { html, nothing, svg, type TemplateResult } from 'lit';
import type { StepTexts, StepView } from './login-steps.js';

/** An eye, for the show-password toggle (only the password steps have it, so it is here, not in icons.ts). */
const eyeIcon = svg`<svg part="icon icon-eye" width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/></svg>`;

/** What a password field shows besides its input: its label, a hint above, and for a new password a live line below. */
export interface PasswordFieldOptions {
  autocomplete: 'current-password' | 'new-password';
  label: string;
  hint?: string;
  /** A line below the input that changes while typing (the strength hint), announced politely. */
  live?: string;
  onInput?: (event: InputEvent) => void;
}

/** The password input of every password step: show/hide, paste allowed, its hint and error tied to it. */
export function passwordField(v: StepView, t: StepTexts, options: PasswordFieldOptions): TemplateResult {
  const id = `${v.uid}-password`;
  const hintId = `${id}-hint`;
  const liveId = `${id}-live`;
  const { hint, live } = options;
  const describedBy = [hint ? hintId : '', live === undefined ? '' : liveId, v.describedBy('password') ?? ''].join(' ').trim();
  return html`
    ${v.hiddenUsername()}
    <div class="latch-field">
      <label class="latch-label" part="label" for=${id}>${options.label}</label>
      ${hint ? html`<p class="latch-hint" part="hint" id=${hintId}>${hint}</p>` : nothing}
      <div class="latch-password">
        <input
          id=${id}
          class="latch-input"
          part="input input-password"
          type=${v.revealPassword ? 'text' : 'password'}
          name="password"
          autocomplete=${options.autocomplete}
          autocapitalize="none"
          spellcheck="false"
          required
          data-autofocus
          aria-invalid=${v.invalid('password')}
          aria-describedby=${describedBy || nothing}
          @input=${options.onInput ?? nothing}
        />
        <button
          type="button"
          class="latch-reveal" part="button button-reveal"
          aria-pressed=${v.revealPassword ? 'true' : 'false'}
          aria-controls=${id}
          @click=${v.onReveal}
        >
          ${eyeIcon}<span class="latch-sr">${t.showPassword}</span>
        </button>
      </div>
      ${live === undefined ? nothing : html`<p class="latch-hint" part="hint" id=${liveId} aria-live="polite">${live}</p>`}
      ${v.fieldError(t, 'password')}
    </div>
  `;
}
