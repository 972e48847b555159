import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { LatchClient } from '../../client/client.js';
import { lazy } from '../../client/lazy.js';
import { BACKEND_PROPERTIES, backendOf } from '../../controllers/client-loader.js';
import { CountdownController } from '../../controllers/countdown.controller.js';
import { liveText } from '../../controllers/focus.js';
import { LightFormController } from '../../controllers/light-form.controller.js';
import { PasskeyAutofillController } from '../../controllers/passkey-autofill.controller.js';
import { METHODS, SignInController, type Failure, type Field } from '../../controllers/sign-in.controller.js';
import type { LatchSignedInEvent, LoginStep } from '../../events/index.js';
import type { Method } from '../../protocol/index.js';
import { translationFor, type Translation } from '../../translations/index.js';
import type { FactorController, FactorStep } from '../../controllers/factor.controller.js';
import { loadFactorKit } from '../factor/load.js';
import type { FactorKit } from '../factor/registry.js';
import '../../translations/en.js';
import { codeInput } from '../form/code-input.js';
import { framedNotice } from '../form/framed-notice.js';
import { localeOf } from '../form/locale.js';
import { framedByAnotherOrigin } from '../../controllers/framing.js';
import { eyeIcon, passkeyIcon } from './icons.js';
import { formStyles, styles } from './login.styles.js';

let instances = 0;

/** The SSO buttons' chunk (a failed fetch is tried again next time). */
const loadSocialButtons = lazy(() => import('../social-buttons/social-buttons.js'));

/**
 * The whole sign-in and sign-up: identifier first, then a passkey, an email code or a password, and a
 * passkey enrollment nudge once signed in. Credential inputs are rendered in the light DOM inside a real
 * `<form>` so password managers and autofill work; the card and the live regions are in the shadow root.
 *
 * @summary Drop-in sign-in for any compliant CIAM backend.
 * @slot - Holds the form the element draws into its own light DOM, where password managers reach the inputs; leave it empty.
 * @event latch-signed-in - After a sign-in completed. `detail: { user, method, amr }`.
 * @event latch-signed-out - After the user signed out.
 * @event latch-step - After the widget moved to a step. `detail: { step }`.
 * @event latch-error - After a failure was shown. `detail: { code, error }`.
 * @csspart card - The card around the form.
 * @cssproperty --latch-color-primary - Buttons, links and focus rings.
 * @cssproperty --latch-color-surface - The card's background.
 * @cssproperty --latch-color-text - Text.
 * @cssproperty --latch-color-muted - Secondary text.
 * @cssproperty --latch-color-border - Input and card borders.
 * @cssproperty --latch-color-danger - Error text and borders.
 * @cssproperty --latch-font-family - The font.
 * @cssproperty --latch-radius - Corner radius of inputs and buttons.
 * @cssproperty --latch-space - The base gap between rows.
 */
export class LatchLogin extends LitElement {
  static override styles = styles;

  // Declared without decorators, so the script-tag entry carries no decorator helper.
  static override properties = {
    ...BACKEND_PROPERTIES,
    methods: {},
    signUp: { attribute: 'sign-up' },
    siteName: { attribute: 'site-name' },
    ssoMode: { attribute: 'sso-mode' },
    providers: {},
    postLogoutRedirectUri: { attribute: 'post-logout-redirect-uri' },
    sso: {},
    theme: { reflect: true },
    allowFraming: { type: Boolean, attribute: 'allow-framing' },
  };

  /**
   * The backend's issuer identifier (`https://id.example.com`); its discovery document is read from there.
   * A path (`/`) is resolved against the page's own origin, for backends on the same origin.
   */
  issuer = '';

  /** This site's OAuth client id at the backend. */
  clientId = '';

  /** Methods to offer, in order, separated by spaces: `passkey`, `email_otp`, `password`. */
  methods = 'passkey email_otp password';

  /** `off` hides account creation. */
  signUp: 'on' | 'off' = 'on';

