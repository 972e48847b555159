import { html, nothing, type TemplateResult } from 'lit';
import { passwordStrength, type PasswordStrength } from '../../controllers/password-strength.js';
import type { SectionTexts } from '../../translations/translation.js';
import type { StepTexts, StepView } from './login-steps.js';
import { passwordField } from './password-field.js';

// The views of the password reset (docs/protocol.md §19) and of the password-first sign-in (§19.1): the
// reset's code step is the code view with its purpose; these are the rest.

/** "Forgot password?", next to the password field. */
export function forgotPasswordLink(v: StepView, t: StepTexts): TemplateResult {
  return html`<p class="latch-text" part="text">
    <button type="button" class="latch-link" part="button button-link" @click=${() => v.guard(() => v.flow.forgotPassword())}>${t.forgotPassword}</button>
  </p>`;
}

/** On the password step the backend chose for this browser: an email code instead, one click away. */
export function preferredCodeLink(v: StepView, t: StepTexts): TemplateResult | typeof nothing {
  if (!v.flow.preferredPassword || !v.flow.offered.includes('email_otp')) return nothing;
  return html`<button type="button" class="latch-link" part="button button-link" @click=${() => v.guard(() => v.flow.sendCode(false))}>
    ${t.preferredEmailCode}
  </button>`;
}

/** The reset's new password: the sign-up rules, with a strength hint from the length alone. */
export function newPasswordStep(v: StepView, t: StepTexts): TemplateResult {
  const min = v.flow.passwordMinLength;
  const strength: Record<PasswordStrength, string> = {
    short: t.resetStrengthShort,
    fair: t.resetStrengthFair,
    good: t.resetStrengthGood,
    strong: t.resetStrengthStrong,
  };
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${v.onNewPassword}>
      <h2 class="latch-title" part="heading" tabindex="-1">${t.resetNewPasswordTitle}</h2>
      ${v.identity(t)} ${v.formAlert(t)}
      ${passwordField(v, t, {
        autocomplete: 'new-password',
        label: t.newPasswordLabel,
        hint: t.passwordHint({ count: min }),
        live: v.newPasswordStrength ? strength[v.newPasswordStrength] : '',
        // Only the strength is kept, never the password itself.
        onInput: (event) => {
          const { value } = event.target as HTMLInputElement;
          v.onNewPasswordInput(value ? passwordStrength(value, min) : undefined);
        },
      })}
      ${v.submit(t.resetSubmit)}
    </form>
  `;
}

/** The words of the reset's notices. */
export function resetNotice(t: SectionTexts<'loginSteps'>, notice: 'codeAlreadySent' | 'passwordReset'): string {
  return notice === 'passwordReset' ? t.resetDone : t.resetCodeAlreadySent;
}
