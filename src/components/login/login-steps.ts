import { html, nothing, type TemplateResult } from 'lit';
import type { Field, SignInController } from '../../controllers/sign-in.controller.js';
import type { LoginStep } from '../../events/index.js';
import type { Method } from '../../protocol/index.js';
import type { PasswordStrength } from '../../controllers/password-strength.js';
import type { LocaleController } from '../../controllers/locale.controller.js';
import { loginSteps } from '../../translations/locales/en/login-steps.js';
import type { SectionTexts } from '../../translations/translation.js';
import { formNotice } from '../form/notice.js';
import { accountSteps, policyBoxes } from './account-steps.js';
import { passkeyIcon } from './icons.js';
import { linkNotice, linkStep } from './link-steps.js';
import { codeField, resendActions } from './step-parts.js';
import { passwordField } from './password-field.js';
import { forgotPasswordLink, newPasswordStep, preferredCodeLink, resetNotice } from './reset-steps.js';
import { recoveredNotice, recoveryLink, recoveryStep } from './recovery-steps.js';
import { lastSignInLine, newDeviceNotice } from './last-sign-in.js';
import { passkeyCue } from './passkey-cue.js';
import { lastUsedMark, type LastUsedMark } from './last-used-badge.js';
import type { TrustSignal } from './trust-signals.js';
export { trustViews } from './trust-steps.js';
import type { FactorStep } from '../../controllers/factor.controller.js';

// The views of <latch-login>'s steps after the first: every one of them follows an answer of the backend, so
// they come with the client's code (see `late` in login.component.ts) instead of before the form.

type LoginTexts = SectionTexts<'login'>;
/** The words these steps draw with: the form's own and their own section (which travels with them). */
export type StepTexts = LoginTexts & SectionTexts<'loginSteps'>;
type Fragment = TemplateResult | typeof nothing;

/** What the views draw with: the element's flow, ids and shared parts (identity line, alert, submit), and its handlers. */
export interface StepView {
  readonly flow: SignInController;
  readonly uid: string;
  readonly revealPassword: boolean;
  readonly locale: LocaleController;
  /** The page's sign-in activity page (`activity-url`), linked from the last sign-in line; empty for none. */
  readonly activityUrl: string;
  /** The passkey nudge's wording (`nudge-copy`): `standard`, `faster` or `safer`. */
  readonly nudgeCopy: string;
  busy(): 'true' | 'false';
  /** Whether a trust signal is on (`trust-signals` attribute, trust-signals.ts). */
  showsTrust(signal: TrustSignal): boolean;
  identity(t: LoginTexts): TemplateResult;
  formAlert(t: LoginTexts): Fragment;
  fieldError(t: LoginTexts, field: Field): Fragment;
  invalid(field: Field): 'true' | 'false';
  describedBy(field: Field): string | undefined;
  submit(label: string, mark?: LastUsedMark): TemplateResult;
  hiddenUsername(): TemplateResult;
  guard(action: () => Promise<void>): void;
  onPassword(event: SubmitEvent): void;
  onSignUp(event: SubmitEvent): void;
  onNewPassword(event: SubmitEvent): void;
  /** How strong the new password being typed looks (password-strength.ts), once something is typed. */
  readonly newPasswordStrength: PasswordStrength | undefined;
  onNewPasswordInput(strength: PasswordStrength | undefined): void;
  onCode(event: SubmitEvent): void;
  onPasskey(event: Event): void;
  onSignOut(): void;
  onRegisterPasskey(): void;
  onReveal(): void;
}

