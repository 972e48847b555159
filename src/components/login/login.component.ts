import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { LatchClient } from '../../client/client.js';
import { lazy } from '../../client/lazy.js';
import { BACKEND_PROPERTIES, backendOf } from '../../controllers/client-loader.js';
import { CountdownController } from '../../controllers/countdown.controller.js';
import { ExperimentsController } from '../../controllers/experiments.controller.js';
import { liveText } from '../../controllers/focus.js';
import { LightFormController } from '../../controllers/light-form.controller.js';
import { PasskeyAutofillController } from '../../controllers/passkey-autofill.controller.js';
import { METHODS, SignInController, type Failure, type Field } from '../../controllers/sign-in.controller.js';
import type { LatchSignedInEvent, LoginStep } from '../../events/index.js';
import type { Connection, Method, WidgetConfig } from '../../protocol/index.js';
import type { Assignment, ExperimentSource } from '../../experiments/types.js';
import type { AnalyticsSink } from '../../analytics/sink.js';
import { FunnelController } from '../../analytics/funnel.js';
import type { LastUsed } from '../../client/last-used.js';
import { LocaleController } from '../../controllers/locale.controller.js';
import { login } from '../../translations/locales/en/login.js';
import { social } from '../../translations/locales/en/social.js';
import type { SectionTexts } from '../../translations/translation.js';
import type { FactorController, FactorStep } from '../../controllers/factor.controller.js';
import { loadFactorKit } from '../factor/load.js';
import type { FactorKit } from '../factor/registry.js';
import { framedNotice } from '../form/framed-notice.js';
import { formNotice } from '../form/notice.js';
import { framedByAnotherOrigin } from '../../controllers/framing.js';
import { passkeyIcon } from './icons.js';
import { trustSignals, type TrustSignal } from './trust-signals.js';
import type { factorFooter, LaterSteps, lastUsedMark, stepNotice as StepNoticeFn, StepView, trustViews } from './login-steps.js';
import type { LastUsedMark } from './last-used-badge.js';
import type { PasswordStrength } from '../../controllers/password-strength.js';
import { formStyles, styles } from './login.styles.js';