  /** The site's name, shown in the heading ("Sign in to Acme"). */
  siteName = '';

  /** Social and enterprise sign-in: `redirect` (default) or `popup`. */
  ssoMode: 'redirect' | 'popup' = 'redirect';

  /** Connection ids to show as buttons, in order; empty shows all the backend lists. */
  providers = '';

  /**
   * After sign-out, where the backend's provider sends the browser once it has ended its own session too
   * (OpenID Connect RP-Initiated Logout). Empty: sign out of this site only. Must be registered at the backend.
   */
  postLogoutRedirectUri = '';

  /** `off` hides the social and enterprise buttons (home-realm discovery still applies). */
  sso: 'on' | 'off' = 'on';

  /** `light`, `dark`, or `auto` (follows the system). */
  theme: 'light' | 'dark' | 'auto' = 'auto';

  /**
   * Inside a frame of another origin the form is not shown, so no page can lay decoys over it (clickjacking,
   * reliability.md S31); a notice says to open the site in its own window. Set it where framing is intended.
   */
  allowFraming = false;

  /** A client made with `createClient()`, to share one with the page; replaces `issuer` and `client-id`. */
  client?: LatchClient;

  private readonly form = new LightFormController(this, formStyles);
  // The sign-in flow and the side jobs it hands off, each a controller of its own.
  private readonly autofill = new PasskeyAutofillController(this, {
    client: () => this.flow.connectedClient,
    enabled: () => this.flow.autofillEnabled(),
    follow: (outcome, signal) => this.flow.followAutofill(outcome, signal),
    fail: (error) => this.flow.report(error),
  });
  private readonly flow = new SignInController(
    this,
    () => ({ ...backendOf(this), methods: this.methodList(), signUp: this.signUp !== 'off', refused: this.refused() }),
    {
      autofill: this.autofill,
      // The rest arrive with the client's code: the passkey offer, the redirect URI page, cross-tab sync.
      late: lazy(() => import('./login-parts.js').then(({ composeLateParts }) => composeLateParts(this, this.flow))),
    },
  );
  private readonly uid = `latch-${++instances}`;
  private shownStep: LoginStep | undefined;
  private shownFailure: Failure | undefined;
  private revealPassword = false;
  /** Second factors: their code loads on the first one (see `../factor/`). */
  private factorKit: FactorKit | undefined;
  private factor: FactorController | undefined;
  private factorShown: FactorStep | undefined;
  private factorEntered = 0;
  private factorFailureShown: unknown;

  constructor() {
    super();
    // Redraws once a second while a resend countdown runs (it registers itself with the element).
    new CountdownController(
      this,
      () => (this.flow.step === 'code' && this.flow.resendIn() > 0) || (this.flow.step === 'factor' && (this.factor?.resendIn() ?? 0) > 0),
    );
  }