function methodsStep(v: StepView, t: StepTexts): TemplateResult {
  const label: Record<Method, string> = {
    passkey: t.methodPasskey,
    email_otp: t.methodEmailCode,
    email_link: t.linkMethod,
    password: t.methodPassword,
  };
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${(event: Event) => event.preventDefault()}>
      <h2 class="latch-title" part="heading" tabindex="-1">${t.chooseMethodTitle}</h2>
      ${v.identity(t)} ${v.formAlert(t)}
      <ul class="latch-methods" part="list">
        ${v.flow.offered.map((method, index) => {
          const mark = lastUsedMark(v, t, [method], v.flow.offered.length);
          return html`<li part="list-item">
            <button
              type="button"
              class="latch-button latch-secondary" part="button button-secondary"
              ?data-autofocus=${index === 0}
              aria-disabled=${v.busy()}
              aria-describedby=${mark?.id ?? nothing}
              @click=${() => v.guard(() => v.flow.choose(method))}
            >
              ${method === 'passkey' ? passkeyIcon : nothing}${label[method]}${mark?.badge}
            </button>
          </li>`;
        })}
      </ul>
    </form>
  `;
}

function passwordStep(v: StepView, t: StepTexts): TemplateResult {
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${v.onPassword}>
      <h2 class="latch-title" part="heading" tabindex="-1">${t.passwordTitle}</h2>
      ${v.identity(t)} ${v.formAlert(t)}
      ${passwordField(v, t, { autocomplete: 'current-password', label: t.passwordLabel })} ${forgotPasswordLink(v, t)}
      ${v.submit(t.signIn)} ${preferredCodeLink(v, t)}
      ${otherMethods(v, t)}
    </form>
  `;
}

function signUpStep(v: StepView, t: StepTexts): TemplateResult {
  const byLink = v.flow.offered.includes('email_link');
  const passwordless = byLink || v.flow.offered.includes('email_otp');
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${v.onSignUp}>
      <h2 class="latch-title" part="heading" tabindex="-1">${t.newPasswordTitle}</h2>
      ${v.identity(t)} ${v.formAlert(t)}
      ${passwordField(v, t, { autocomplete: 'new-password', label: t.newPasswordLabel, hint: t.passwordHint({ count: v.flow.passwordMinLength }) })}
      ${policyBoxes(v, t)}
      ${v.submit(t.createAccountSubmit)}
      ${passwordless
        ? html`<button type="button" class="latch-link" part="button button-link" @click=${() => v.guard(() => v.flow.submitSignUp())}>
            ${byLink ? t.linkSignUpWithoutPassword : t.signUpWithoutPassword}
          </button>`
        : nothing}
    </form>
  `;
}

function codeStep(v: StepView, t: StepTexts): TemplateResult {
  const code = v.flow.code;
  const length = code?.codeLength ?? 6;
  const wait = v.flow.resendIn();
  // The same view proves the mailbox for a password reset, titled for it.
  const reset = code?.purpose === 'password_reset';
  const destination = code?.destinationHint ?? v.flow.email;
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${v.onCode}>
      <h2 class="latch-title" part="heading" tabindex="-1">${reset ? t.resetCodeTitle : t.codeTitle}</h2>
      <p class="latch-text" part="subheading">${(reset ? t.resetCodeSent : t.codeSent)({ destination })}</p>
      ${v.formAlert(t)} ${v.hiddenUsername()}
      ${codeField(v, t, { label: t.codeLabel, hint: t.codeHint({ count: length }) })}
      ${v.submit(t.verify)}
      ${resendActions(v, t, { label: t.resendCode, countdown: t.resendIn({ count: wait }), wait, send: () => v.flow.sendCode(true) })}
    </form>
  `;
}

