import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Field, SignInController } from '../../controllers/sign-in.controller.js';
import type { LoginStep } from '../../events/index.js';
import type { Method } from '../../protocol/index.js';
import type { LocaleController } from '../../controllers/locale.controller.js';
import { loginSteps } from '../../translations/locales/en/login-steps.js';
import type { SectionTexts } from '../../translations/translation.js';
import { formNotice } from '../form/notice.js';
import { passkeyIcon } from './icons.js';
import { linkNotice, linkStep } from './link-steps.js';
import { codeField, resendActions } from './step-parts.js';

// The views of <latch-login>'s steps after the first: every one of them follows an answer of the backend, so
// they come with the client's code (see `late` in login.component.ts) instead of before the form.

type LoginTexts = SectionTexts<'login'>;
/** The words these steps draw with: the form's own and their own section (which travels with them). */
export type StepTexts = LoginTexts & SectionTexts<'loginSteps'>;
type Fragment = TemplateResult | typeof nothing;

/** An eye, for the show-password toggle (only the password steps have it, so it is here, not in icons.ts). */
const eyeIcon = svg`<svg part="icon icon-eye" width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/></svg>`;

/** What the views draw with: the element's flow, ids and shared parts (identity line, alert, submit), and its handlers. */
export interface StepView {
  readonly flow: SignInController;
  readonly uid: string;
  readonly revealPassword: boolean;
  readonly locale: LocaleController;
  busy(): 'true' | 'false';
  identity(t: LoginTexts): TemplateResult;
  formAlert(t: LoginTexts): Fragment;
  fieldError(t: LoginTexts, field: Field): Fragment;
  invalid(field: Field): 'true' | 'false';
  describedBy(field: Field): string | undefined;
  submit(label: string): TemplateResult;
  hiddenUsername(): TemplateResult;
  guard(action: () => Promise<void>): void;
  onPassword(event: SubmitEvent): void;
  onSignUp(event: SubmitEvent): void;
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
        ${v.flow.offered.map(
          (method, index) => html`<li part="list-item">
            <button
              type="button"
              class="latch-button latch-secondary" part="button button-secondary"
              ?data-autofocus=${index === 0}
              aria-disabled=${v.busy()}
              @click=${() => v.guard(() => v.flow.choose(method))}
            >
              ${method === 'passkey' ? passkeyIcon : nothing}${label[method]}
            </button>
          </li>`,
        )}
      </ul>
    </form>
  `;
}

function passwordStep(v: StepView, t: StepTexts): TemplateResult {
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${v.onPassword}>
      <h2 class="latch-title" part="heading" tabindex="-1">${t.passwordTitle}</h2>
      ${v.identity(t)} ${v.formAlert(t)}
      ${passwordField(v, t, 'current-password', t.passwordLabel)} ${v.submit(t.signIn)}
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
      ${passwordField(v, t, 'new-password', t.newPasswordLabel, t.passwordHint({ count: v.flow.passwordMinLength }))}
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
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${v.onCode}>
      <h2 class="latch-title" part="heading" tabindex="-1">${t.codeTitle}</h2>
      <p class="latch-text" part="subheading">${t.codeSent({ destination: code?.destinationHint ?? v.flow.email })}</p>
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

function signedInStep(v: StepView, t: StepTexts): TemplateResult {
  const user = v.flow.signedIn?.user;
  return html`
    <div class="latch-form" part="form" aria-busy=${v.busy()}>
      <h2 class="latch-title" part="heading" tabindex="-1">${t.signedInTitle}</h2>
      <p class="latch-text" part="subheading">${t.signedInAs({ who: user?.email ?? user?.name ?? user?.sub ?? '' })}</p>
      ${v.formAlert(t)}
      ${v.flow.notice === 'passkeyCreated' ? formNotice(t.passkeyCreated, 'success') : nothing}
      ${v.flow.showNudge
        ? html`<section class="latch-nudge" part="nudge" aria-labelledby=${`${v.uid}-nudge`}>
            <h3 id=${`${v.uid}-nudge`} part="section-heading">${t.nudgeTitle}</h3>
            <p class="latch-text" part="text">${t.nudgeBody}</p>
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

function passwordField(v: StepView, t: StepTexts, autocomplete: string, label: string, hint?: string): TemplateResult {
  const id = `${v.uid}-password`;
  const hintId = `${id}-hint`;
  return html`
    ${v.hiddenUsername()}
    <div class="latch-field">
      <label class="latch-label" part="label" for=${id}>${label}</label>
      ${hint ? html`<p class="latch-hint" part="hint" id=${hintId}>${hint}</p>` : nothing}
      <div class="latch-password">
        <input
          id=${id}
          class="latch-input"
          part="input input-password"
          type=${v.revealPassword ? 'text' : 'password'}
          name="password"
          autocomplete=${autocomplete}
          autocapitalize="none"
          spellcheck="false"
          required
          data-autofocus
          aria-invalid=${v.invalid('password')}
          aria-describedby=${`${hint ? hintId : ''} ${v.describedBy('password') ?? ''}`.trim() || nothing}
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
      ${v.fieldError(t, 'password')}
    </div>
  `;
}

function otherMethods(v: StepView, t: StepTexts): TemplateResult | typeof nothing {
  return v.flow.offered.length > 1
    ? html`<button type="button" class="latch-link" part="button button-link" @click=${() => v.flow.showMethods()}>${t.useAnotherMethod}</button>`
    : nothing;
}

/** The view of each step after the first (the identifier and a second factor are the element's own). */
export const steps = {
  methods: withStepWords(methodsStep),
  password: withStepWords(passwordStep),
  'sign-up': withStepWords(signUpStep),
  code: withStepWords(codeStep),
  'email-link': withStepWords(linkStep),
  passkey: withStepWords(passkeyStep),
  'signed-in': withStepWords(signedInStep),
} satisfies Record<Exclude<LoginStep, 'identifier' | 'factor'>, (view: StepView, t: LoginTexts) => TemplateResult>;

export type LaterSteps = typeof steps;

/** Words of notices only the later steps give (the link step's), in the element's language. */
export const laterNotice = linkNotice;

/** A step's view, handed the form's words and this chunk's own (`loginSteps`), in the element's language. */
function withStepWords(draw: (view: StepView, t: StepTexts) => TemplateResult) {
  return (view: StepView, t: LoginTexts): TemplateResult => draw(view, { ...t, ...view.locale.texts('loginSteps', loginSteps) });
}
