import { html, nothing, type TemplateResult } from 'lit';
import type { Notice } from '../../controllers/sign-in.controller.js';
import type { LocaleController } from '../../controllers/locale.controller.js';
import { loginSteps } from '../../translations/locales/en/login-steps.js';
import type { StepTexts, StepView } from './login-steps.js';
import { codeField, resendActions } from './step-parts.js';

// The view of the `email_link` step (docs/protocol.md §20): "Check your email" while the page polls, the code of
// a link opened on another device, and a new link after the countdown. Loaded with the other later steps.

/** The link step: the address it went to, then, once the link was opened on another device, that device's code. */
export function linkStep(v: StepView, t: StepTexts): TemplateResult {
  const link = v.flow.emailLink;
  const state = link?.state;
  const wait = link?.resendIn() ?? 0;
  // The same view proves the mailbox for a password reset (docs/protocol.md §19), titled for it.
  const reset = state?.purpose === 'password_reset';
  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[name="one-time-code"]');
    if (input && link) v.guard(() => link.confirm(input.value));
  };
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${onSubmit}>
      <h2 class="latch-title" part="heading" tabindex="-1">${reset ? t.resetCodeTitle : t.codeTitle}</h2>
      <p class="latch-text" part="subheading">${(reset ? t.linkResetSent : t.linkSent)({ destination: state?.destinationHint ?? v.flow.email })}</p>
      ${v.formAlert(t)} ${v.hiddenUsername()} ${state?.confirmation ? confirmation(v, t, state.confirmation.codeLength) : nothing}
      ${resendActions(v, t, {
        label: t.linkResend,
        countdown: t.linkResendIn({ count: wait }),
        wait,
        send: () => link?.resend() ?? Promise.resolve(),
      })}
    </form>
  `;
}

/** The code a link opened on another device shows, typed here (the attacker who asked for the link has not seen it). */
function confirmation(v: StepView, t: StepTexts, length: number): TemplateResult {
  return html`
    <p class="latch-text" part="text">${t.linkElsewhere}</p>
    ${codeField(v, t, { label: t.linkCodeLabel, hint: t.linkCodeHint({ count: length }) })}
    ${v.submit(t.linkConfirm)}
  `;
}

/** The words of the link step's notices, which only this chunk carries. */
export function linkNotice(locale: LocaleController, notice: Extract<Notice, 'linkResent' | 'linkOpenedElsewhere'>): string {
  const t = locale.texts('loginSteps', loginSteps);
  return notice === 'linkResent' ? t.linkResent : t.linkElsewhere;
}
