import { html, type TemplateResult } from 'lit';

/** How one code input is wired into its form. */
export interface CodeInputOptions {
  id: string;
  /** Ids of the hint and, when invalid, the error. */
  describedBy: string;
  invalid: boolean;
  /** A recovery code (free text, never autofilled) instead of a one-time code. */
  recovery?: boolean;
  /** Whether a new step focuses it first. */
  autofocus?: boolean;
  /** The code as typed, when the element keeps it across redraws. */
  value?: string;
  onInput?: (value: string) => void;
}

/**
 * The one-time code input of every element's light-DOM form (sign-in, second factors, step-up, enrolment):
 * `autocomplete="one-time-code"` and the numeric keyboard, paste allowed (WCAG 2.2 SC 3.3.8).
 */
export function codeInput(options: CodeInputOptions): TemplateResult {
  const { recovery = false, onInput } = options;
  return html`<input
    id=${options.id}
    class="latch-input latch-code"
    part="input input-code"
    type="text"
    name=${recovery ? 'recovery-code' : 'one-time-code'}
    autocomplete=${recovery ? 'off' : 'one-time-code'}
    inputmode=${recovery ? 'text' : 'numeric'}
    autocapitalize="none"
    spellcheck="false"
    required
    ?data-autofocus=${options.autofocus}
    .value=${options.value ?? ''}
    @input=${(event: InputEvent) => onInput?.((event.target as HTMLInputElement).value)}
    aria-invalid=${options.invalid ? 'true' : 'false'}
    aria-describedby=${options.describedBy}
  />`;
}
