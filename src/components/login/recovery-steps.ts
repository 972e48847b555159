import { html, nothing, type TemplateResult } from 'lit';
import type { FactorStep } from '../../controllers/factor.controller.js';
import type { SectionTexts } from '../../translations/translation.js';
import { formNotice } from '../form/notice.js';
import { passkeyIcon } from './icons.js';
import type { StepView } from './login-steps.js';

// Getting back in after losing a passkey (docs/protocol.md §22), in <latch-login>: the way out of a factor step,
// the waiting period, the finish, and what to do once back in. They come with the later steps' views.

type Texts = SectionTexts<'login'> & SectionTexts<'loginSteps'>;

/** Under a second factor the user may not be able to give: "Lost your passkey?" (or "Can't use this?") starts recovery. */
export function recoveryLink(v: StepView, t: Texts, state: FactorStep): TemplateResult | typeof nothing {
  const recovery = v.flow.late?.recovery;
  if (!recovery?.available || state.reason === 'step_up') return nothing;
  return html`<button type="button" class="latch-link" part="button button-link" aria-disabled=${v.busy()} @click=${() => v.guard(() => recovery.start())}>
    ${state.step === 'webauthn' ? t.recoveryLostPasskey : t.recoveryCantUse}
  </button>`;
}

/** The recovery in its waiting period (when it can finish, and that the mailbox was told), or ready to finish. */
export function recoveryStep(v: StepView, t: Texts): TemplateResult {
  const recovery = v.flow.late!.recovery;
  const state = recovery.state;
  const ready = state?.status === 'ready';
  const onSubmit = (event: Event): void => {
    event.preventDefault();
    if (ready) v.guard(() => recovery.finish());
  };
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${onSubmit}>
      <h2 class="latch-title" part="heading" tabindex="-1">${ready ? t.recoveryReadyTitle : t.recoveryWaitingTitle}</h2>
      ${v.identity(t)} ${v.hiddenUsername()} ${v.formAlert(t)}
      ${ready
        ? html`<p class="latch-text" part="text">${t.recoveryReadyBody}</p>
            ${v.submit(t.recoveryFinish)}`
        : html`<p class="latch-text" part="text">${t.recoveryWaitingWhen({ when: when(v, state?.available_at) })}</p>
            <p class="latch-text" part="text">${t.recoveryWaitingMail({ destination: state?.destination_hint ?? v.flow.email })}</p>
            <button type="button" class="latch-button latch-secondary" part="button button-secondary" @click=${() => v.flow.changeEmail()}>
              ${t.recoveryBack}
            </button>`}
      ${state?.alternatives?.includes('passkey')
        ? html`<button type="button" class="latch-link" part="button button-link" aria-disabled=${v.busy()} @click=${() => v.guard(() => recovery.usePasskey())}>
            ${passkeyIcon}${t.recoveryUsePasskey}
          </button>`
        : nothing}
    </form>
  `;
}

/** Signed in by a recovery: a new passkey is offered (the nudge), and the lost one can go from the passkey list. */
export function recoveredNotice(v: StepView, t: Texts): TemplateResult | typeof nothing {
  const signedIn = v.flow.signedIn;
  return signedIn && v.flow.late?.recovery.recoveredAs === signedIn ? formNotice(t.recoveryRecovered, 'info') : nothing;
}

/** The backend's `available_at`, as a date and time in the element's language. */
function when(v: StepView, availableAt: number | undefined): string {
  const date = new Date((availableAt ?? 0) * 1000);
  return new Intl.DateTimeFormat(v.locale.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