function passkeyStep(v: StepView, t: StepTexts): TemplateResult {
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${v.onPasskey}>
      <h2 class="latch-title" part="heading" tabindex="-1">${t.passkeyTitle}</h2>
      ${v.identity(t)}
      <p class="latch-text" part="text">${t.passkeyBody}</p>
      ${v.formAlert(t)}
      <button type="submit" class="latch-button latch-primary" part="button button-primary" data-autofocus aria-disabled=${v.busy()}>
        ${v.flow.pending === 'passkey' ? html`<span class="latch-spinner" part="spinner" aria-hidden="true"></span>` : passkeyIcon}
        ${t.passkeyTryAgain}
      </button>
      ${otherMethods(v, t)}
    </form>
  `;
}

/** The nudge's title and text in the wording `nudge-copy` picks (an unknown one reads as `standard`). */
function nudgeWords(t: StepTexts, copy: string): [title: string, body: string] {
  if (copy === 'faster') return [t.nudgeTitleFaster, t.nudgeBodyFaster];
  if (copy === 'safer') return [t.nudgeTitleSafer, t.nudgeBodySafer];
  return [t.nudgeTitle, t.nudgeBody];
}

function signedInStep(v: StepView, t: StepTexts): TemplateResult {
  const user = v.flow.signedIn?.user;
  const [nudgeTitle, nudgeBody] = nudgeWords(t, v.nudgeCopy);
  return html`
    <div class="latch-form" part="form" aria-busy=${v.busy()}>
      <h2 class="latch-title" part="heading" tabindex="-1">${t.signedInTitle}</h2>
      <p class="latch-text" part="subheading">${t.signedInAs({ who: user?.email ?? user?.name ?? user?.sub ?? '' })}</p>
      ${v.formAlert(t)}
      ${v.flow.notice === 'passkeyCreated' ? formNotice(t.passkeyCreated, 'success') : nothing} ${recoveredNotice(v, t)}
      ${newDeviceNotice(v, t)} ${passkeyCue(v, t)} ${lastSignInLine(v, t)}
      ${v.flow.showNudge
        ? html`<section class="latch-nudge" part="nudge" aria-labelledby=${`${v.uid}-nudge`}>
            <h3 id=${`${v.uid}-nudge`} part="section-heading">${nudgeTitle}</h3>
            <p class="latch-text" part="text">${nudgeBody}</p>
            <div class="latch-row" part="actions">
              <button type="button" class="latch-button latch-primary" part="button button-primary" aria-disabled=${v.busy()} @click=${v.onRegisterPasskey}>
                ${v.flow.pending === 'register' ? html`<span class="latch-spinner" part="spinner" aria-hidden="true"></span>` : passkeyIcon}
                ${t.nudgeCreate}
              </button>
              <button type="button" class="latch-link" part="button button-link" @click=${() => v.flow.dismissNudge()}>${t.nudgeNotNow}</button>
            </div>
          </section>`
        : nothing}
      <button type="button" class="latch-button latch-secondary" part="button button-secondary" aria-disabled=${v.busy()} @click=${v.onSignOut}>
        ${t.signOut}
      </button>
    </div>
  `;
}

function otherMethods(v: StepView, t: StepTexts): TemplateResult | typeof nothing {
  return v.flow.offered.length > 1
    ? html`<button type="button" class="latch-link" part="button button-link" @click=${() => v.flow.showMethods()}>${t.useAnotherMethod}</button>`
    : nothing;
}

export { lastUsedMark };

/** The view of each step after the first (the identifier and a second factor are the element's own). */
export const steps = {
  methods: withStepWords(methodsStep),
  password: withStepWords(passwordStep),
  'sign-up': withStepWords(signUpStep),
  code: withStepWords(codeStep),
  'email-link': withStepWords(linkStep),
  'new-password': withStepWords(newPasswordStep),
  passkey: withStepWords(passkeyStep),
  recovery: withStepWords(recoveryStep),
  consent: withStepWords(accountSteps.consent),
  profile: withStepWords(accountSteps.profile),
  'signed-in': withStepWords(signedInStep),
} satisfies Record<Exclude<LoginStep, 'identifier' | 'factor'>, (view: StepView, t: LoginTexts) => TemplateResult>;

export type LaterSteps = typeof steps;

/** The words of the notices only these steps give (the element announces them too). */
export function stepNotice(locale: LocaleController, notice: 'codeAlreadySent' | 'passwordReset' | 'linkResent' | 'linkOpenedElsewhere'): string {
  if (notice === 'linkResent' || notice === 'linkOpenedElsewhere') return linkNotice(locale, notice);
  return resetNotice(locale.texts('loginSteps', loginSteps), notice);
}

/** The way out of a second factor the user cannot give (account recovery), drawn under the factor's view. */
export function factorFooter(view: StepView, t: LoginTexts, state: FactorStep): TemplateResult | typeof nothing {
  return recoveryLink(view, { ...t, ...view.locale.texts('loginSteps', loginSteps) }, state);
}

/** A step's view, handed the form's words and this chunk's own (`loginSteps`), in the element's language. */
function withStepWords(draw: (view: StepView, t: StepTexts) => TemplateResult) {
  return (view: StepView, t: LoginTexts): TemplateResult => draw(view, { ...t, ...view.locale.texts('loginSteps', loginSteps) });
}