  protected override render(): TemplateResult {
    const t = this.t();
    const { failure, notice } = this.flow;
    const announcement = this.flow.announcement + (this.factor?.announcement ?? 0);
    let status = notice ? this.noticeText(t, notice) : '';
    let alert = failure ? this.failureText(t, failure) : '';
    if (this.refused()) alert = t.framedRefused;
    const kit = this.factorKit;
    if (this.flow.step === 'factor' && kit && this.factor) {
      const ft = kit.factorStrings.for(t.$code);
      status = kit.factorNoticeText({ factor: this.factor, t: ft }) || status;
      alert = this.factor.failure ? kit.factorFailureText({ factor: this.factor, t: ft, errors: t }, this.factor.failure) : alert;
    }
    return html`
      <div part="card" class="card" dir=${t.$dir}>
        <slot></slot>
        <div id="status" class="live" role="status">${liveText(status, announcement)}</div>
        <div id="alert" class="live" role="alert">${liveText(alert, announcement)}</div>
      </div>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The SSO buttons' code is its own chunk, fetched only when the backend has connections.
    // Without it (offline, blocked) the buttons are simply not shown and the form still signs in; the next
    // draw tries again.
    if (this.showSso() && !customElements.get('latch-social-buttons')) loadSocialButtons().catch(() => undefined);
    this.prepareFactor();
    this.form.render(this.renderStep(this.t()));
    this.manageFocus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Framing allowed after the first draw: start what the refusal held back.
    if (this.hasUpdated && changed.get('allowFraming') === false && this.allowFraming && framedByAnotherOrigin()) void this.flow.start();
  }

  private renderStep(t: Translation): TemplateResult {
    if (this.refused()) return framedNotice(t);
    switch (this.flow.step) {
      case 'identifier':
        return this.identifierStep(t);
      case 'methods':
        return this.methodsStep(t);
      case 'password':
        return this.passwordStep(t);
      case 'sign-up':
        return this.signUpStep(t);
      case 'code':
        return this.codeStep(t);
      case 'passkey':
        return this.passkeyStep(t);
      case 'factor':
        return this.factorStep(t);
      case 'signed-in':
        return this.signedInStep(t);
    }
  }

  private identifierStep(t: Translation): TemplateResult {
    const signingUp = this.flow.mode === 'sign-up';
    const passkey = !signingUp && this.flow.passkeys.available && this.methodList().includes('passkey');
    return html`
      <form class="latch-form" novalidate aria-busy=${this.busy()} @submit=${this.onEmail}>
        <h2 class="latch-title" tabindex="-1">${signingUp ? t.signUpTitle(this.siteName) : t.signInTitle(this.siteName)}</h2>
        ${this.formAlert(t)}
        <div class="latch-field">
          <label class="latch-label" for=${`${this.uid}-email`}>${t.emailLabel}</label>
          <input
            id=${`${this.uid}-email`}
            class="latch-input"
            type="email"
            name="username"
            autocomplete=${signingUp ? 'email' : 'username webauthn'}
            inputmode="email"
            autocapitalize="none"
            spellcheck="false"
            required
            data-autofocus
            .value=${this.flow.email}
            @input=${(event: InputEvent) => (this.flow.email = (event.target as HTMLInputElement).value)}
            @focus=${() => this.flow.resumeAutofill()}
            aria-invalid=${this.invalid('email')}
            aria-describedby=${this.describedBy('email')}
          />
          ${this.fieldError(t, 'email')}
        </div>
        ${this.submit(t.continue)}
        ${passkey || this.showSso() ? html`<div class="latch-divider">${t.or}</div>` : nothing}
        ${passkey
          ? html`<button type="button" class="latch-button latch-secondary" aria-disabled=${this.busy()} @click=${this.onPasskey}>
              ${passkeyIcon}${t.passkeySignIn}
            </button>`
          : nothing}
        ${this.showSso()
          ? html`<latch-social-buttons
              .client=${this.flow.connectedClient}
              mode=${this.ssoMode}
              providers=${this.providers}
              prompt=${signingUp ? 'create' : ''}
              @latch-signed-in=${(event: LatchSignedInEvent) => this.guard(() => this.flow.adoptSignIn(event.detail))}
            ></latch-social-buttons>`
          : nothing}
        ${this.flow.signUpAllowed
          ? html`<p class="latch-text">
              ${signingUp ? t.haveAccount : t.newHere}
              <button type="button" class="latch-link" @click=${() => this.flow.toggleMode()}>
                ${signingUp ? t.signInInstead : t.createAccount}
              </button>
            </p>`
          : nothing}
      </form>
    `;
  }

  private methodsStep(t: Translation): TemplateResult {
    const label: Record<Method, string> = {
      passkey: t.methodPasskey,
      email_otp: t.methodEmailCode,
      password: t.methodPassword,
    };
    return html`
      <form class="latch-form" novalidate aria-busy=${this.busy()} @submit=${(event: Event) => event.preventDefault()}>
        <h2 class="latch-title" tabindex="-1">${t.chooseMethodTitle}</h2>
        ${this.identity(t)} ${this.formAlert(t)}
        <ul class="latch-methods">
          ${this.flow.offered.map(
            (method, index) => html`<li>
              <button
                type="button"
                class="latch-button latch-secondary"
                ?data-autofocus=${index === 0}
                aria-disabled=${this.busy()}
                @click=${() => this.guard(() => this.flow.choose(method))}
              >
                ${method === 'passkey' ? passkeyIcon : nothing}${label[method]}
              </button>
            </li>`,
          )}
        </ul>
      </form>
    `;
  }

  private passwordStep(t: Translation): TemplateResult {
    return html`
      <form class="latch-form" novalidate aria-busy=${this.busy()} @submit=${this.onPassword}>
        <h2 class="latch-title" tabindex="-1">${t.passwordTitle}</h2>
        ${this.identity(t)} ${this.formAlert(t)}
        ${this.passwordField(t, 'current-password', t.passwordLabel)} ${this.submit(t.signIn)}
        ${this.otherMethods(t)}
      </form>
    `;
  }

  private signUpStep(t: Translation): TemplateResult {
    const passwordless = this.flow.offered.includes('email_otp');
    return html`
      <form class="latch-form" novalidate aria-busy=${this.busy()} @submit=${this.onSignUp}>
        <h2 class="latch-title" tabindex="-1">${t.newPasswordTitle}</h2>
        ${this.identity(t)} ${this.formAlert(t)}
        ${this.passwordField(t, 'new-password', t.newPasswordLabel, t.passwordHint(this.flow.passwordMinLength))}
        ${this.submit(t.createAccountSubmit)}
        ${passwordless
          ? html`<button type="button" class="latch-link" @click=${() => this.guard(() => this.flow.submitSignUp())}>
              ${t.signUpWithoutPassword}
            </button>`
          : nothing}
      </form>
    `;
  }

  private codeStep(t: Translation): TemplateResult {
    const code = this.flow.code;
    const length = code?.codeLength ?? 6;
    const wait = this.flow.resendIn();
    return html`
      <form class="latch-form" novalidate aria-busy=${this.busy()} @submit=${this.onCode}>
        <h2 class="latch-title" tabindex="-1">${t.codeTitle}</h2>
        <p class="latch-text">${t.codeSent(code?.destinationHint ?? this.flow.email)}</p>
        ${this.formAlert(t)} ${this.hiddenUsername()}
        <div class="latch-field">
          <label class="latch-label" for=${`${this.uid}-code`}>${t.codeLabel}</label>
          <p class="latch-hint" id=${`${this.uid}-code-hint`}>${t.codeHint(length)}</p>
          ${codeInput({
            id: `${this.uid}-code`,
            autofocus: true,
            invalid: this.invalid('code') === 'true',
            describedBy: `${this.uid}-code-hint ${this.describedBy('code') ?? ''}`.trim(),
          })}
          ${this.fieldError(t, 'code')}
        </div>
        ${this.submit(t.verify)}
        <div class="latch-row">
          <button
            type="button"
            class="latch-link"
            ?disabled=${wait > 0}
            aria-describedby=${wait > 0 ? `${this.uid}-resend` : nothing}
            @click=${() => this.guard(() => this.flow.sendCode(true))}
          >
            ${t.resendCode}
          </button>
          ${this.flow.mode === 'sign-in' && this.flow.offered.length > 1
            ? html`<button type="button" class="latch-link" @click=${() => this.flow.showMethods()}>${t.useAnotherMethod}</button>`
            : html`<button type="button" class="latch-link" @click=${() => this.flow.changeEmail()}>${t.change}</button>`}
        </div>
        <p class="latch-hint" id=${`${this.uid}-resend`} ?hidden=${wait === 0}>${t.resendIn(wait)}</p>
      </form>
    `;
  }

  private passkeyStep(t: Translation): TemplateResult {
    return html`
      <form class="latch-form" novalidate aria-busy=${this.busy()} @submit=${this.onPasskey}>
        <h2 class="latch-title" tabindex="-1">${t.passkeyTitle}</h2>
        ${this.identity(t)}
        <p class="latch-text">${t.passkeyBody}</p>
        ${this.formAlert(t)}
        <button type="submit" class="latch-button latch-primary" data-autofocus aria-disabled=${this.busy()}>
          ${this.flow.pending === 'passkey' ? html`<span class="latch-spinner" aria-hidden="true"></span>` : passkeyIcon}
          ${t.passkeyTryAgain}
        </button>
        ${this.otherMethods(t)}
      </form>
    `;
  }

  /** A second factor: the reason in plain words, then the factor (its code loads on the first one). */
  private factorStep(t: Translation): TemplateResult {
    const kit = this.factorKit;
    const reason = this.flow.factorState?.reason;
    if (!kit || !this.factor?.state) {
      return html`<div class="latch-form" aria-busy="true">
        <h2 class="latch-title" tabindex="-1">${t.working}</h2>
        ${this.formAlert(t)}
      </div>`;
    }
    const ft = kit.factorStrings.for(t.$code);
    const header = html`<h2 class="latch-title" tabindex="-1">${ft.title(reason)}</h2>
      ${reason ? html`<p class="latch-text">${ft.reason[reason]}</p>` : nothing} ${this.identity(t)}`;
    return kit.renderFactor({ factor: this.factor, t: ft, errors: t, uid: this.uid, header, extra: this.hiddenUsername() });
  }

  /** On a second factor, loads the factor code once and hands it the backend's step. */
  private prepareFactor(): void {
    const state = this.flow.factorState;
    if (this.flow.step !== 'factor') {
      // Left the second factor (changed the email, signed in): end its ceremony and requests.
      if (this.factorShown) this.factor?.leave();
      this.factorShown = undefined;
      return;
    }
    if (!state || state === this.factorShown) return;
    this.factorShown = state;
    loadFactorKit().then(
      (kit) => {
        this.factorKit = kit;
        this.factor ??= new kit.FactorController(this, {
          client: () => this.flow.clientReady(),
          done: (outcome) => this.flow.finishFactor(outcome),
        });
        if (this.flow.step === 'factor' && this.flow.factorState === state) this.factor.enter(state);
      },
      (error: unknown) => {
        // The chunk did not arrive (offline): say so, and try again the next time this step is entered.
        this.factorShown = undefined;
        this.flow.report(error);
      },
    );
  }

  private signedInStep(t: Translation): TemplateResult {
    const user = this.flow.signedIn?.user;
    return html`
      <div class="latch-form" aria-busy=${this.busy()}>
        <h2 class="latch-title" tabindex="-1">${t.signedInTitle}</h2>
        <p class="latch-text">${t.signedInAs(user?.email ?? user?.name ?? user?.sub ?? '')}</p>
        ${this.formAlert(t)}
        ${this.flow.notice === 'passkeyCreated' ? html`<p class="latch-notice">${t.passkeyCreated}</p>` : nothing}
        ${this.flow.showNudge
          ? html`<section class="latch-nudge" aria-labelledby=${`${this.uid}-nudge`}>
              <h3 id=${`${this.uid}-nudge`}>${t.nudgeTitle}</h3>
              <p class="latch-text">${t.nudgeBody}</p>
              <div class="latch-row">
                <button type="button" class="latch-button latch-primary" aria-disabled=${this.busy()} @click=${this.onRegisterPasskey}>
                  ${this.flow.pending === 'register' ? html`<span class="latch-spinner" aria-hidden="true"></span>` : passkeyIcon}
                  ${t.nudgeCreate}
                </button>
                <button type="button" class="latch-link" @click=${() => this.flow.dismissNudge()}>${t.nudgeNotNow}</button>
              </div>
            </section>`
          : nothing}
        <button type="button" class="latch-button latch-secondary" aria-disabled=${this.busy()} @click=${this.onSignOut}>
          ${t.signOut}
        </button>
      </div>
    `;
  }

  private passwordField(t: Translation, autocomplete: string, label: string, hint?: string): TemplateResult {
    const id = `${this.uid}-password`;
    const hintId = `${id}-hint`;
    return html`
      ${this.hiddenUsername()}
      <div class="latch-field">
        <label class="latch-label" for=${id}>${label}</label>
        ${hint ? html`<p class="latch-hint" id=${hintId}>${hint}</p>` : nothing}
        <div class="latch-password">
          <input
            id=${id}
            class="latch-input"
            type=${this.revealPassword ? 'text' : 'password'}
            name="password"
            autocomplete=${autocomplete}
            autocapitalize="none"
            spellcheck="false"
            required
            data-autofocus
            aria-invalid=${this.invalid('password')}
            aria-describedby=${`${hint ? hintId : ''} ${this.describedBy('password') ?? ''}`.trim() || nothing}
          />
          <button
            type="button"
            class="latch-reveal"
            aria-pressed=${this.revealPassword ? 'true' : 'false'}
            aria-controls=${id}
            @click=${this.onReveal}
          >
            ${eyeIcon}<span class="latch-sr">${t.showPassword}</span>
          </button>
        </div>
        ${this.fieldError(t, 'password')}
      </div>
    `;
  }

  /** The identifier again, for password managers on later steps (Chromium's multi-step form guidance). */
  private hiddenUsername(): TemplateResult {
    return html`<input type="email" name="username" autocomplete="username" .value=${this.flow.email} hidden readonly />`;
  }

  private identity(t: Translation): TemplateResult {
    return html`<div class="latch-identity">
      <span>${this.flow.email}</span>
      <button type="button" class="latch-link" @click=${() => this.flow.changeEmail()}>${t.change}</button>
    </div>`;
  }

  private otherMethods(t: Translation): TemplateResult | typeof nothing {
    return this.flow.offered.length > 1
      ? html`<button type="button" class="latch-link" @click=${() => this.flow.showMethods()}>${t.useAnotherMethod}</button>`
      : nothing;
  }

  private submit(label: string): TemplateResult {
    const busy = this.flow.pending === 'submit';
    return html`<button type="submit" class="latch-button latch-primary" aria-disabled=${this.busy()}>
      ${busy ? html`<span class="latch-spinner" aria-hidden="true"></span>` : nothing}${label}
    </button>`;
  }

  private formAlert(t: Translation): TemplateResult | typeof nothing {
    const { failure, notice } = this.flow;
    if (failure?.field === 'form') return html`<p class="latch-alert">${this.failureText(t, failure)}</p>`;
    if (notice && notice !== 'passkeyCreated') return html`<p class="latch-notice">${this.noticeText(t, notice)}</p>`;
    return nothing;
  }

  private fieldError(t: Translation, field: Field): TemplateResult | typeof nothing {
    const failure = this.flow.failure;
    return failure?.field === field
      ? html`<p class="latch-error" id=${`${this.uid}-${field}-error`}>${this.failureText(t, failure)}</p>`
      : nothing;
  }

  private invalid(field: Field): 'true' | 'false' {
    return this.flow.failure?.field === field ? 'true' : 'false';
  }

  private describedBy(field: Field): string | undefined {
    return this.flow.failure?.field === field ? `${this.uid}-${field}-error` : undefined;
  }

  private failureText(t: Translation, failure: Failure): string {
    const minLength = this.flow.passwordMinLength;
    if (failure.problem) {
      switch (failure.problem) {
        case 'emailInvalid':
          return t.emailInvalid;
        case 'passwordMissing':
          return t.passwordMissing;
        case 'passwordTooShort':
          return t.passwordTooShort(minLength);
        case 'codeInvalidFormat':
          return t.codeInvalidFormat(this.flow.code?.codeLength ?? 6);
      }
    }
    const { code, retryAfter, attemptsRemaining } = failure.error;
    return t.errors[code]({ retryAfter, attemptsRemaining, minLength });
  }

  private noticeText(t: Translation, notice: NonNullable<SignInController['notice']>): string {
    switch (notice) {
      case 'codeResent':
        return t.codeResent;
      case 'passkeyCreated':
        return t.passkeyCreated;
      case 'signedOut':
        return t.signedOut;
      case 'passkeyCancelled':
        return t.errors.LATCH_PASSKEY_CANCELLED({});
      case 'signedOutElsewhere':
        return t.signedOutElsewhere;
      case 'signedOutIdle':
        return t.signedOutIdle;
      case 'sessionEnded':
        return t.sessionEnded;
      case 'signedInElsewhere':
        return t.signedInElsewhere;
    }
  }

  private showSso(): boolean {
    return this.sso !== 'off' && this.flow.hasConnections;
  }

  private busy(): 'true' | 'false' {
    return this.flow.pending ? 'true' : 'false';
  }

  /** Runs a user action; a failure is already shown by the controller, so nothing escapes as unhandled. */
  private guard(action: () => Promise<void>): void {
    action().catch(() => undefined);
  }

  private onEmail = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = this.form.query<HTMLInputElement>('input[name="username"]');
    this.guard(() => this.flow.submitEmail(input?.value ?? this.flow.email));
  };

  private onPassword = (event: SubmitEvent): void => {
    event.preventDefault();
    this.guard(() => this.flow.submitPassword(this.passwordInput()?.value ?? ''));
  };

  private onSignUp = (event: SubmitEvent): void => {
    event.preventDefault();
    this.guard(() => this.flow.submitSignUp(this.passwordInput()?.value ?? ''));
  };

  private onCode = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = this.form.query<HTMLInputElement>('input[name="one-time-code"]');
    if (input) input.value = input.value.trim();
    this.guard(() => this.flow.verifyCode(input?.value ?? ''));
  };

  private onPasskey = (event: Event): void => {
    event.preventDefault();
    this.guard(() => this.flow.passkey());
  };

  private onSignOut = (): void => {
    const target = this.postLogoutRedirectUri ? new URL(this.postLogoutRedirectUri, location.href).href : undefined;
    this.guard(() => this.flow.signOut(target));
  };

  private onRegisterPasskey = (): void => {
    this.guard(() => this.flow.registerPasskey());
  };

  private onReveal = (): void => {
    this.revealPassword = !this.revealPassword;
    this.requestUpdate();
  };

  private passwordInput(): HTMLInputElement | null {
    return this.form.query<HTMLInputElement>('input[name="password"]');
  }

  /**
   * Focus follows the flow (WCAG 2.2 SC 2.4.3): a new step focuses its first field (or heading), and a
   * rejected field is focused with its text selected for correction. Nothing is focused on first render.
   */
  private manageFocus(): void {
    const { step, failure } = this.flow;
    const factor = step === 'factor' ? this.factor : undefined;
    if (factor && factor.entered !== this.factorEntered && factor.state) {
      // A second factor's view drew its first control: focus it (the step change focused the heading).
      this.factorEntered = factor.entered;
      this.form.focusFirst();
    } else if (factor?.failure && factor.failure !== this.factorFailureShown) {
      this.form.focusInvalid();
    }
    this.factorFailureShown = factor?.failure;
    const title = this.form.query('.latch-title');
    if (this.shownStep !== undefined && step !== this.shownStep) {
      this.form.focusFirst(title);
    } else if (failure && failure !== this.shownFailure && failure.field !== 'form') {
      this.form.focusInvalid();
    } else if (failure && failure !== this.shownFailure) {
      title?.focus();
    }
    if (step !== this.shownStep) this.revealPassword = false;
    this.shownStep = step;
    this.shownFailure = failure;
  }

  private methodList(): Method[] {
    return this.methods.split(/\s+/).filter((value): value is Method => METHODS.includes(value as Method));
  }

  /** Whether to refuse collecting credentials: framed by another origin without the site's consent. */
  private refused(): boolean {
    return !this.allowFraming && framedByAnotherOrigin();
  }

  private t(): Translation {
    return translationFor(localeOf(this));
  }

}
