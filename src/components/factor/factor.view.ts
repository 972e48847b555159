import { html, nothing, type TemplateResult } from 'lit';
import type { FactorController, FactorFailure } from '../../controllers/factor.controller.js';
import type { LocaleController } from '../../controllers/locale.controller.js';
import type { Factor, Reason } from '../../protocol/index.js';
import { factor as english } from '../../translations/locales/en/factor.js';
import type { SectionTexts } from '../../translations/translation.js';
import { passkeyIcon } from '../login/icons.js';
import { codeInput } from '../form/code-input.js';
import { formNotice } from '../form/notice.js';

// One factor step as light DOM markup, drawn by `<latch-login>` (second factor) and `<latch-step-up>`:
// the code input sits in a real <form> with `autocomplete="one-time-code"` so autofill, password managers
// and paste all work (WCAG 2.2 SC 3.3.8).

/** What the view needs from its element. */
export interface FactorViewOptions {
  factor: FactorController;
  /** The element's language. */
  locale: LocaleController;
  /** A prefix for ids, unique on the page. */
  uid: string;
  /** Drawn first inside the form: the heading (and the reason) where the element puts them there. */
  header?: TemplateResult | typeof nothing;
  /** Drawn after the header: extra form content such as a hidden username for password managers. */
  extra?: TemplateResult | typeof nothing;
  /** Drawn last: another way out of the step, such as `<latch-login>`'s account recovery link. */
  footer?: TemplateResult | typeof nothing;
}

type FactorTexts = SectionTexts<'factor'>;

/** The words of the factor steps (English; `locale.texts('factor', factorEnglish)` gives the page's). */
export const factorEnglish = english;

const REASONS: Record<Reason, keyof FactorTexts> = {
  new_device: 'reasonNewDevice',
  many_failures: 'reasonManyFailures',
  mfa_enrolled: 'reasonMfaEnrolled',
  step_up: 'reasonStepUp',
};

const OFFERS: Record<Factor, keyof FactorTexts> = {
  passkey: 'offerPasskey',
  totp: 'offerTotp',
  sms_otp: 'offerSms',
  email_otp: 'offerEmail',
  recovery_code: 'offerRecoveryCode',
};

/** Why the backend asks for a second factor, in plain words. */
export function reasonText(t: FactorTexts, reason: Reason): string {
  return t[REASONS[reason]] as string;
}

function texts(locale: LocaleController): FactorTexts {
  return locale.texts('factor', english);
}

/** The text of a failure, for the field and the live region. */
export function factorFailureText(options: Pick<FactorViewOptions, 'factor' | 'locale'>, failure: FactorFailure): string {
  const { factor, locale } = options;
  const t = texts(locale);
  if (failure.problem) {
    const state = factor.state;
    if (state?.step === 'recovery_code') return t.recoveryMissing;
    return t.codeInvalidFormat({ count: state && 'code_length' in state ? state.code_length : 6 });
  }
  const { code, retryAfter, attemptsRemaining } = failure.error;
  return locale.error(code, { retryAfter, attemptsRemaining });
}

/** The polite status of the step, if any. */
export function factorNoticeText(options: Pick<FactorViewOptions, 'factor' | 'locale'>): string {
  const { factor } = options;
  const t = texts(options.locale);
  if (factor.notice === 'codeResent') return t.codeResent;
  if (factor.notice === 'passkeyCancelled') return t.passkeyCancelled;
  return '';
}