type LoginTexts = SectionTexts<'login'>;
type StepNotice = typeof StepNoticeFn;

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
 * @event latch-signed-in - After a sign-in completed. `detail: { user, method, amr, lastSignIn?, newDevice? }`.
 * @event latch-signed-out - After the user signed out.
 * @event latch-step - After the widget moved to a step. `detail: { step }`.
 * @event latch-error - After a failure was shown. `detail: { code, error }`.
 * @event latch-analytics - An analytics event, once the consent gate lets it out (README "Analytics events and where they go"). `detail`: the `AnalyticsEvent`.
 * @csspart card - The card around the form (shadow DOM: `latch-login::part(card)`).
 *
 * The form is in the light DOM (password managers reach it there), where `::part()` does not apply: its nodes
 * carry the same names in `part` attributes, selected as `latch-login [part~="button-primary"]`. Those parts:
 * `form`; `heading` (each step's title), `subheading` (the line under it), `section-heading` (the passkey
 * nudge's), `text`; `label`, `input` (also `input-email`, `input-password`, `input-code`), `hint`,
 * `field-error`; `button` with `button-primary`, `button-secondary`, `button-link` or `button-reveal` (show
 * password); `notice` with `notice-error`, `notice-success` or `notice-info`; `identity` (the email with
 * "Change"); `divider`; `list` and `list-item` (methods, other factors); `actions`; `nudge`; `icon` (also
 * `icon-passkey`, `icon-eye`); `spinner`; the trust signals (README "Trust signals"): `trust` around `brand` (`logo`,
 * `brand-name`) and `site` (`site-host`, `site-rest`, `site-domain`), and `links` (each `link`).
 * After sign-in (profile §26.3–§26.4): `last-sign-in` (the previous sign-in's line) with `last-sign-in-link`
 * (`activity-url`), and `new-device` (the new-device notice).
 * @cssproperty --latch-color-primary - Buttons, links and focus rings (dark theme: `--latch-color-primary-dark`;
 *   every `--latch-color-*` has a `-dark` twin).
 * @cssproperty --latch-color-on-primary - Text on primary buttons.
 * @cssproperty --latch-color-surface - The card's background.
 * @cssproperty --latch-color-text - Text.
 * @cssproperty --latch-color-muted - Secondary text.
 * @cssproperty --latch-color-border - Input and card borders.
 * @cssproperty --latch-color-danger - Error text and borders.
 * @cssproperty --latch-color-success - Success notices.
 * @cssproperty --latch-color-info - Neutral notices.
 * @cssproperty --latch-color-focus - Focus rings.
 * @cssproperty --latch-color-subtle - Quiet backgrounds (the identity box, the nudge).
 * @cssproperty --latch-font-family - The font.
 * @cssproperty --latch-font-size - The base text size.
 * @cssproperty --latch-radius - Corner radius of inputs and buttons.
 * @cssproperty --latch-space - The base gap between rows.
 * @cssproperty --latch-control-height - Minimum height of inputs and buttons.
 * @cssproperty --latch-density - Scales spacing and control heights: 0.85 compact, 1, 1.15 comfortable.
 * @cssproperty --latch-login-max-width - The card's maximum width (defaults to `--latch-max-width`).
 * @cssproperty --latch-login-card-padding - Padding inside the card (defaults to `--latch-space` × 1.5).
 * @cssproperty --latch-login-card-radius - The card's corners (defaults to `--latch-radius` × 1.5).
 * @cssproperty --latch-login-card-background - The card's background (defaults to `--latch-color-surface`).
 * @cssproperty --latch-login-card-shadow - The card's shadow (defaults to `--latch-shadow-card`).
 * @cssproperty --latch-login-gap - The gap between the form's rows (defaults to `--latch-space`).
 * @cssproperty --latch-login-heading-size - The step heading's size.
 * @cssproperty --latch-button-height - Button height (defaults to `--latch-control-height`).
 * @cssproperty --latch-input-height - Input height (defaults to `--latch-control-height`).
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
    trustSignals: { attribute: 'trust-signals' },
    activityUrl: { attribute: 'activity-url' },
    // The options a variant sets (profile §28; README "Options"); each is an ordinary attribute too.
    lead: {},
    layout: {},
    socialPosition: { attribute: 'social-position' },
    nudgeCopy: { attribute: 'nudge-copy' },
    signUpCta: { attribute: 'sign-up-cta' },
    // Experiments and analytics (README "Experiments", "Analytics").
    experiments: {},
    configUrl: { attribute: 'config-url' },
    forceVariant: { attribute: 'force-variant' },
    analytics: {},
    analyticsUrl: { attribute: 'analytics-url' },
    experimentSource: { attribute: false },
    analyticsSinks: { attribute: false },
  };

  /**
   * The backend's issuer identifier (`https://id.example.com`); its discovery document is read from there.
   * A path (`/`) is resolved against the page's own origin, for backends on the same origin.
   */
  issuer = '';

  /** This site's OAuth client id at the backend. */
  clientId = '';

  /**
   * Methods to offer, in order, separated by spaces: `passkey`, `email_otp`, `password`. `email_otp` means the
   * email: a backend that prefers links gets `email_link` in its place (or name `email_link` itself).
   */
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

  /**
   * Which trust signals to show (trust-signals.ts): absent shows all; `none`, or a space-separated list of
   * `site brand links passkey last-sign-in last-used new-device`.
   */
  trustSignals = '';

  /** The page listing the customer's sign-in activity; the last sign-in line links it ("Not you?"). Empty: no link. */
  activityUrl = '';

  /** A client made with `createClient()`, to share one with the page; replaces `issuer` and `client-id`. */
  client?: LatchClient;

  /** `email`: the email field first; `passkey`: the passkey button first, the email field under it. */
  lead: 'email' | 'passkey' = 'email';

  /** `identifier-first`: the email, then a method; `combined`: the email and the password on one step. */
  layout: 'identifier-first' | 'combined' = 'identifier-first';

  /** Where the social and enterprise buttons sit: `top` (above the email) or `bottom`. */
  socialPosition: 'top' | 'bottom' = 'bottom';

  /** The passkey nudge's wording: `standard`, `faster` or `safer` (each translated). */
  nudgeCopy: 'standard' | 'faster' | 'safer' = 'standard';

  /** The sign-up link's wording: `standard`, `free` or `quick` (each translated). */
  signUpCta: 'standard' | 'free' | 'quick' = 'standard';

  /** Experiments on this form: a widget config (profile §28.1) as JSON, or the object itself. */
  experiments: string | WidgetConfig = '';

  /** Where to read the widget config (the backend's `ciam_widget_config_endpoint` with `?client_id=`). */
  configUrl = '';

  /** QA: `<experiment>:<variation>` pairs, space-separated, for experiments that allow it (`allow_force`). */
  forceVariant = '';

  /** Where analytics events go, space-separated: `datalayer`, `segment`, `beacon` (README "Analytics"). */
  analytics = '';

  /** The beacon sink's URL (default: the backend's `ciam_events_endpoint`). */
  analyticsUrl = '';

  /** Picks the variants instead of `experiments` / `config-url` (e.g. `openFeatureExperiments()` from `latchkey/openfeature`). */
  experimentSource?: ExperimentSource;

  /** More places for analytics events besides those `analytics` names (e.g. an OpenFeature `track()` sink). */
  analyticsSinks: AnalyticsSink[] = [];

  /** The experiments this view of the form is in, and what each set; empty when none. */
  assignments: readonly Assignment[] = [];

  /** The widget config's `version` the options came from, if any. */
  configVersion: string | undefined;

  private readonly locale = new LocaleController(this);
  // After the options' fields: it notes their defaults, to tell an option the page set from one it left unset.
  private readonly variants = new ExperimentsController(this, () => this.locale.requested);
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
      // The views of the steps after the first come with them.
      late: lazy(() =>
        Promise.all([import('./login-parts.js'), import('./login-steps.js')]).then(([{ composeLateParts }, { steps, stepNotice, factorFooter, lastUsedMark, trustViews }]) => {
          this.steps = steps;
          this.lastUsed = lastUsedMark;
          this.trust = trustViews;
          this.stepNotice = stepNotice;
          this.factorFooter = factorFooter;
          return composeLateParts(this, this.flow);
        }),
      ),
      track: (mark) => this.funnel.mark(mark),
    },
  );
  /** The analytics funnel: its events' code comes with the client's (src/analytics/tracker.ts). */
  private readonly funnel = new FunnelController(this, {
    client: () => this.flow.clientReady(),
    step: () => this.flow.step,
    mode: () => this.flow.mode,
    factor: () => this.flow.factorState?.step,
    locale: () => this.locale.lang,
  });
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
  /** The views of the steps after the first (see `renderStep`), and the words of the notices only they give. */
  private steps: LaterSteps | undefined;
  private stepNotice: StepNotice | undefined;
  /** The reset's new password strength so far (only the strength: the password stays in its input). */
  private newPasswordStrength: PasswordStrength | undefined;
  /** Drawn under a second factor: the account recovery link (it comes with the later steps). */
  private factorFooter: typeof factorFooter | undefined;
  /** The "Last used" badge (it comes with the later steps: it may appear a moment after the form). */
  private lastUsed: typeof lastUsedMark | undefined;
  /** The trust signals' views (the brand, the site, the policy links, an origin's refusal; trust-steps.ts). */
  private trust: typeof trustViews | undefined;

  constructor() {
    super();
    // Redraws once a second while a resend countdown runs (it registers itself with the element).
    new CountdownController(
      this,
      () =>
        (this.flow.step === 'code' && this.flow.resendIn() > 0) ||
        (this.flow.step === 'email-link' && (this.flow.emailLink?.resendIn() ?? 0) > 0) ||
        (this.flow.step === 'factor' && (this.factor?.resendIn() ?? 0) > 0),
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
      status = kit.factorNoticeText({ factor: this.factor, locale: this.locale }) || status;
      alert = this.factor.failure ? kit.factorFailureText({ factor: this.factor, locale: this.locale }, this.factor.failure) : alert;
    }
    return html`
      <div part="card" class="card" dir=${this.locale.dir ?? nothing}>
        <slot></slot>
        <div id="status" class="live" role="status">${liveText(status, announcement)}</div>
        <div id="alert" class="live" role="alert">${liveText(alert, announcement)}</div>
      </div>
    `;
  }

  /** The first draw waits (bounded) for this view's variants, so it already shows their options (no flicker). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const held = this.hasUpdated ? undefined : this.variants.beforeFirstUpdate();
    return held ? held.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
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

  private renderStep(t: LoginTexts): TemplateResult {
    if (this.refused()) return framedNotice(t);
    const refusal = this.trust?.refusal(this.view(), this.formAlert(t));
    if (refusal) return refusal;
    const step = this.flow.step;
    if (step === 'identifier') return this.identifierStep(t);
    if (step === 'factor') return this.factorStep(t);
    // The later steps' views come with the client's code, which every step after the first has needed.
    return this.steps ? this.steps[step](this.view(), t) : this.working(t);
  }

  /** What the later steps' views (login-steps.ts) draw with. */
  private view(): StepView {
    return {
      flow: this.flow,
      uid: this.uid,
      revealPassword: this.revealPassword,
      locale: this.locale,
      activityUrl: this.activityUrl,
      nudgeCopy: this.nudgeCopy,
      busy: () => this.busy(),
      showsTrust: (signal) => this.showsTrust(signal),
      identity: (t) => this.identity(t),
      formAlert: (t) => this.formAlert(t),
      fieldError: (t, field) => this.fieldError(t, field),
      invalid: (field) => this.invalid(field),
      describedBy: (field) => this.describedBy(field),
      submit: (label) => this.submit(label),
      hiddenUsername: () => this.hiddenUsername(),
      guard: (action) => this.guard(action),
      onPassword: this.onPassword,
      onSignUp: this.onSignUp,
      onNewPassword: this.onNewPassword,
      newPasswordStrength: this.newPasswordStrength,
      onNewPasswordInput: (strength) => {
        this.newPasswordStrength = strength;
        this.flow.edited('password');
        this.requestUpdate();
      },
      onCode: this.onCode,
      onPasskey: this.onPasskey,
      onSignOut: this.onSignOut,
      onRegisterPasskey: this.onRegisterPasskey,
      onReveal: this.onReveal,
    };
  }

  /** A step whose view has not arrived yet. */
  private working(t: LoginTexts): TemplateResult {
    return html`<div class="latch-form" part="form" aria-busy="true">
      <h2 class="latch-title" part="heading" tabindex="-1">${t.working}</h2>
      ${this.formAlert(t)}
    </div>`;
  }

  /**
   * The first step, laid out by the options a variant sets (README "Options a variant sets"): `lead` puts the
   * passkey button or the email first, `layout="combined"` adds the password, `social-position` puts the
   * social buttons above or below; "or" separates the groups.
   */
  private identifierStep(t: LoginTexts): TemplateResult {
    const signingUp = this.flow.mode === 'sign-up';
    const passkey = !signingUp && this.offersPasskey();
    const passkeyFirst = passkey && this.lead === 'passkey';
    const combined = !signingUp && this.layout === 'combined';
    const socialTop = this.socialPosition === 'top';
    const shown = signingUp ? 0 : 1 + +passkey + +this.showSso();
    const mark = (choices: LastUsed[]) => this.lastUsed?.(this.view(), t, choices, shown);
    const passkeyMark = mark(['passkey']);
    const email = html`<div class="latch-field">
        <label class="latch-label" part="label" for=${`${this.uid}-email`}>${t.emailLabel}</label>
        <input
          id=${`${this.uid}-email`}
          class="latch-input"
          part="input input-email"
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
      ${combined ? this.combinedPassword(t) : nothing}
      ${this.submit(combined ? t.signInInstead : t.continue, mark(['password', 'email_otp']), passkeyFirst)}
      ${combined
        ? html`<button type="button" class="latch-link" part="button button-link" @click=${this.onOtherMethods}>${t.otherMethods}</button>`
        : nothing}`;
    const kind = passkeyFirst ? 'primary' : 'secondary';
    const passkeyButton = passkey
      ? html`<button type="button" class="latch-button latch-${kind}" part="button button-${kind}" aria-disabled=${this.busy()} aria-describedby=${passkeyMark?.id ?? nothing} @click=${this.onPasskey}>
          ${passkeyIcon}${t.passkeySignIn}${passkeyMark?.badge}
        </button>`
      : undefined;
    const social = this.showSso()
      ? html`<latch-social-buttons
          .client=${this.flow.connectedClient}
          mode=${this.ssoMode}
          providers=${this.providers}
          prompt=${signingUp ? 'create' : ''}
          trust-signals=${this.trustSignals}
          with-other-methods
          @latch-signed-in=${(event: LatchSignedInEvent) => this.guard(() => this.flow.adoptSignIn(event.detail))}
          >${this.heldSsoButtons()}</latch-social-buttons
        >`
      : undefined;
    const groups = [
      [socialTop && social],
      [passkeyFirst && passkeyButton],
      [email],
      [!passkeyFirst && passkeyButton, !socialTop && social],
    ]
      .map((group) => group.filter((part) => part))
      .filter((group) => group.length);
    return html`
      <form class="latch-form" part="form" novalidate aria-busy=${this.busy()} @submit=${this.onEmail}>
        ${this.trust ? this.trust.header(this.view()) : this.heldTrustLines()}
        <h2 class="latch-title" part="heading" tabindex="-1">${this.heading(t, signingUp)}</h2>
        ${this.formAlert(t)}
        ${groups.map((group, index) => html`${index ? html`<div class="latch-divider" part="divider">${t.or}</div>` : nothing}${group}`)}
        ${this.flow.signUpAllowed
          ? html`<p class="latch-text" part="text">
              ${signingUp ? t.haveAccount : t.newHere}
              <button type="button" class="latch-link" part="button button-link" @click=${() => this.flow.toggleMode()}>
                ${signingUp ? t.signInInstead : this.signUpText(t)}
              </button>
            </p>`
          : nothing}
        ${this.trust?.footer(this.view())}
      </form>
    `;
  }

  /** The combined layout's password (no show-password toggle here: that code comes after the form). */
  private combinedPassword(t: LoginTexts): TemplateResult {
    return html`<div class="latch-field">
      <label class="latch-label" part="label" for=${`${this.uid}-password`}>${t.passwordLabel}</label>
      <input
        id=${`${this.uid}-password`}
        class="latch-input"
        part="input input-password"
        type="password"
        name="password"
        autocomplete="current-password"
        autocapitalize="none"
        spellcheck="false"
        required
        aria-invalid=${this.invalid('password')}
        aria-describedby=${this.describedBy('password')}
        @input=${() => this.flow.edited('password')}
      />
      ${this.fieldError(t, 'password')}
    </div>`;
  }

  /**
   * Whether the first step offers a passkey. Passkey-first draws its button on the first render, from the
   * browser's WebAuthn (what the client's answer is made of), so the email field does not move down later.
   */
  private offersPasskey(): boolean {
    if (!this.methodList().includes('passkey')) return false;
    const { passkeys, passkeysChecked } = this.flow;
    return passkeysChecked || this.lead !== 'passkey' ? passkeys.available : typeof PublicKeyCredential === 'function';
  }

  /** The sign-up link's wording (`sign-up-cta`). */
  private signUpText(t: LoginTexts): string {
    if (this.signUpCta === 'free') return t.createAccountFree;
    return this.signUpCta === 'quick' ? t.createAccountQuick : t.createAccount;
  }

  /** A second factor: the reason in plain words, then the factor (its code loads on the first one). */
  private factorStep(t: LoginTexts): TemplateResult {
    const kit = this.factorKit;
    const reason = this.flow.factorState?.reason;
    if (!kit || !this.factor?.state) return this.working(t);
    const ft = this.locale.texts('factor', kit.factorEnglish);
    const header = html`<h2 class="latch-title" part="heading" tabindex="-1">${reason === 'new_device' ? ft.titleNewDevice : ft.title}</h2>
      ${reason ? html`<p class="latch-text" part="subheading">${kit.reasonText(ft, reason)}</p>` : nothing} ${this.identity(t)}`;
    return kit.renderFactor({
      factor: this.factor,
      locale: this.locale,
      uid: this.uid,
      header,
      extra: html`${this.hiddenUsername()} ${this.formAlert(t)}`,
      footer: this.factorFooter?.(this.view(), t, this.factor.state),
    });
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

  /** The identifier again, for password managers on later steps (Chromium's multi-step form guidance). */
  private hiddenUsername(): TemplateResult {
    return html`<input type="email" name="username" autocomplete="username" .value=${this.flow.email} hidden readonly />`;
  }

  private identity(t: LoginTexts): TemplateResult {
    return html`<div class="latch-identity" part="identity">
      <span>${this.flow.email}</span>
      <button type="button" class="latch-link" part="button button-link" @click=${() => this.flow.changeEmail()}>${t.change}</button>
    </div>`;
  }

  /** The step's submit button; `secondary` when another button leads (passkey-first). */
  private submit(label: string, mark?: LastUsedMark, secondary = false): TemplateResult {
    const busy = this.flow.pending === 'submit';
    const kind = secondary ? 'secondary' : 'primary';
    return html`<button type="submit" class="latch-button latch-${kind}" part="button button-${kind}" aria-disabled=${this.busy()} aria-describedby=${mark?.id ?? nothing}>
      ${busy ? html`<span class="latch-spinner" part="spinner" aria-hidden="true"></span>` : nothing}${label}${mark?.badge}
    </button>`;
  }

  private formAlert(t: LoginTexts): TemplateResult | typeof nothing {
    const { failure, notice } = this.flow;
    if (failure?.field === 'form') return formNotice(this.failureText(t, failure), 'error');
    // The link step says "opened on another device" in its own words next to the code field.
    if (notice && notice !== 'passkeyCreated' && notice !== 'linkOpenedElsewhere') {
      return formNotice(this.noticeText(t, notice), notice === 'codeResent' || notice === 'linkResent' ? 'success' : 'info');
    }
    return nothing;
  }

  private fieldError(t: LoginTexts, field: Field): TemplateResult | typeof nothing {
    const failure = this.flow.failure;
    return failure?.field === field
      ? html`<p class="latch-error" part="field-error" id=${`${this.uid}-${field}-error`}>${this.failureText(t, failure)}</p>`
      : nothing;
  }

  private invalid(field: Field): 'true' | 'false' {
    return this.flow.failure?.field === field ? 'true' : 'false';
  }

  private describedBy(field: Field): string | undefined {
    return this.flow.failure?.field === field ? `${this.uid}-${field}-error` : undefined;
  }

  private failureText(t: LoginTexts, failure: Failure): string {
    const minLength = this.flow.passwordMinLength;
    if (failure.problem) {
      switch (failure.problem) {
        case 'emailInvalid':
          return t.emailInvalid;
        case 'passwordMissing':
          return t.passwordMissing;
        case 'passwordTooShort':
          return t.passwordTooShort({ count: minLength });
        case 'codeInvalidFormat':
          return t.codeInvalidFormat({ count: this.flow.code?.codeLength ?? 6 });
      }
    }
    const { code, retryAfter, attemptsRemaining, config } = failure.error;
    return this.locale.error(code, { retryAfter, attemptsRemaining, minLength, config });
  }

  private noticeText(t: LoginTexts, notice: NonNullable<SignInController['notice']>): string {
    switch (notice) {
      case 'codeResent':
        return t.codeResent;
      case 'passkeyCreated':
        return t.passkeyCreated;
      case 'signedOut':
        return t.signedOut;
      case 'passkeyCancelled':
        return this.locale.error('LATCH_PASSKEY_CANCELLED');
      case 'signedOutElsewhere':
        return t.signedOutElsewhere;
      case 'signedOutIdle':
        return t.signedOutIdle;
      case 'sessionEnded':
        return t.sessionEnded;
      case 'signedInElsewhere':
        return t.signedInElsewhere;
      case 'codeAlreadySent':
      case 'passwordReset':
      case 'linkResent':
      case 'linkOpenedElsewhere':
        return this.stepNotice?.(this.locale, notice) ?? '';
    }
  }

  private showSso(): boolean {
    return this.sso !== 'off' && this.ssoShown().length > 0;
  }

  /** The SSO buttons the form shows: the backend's connections, or those of them `providers` names, in its order. */
  private ssoShown(): readonly Connection[] {
    const { connections } = this.flow;
    const wanted = this.providers.split(/\s+/).filter(Boolean);
    return wanted.length ? wanted.flatMap((id) => connections.filter((connection) => connection.id === id)) : connections;
  }

  /**
   * The buttons' words, unseen, in the buttons' place (login.styles.ts), until their code and the connections arrive
   * (`<latch-social-buttons>` shows them through a slot while it loads): they wrap as the buttons will, so the
   * sign-up link below never moves under a pointer, at 320 px too.
   */
  private heldSsoButtons(): TemplateResult[] {
    const words = this.locale.texts('social', social);
    return this.ssoShown().map((connection) => html`<span class="latch-sso-held" aria-hidden="true">${words.continueWith({ provider: connection.name })}</span>`);
  }

  private busy(): 'true' | 'false' {
    return this.flow.pending ? 'true' : 'false';
  }

  /** Runs a user action; a failure is already shown by the controller, so nothing escapes as unhandled. */
  private guard(action: () => Promise<void>): void {
    action().catch(() => undefined);
  }

  /** The first step's submit: the email, or with the combined layout the email and the password. */
  private onEmail = (event: SubmitEvent): void => {
    event.preventDefault();
    const email = this.emailInput()?.value ?? this.flow.email;
    const password = this.passwordInput();
    this.guard(() => (password ? this.flow.submitCombined(email, password.value) : this.flow.submitEmail(email)));
  };

  private onOtherMethods = (): void => {
    this.guard(() => this.flow.submitCombined(this.emailInput()?.value ?? this.flow.email));
  };

  private onPassword = (event: SubmitEvent): void => {
    event.preventDefault();
    this.guard(() => this.flow.submitPassword(this.passwordInput()?.value ?? ''));
  };

  private onNewPassword = (event: SubmitEvent): void => {
    event.preventDefault();
    this.guard(() => this.flow.submitNewPassword(this.passwordInput()?.value ?? ''));
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

  private emailInput(): HTMLInputElement | null {
    return this.form.query<HTMLInputElement>('input[name="username"]');
  }

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
    if (step !== this.shownStep) {
      this.revealPassword = false;
      this.newPasswordStrength = undefined;
    }
    this.shownStep = step;
    this.shownFailure = failure;
  }

  /**
   * Before the trust signals' code arrives: their box with a line held for the brand and one for the site, so the
   * field and buttons do not move when they fill in (no layout shift under a finger or a click).
   */
  private heldTrustLines(): TemplateResult | typeof nothing {
    const brand = this.showsTrust('brand');
    const site = this.showsTrust('site');
    if (!brand && !site) return nothing;
    return html`<div class="latch-trust" part="trust">${brand ? html`<p class="latch-brand"></p>` : nothing}${site ? html`<p class="latch-site"></p>` : nothing}</div>`;
  }

  /** Whether the `trust-signals` attribute turns this signal on (all are on by default). */
  showsTrust(signal: TrustSignal): boolean {
    return trustSignals(this.trustSignals).has(signal);
  }

  private methodList(): Method[] {
    return this.methods.split(/\s+/).filter((value): value is Method => METHODS.includes(value as Method));
  }

  /** Whether to refuse collecting credentials: framed by another origin without the site's consent. */
  private refused(): boolean {
    return !this.allowFraming && framedByAnotherOrigin();
  }

  private t(): LoginTexts {
    return this.locale.texts('login', login);
  }

  private heading(t: LoginTexts, signingUp: boolean): string {
    const site = this.siteName;
    if (signingUp) return site ? t.signUpTitleSite({ site }) : t.signUpTitle;
    return site ? t.signInTitleSite({ site }) : t.signInTitle;
  }

}