/** The step's form: instructions, the passkey button or the code field, resend, and other factors. */
export function renderFactor(options: FactorViewOptions): TemplateResult {
  const { factor } = options;
  const state = factor.state;
  if (!state) return html``;
  const busy = factor.pending ? 'true' : 'false';
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    if (state.step === 'webauthn') void factor.passkey();
    else void factor.verify(factor.typed);
  };
  const formFailure = factor.failure && (state.step === 'webauthn' || !codeFailure(factor.failure)) ? factor.failure : undefined;
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${busy} @submit=${onSubmit}>
      ${options.header ?? nothing} ${options.extra ?? nothing}
      ${formFailure ? formNotice(factorFailureText(options, formFailure), 'error') : nothing}
      ${factor.notice ? formNotice(factorNoticeText(options), factor.notice === 'codeResent' ? 'success' : 'info') : nothing}
      ${state.step === 'webauthn' ? passkeyBody(options) : codeBody(options)} ${otherFactors(options)} ${options.footer ?? nothing}
    </form>
  `;
}

/** Failures that belong next to the code field. */
function codeFailure(failure: FactorFailure): boolean {
  if (failure.problem) return true;
  const code = failure.error.code;
  return code === 'LATCH_INVALID_CODE' || code === 'LATCH_EXPIRED_CODE' || code === 'LATCH_TOO_MANY_ATTEMPTS';
}

function passkeyBody({ factor, locale }: FactorViewOptions): TemplateResult {
  const t = texts(locale);
  const code = factor.alternatives().find((alternative) => alternative !== 'passkey');
  return html`
    <p class="latch-text" part="text">${t.passkeyPrompt}</p>
    <button type="submit" class="latch-button latch-primary" part="button button-primary" data-autofocus aria-disabled=${factor.pending ? 'true' : 'false'}>
      ${factor.pending === 'passkey' ? html`<span class="latch-spinner" part="spinner" aria-hidden="true"></span>` : passkeyIcon}${t.usePasskey}
    </button>
    ${code
      ? html`<button type="button" class="latch-link" part="button button-link" @click=${() => void factor.select(code)}>${t.useCodeInstead}</button>`
      : nothing}
  `;
}

function codeBody(options: FactorViewOptions): TemplateResult {
  const { factor, uid } = options;
  const t = texts(options.locale);
  const state = factor.state;
  if (!state || state.step === 'webauthn') return html``;
  const recovery = state.step === 'recovery_code';
  const length = 'code_length' in state ? state.code_length : 0;
  const prompt =
    state.step === 'totp'
      ? t.totpPrompt({ count: length })
      : state.step === 'sms_otp'
        ? t.smsPrompt({ destination: state.destination_hint })
        : state.step === 'email_otp'
          ? t.emailPrompt({ destination: state.destination_hint })
          : t.recoveryPrompt;
  const id = `${uid}-factor-code`;
  const failure = factor.failure && codeFailure(factor.failure) ? factor.failure : undefined;
  const wait = factor.resendIn();
  const canResend = state.step === 'sms_otp' || state.step === 'email_otp';
  return html`
    <p class="latch-text" part="text">${prompt}</p>
    <div class="latch-field">
      <label class="latch-label" part="label" for=${id}>${recovery ? t.recoveryLabel : t.codeLabel}</label>
      <p class="latch-hint" part="hint" id=${`${id}-hint`}>${recovery ? t.recoveryHint : t.codeHint({ count: length })}</p>
      ${codeInput({
        id,
        recovery,
        autofocus: true,
        value: factor.typed,
        onInput: (value) => factor.input(value),
        invalid: failure !== undefined,
        describedBy: `${id}-hint${failure ? ` ${id}-error` : ''}`,
      })}
      ${failure ? html`<p class="latch-error" part="field-error" id=${`${id}-error`}>${factorFailureText(options, failure)}</p>` : nothing}
    </div>
    <button type="submit" class="latch-button latch-primary" part="button button-primary" aria-disabled=${factor.pending ? 'true' : 'false'}>
      ${factor.pending === 'verify' ? html`<span class="latch-spinner" part="spinner" aria-hidden="true"></span>` : nothing}${t.verify}
    </button>
    ${canResend
      ? html`<div class="latch-row" part="actions">
            <button
              type="button"
              class="latch-link" part="button button-link"
              ?disabled=${wait > 0}
              aria-describedby=${wait > 0 ? `${id}-resend` : nothing}
              @click=${() => void factor.resend()}
            >
              ${t.resend}
            </button>
          </div>
          <p class="latch-hint" part="hint" id=${`${id}-resend`} ?hidden=${wait === 0}>${t.resendIn({ count: wait })}</p>`
      : nothing}
  `;
}

function otherFactors({ factor, locale, uid }: FactorViewOptions): TemplateResult | typeof nothing {
  const t = texts(locale);
  const others = factor.alternatives();
  if (others.length === 0) return nothing;
  const listId = `${uid}-factors`;
  return html`
    <button type="button" class="latch-link" part="button button-link" aria-expanded=${factor.choosing ? 'true' : 'false'} aria-controls=${listId} @click=${() => factor.toggleChoices()}>
      ${t.tryAnotherWay}
    </button>
    <ul class="latch-methods" part="list" id=${listId} aria-label=${t.otherWaysLabel} ?hidden=${!factor.choosing}>
      ${others.map(
        (other) => html`<li part="list-item">
          <button type="button" class="latch-button latch-secondary" part="button button-secondary" aria-disabled=${factor.pending ? 'true' : 'false'} @click=${() => void factor.select(other)}>
            ${other === 'passkey' ? passkeyIcon : nothing}${t[OFFERS[other]] as string}
          </button>
        </li>`,
      )}
    </ul>
  `;
}
