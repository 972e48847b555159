import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import type { CallOptions, LatchClient, StepUpRequirement } from '../../client/client.js';
import { CountdownController } from '../../controllers/countdown.controller.js';
import { deepActiveElement, ReturnFocus } from '../../controllers/return-focus.js';
import { framedByAnotherOrigin } from '../../controllers/framing.js';
import { LightFormController } from '../../controllers/light-form.controller.js';
import { StepUpController } from '../../controllers/step-up.controller.js';
import { translationFor } from '../../translations/translation.js';
import '../../translations/en.js';
import type { FactorKit } from '../factor/registry.js';
import { formStyles } from '../login/login.styles.js';
import { BACKEND_PROPERTIES, backendOf, clientOf } from '../../controllers/client-loader.js';
import { loadFactorKit } from '../factor/load.js';
import { liveRegions } from '../form/live-regions.js';
import { localeOf } from '../form/locale.js';
import { stepUpStrings, type StepUpStrings } from './step-up.strings.js';
import { styles } from './step-up.styles.js';

let instances = 0;

/**
 * "Confirm it's you": a modal step-up prompt for RFC 9470 challenges and sensitive actions. It registers
 * itself with its client (`client.onStepUp`), so `client.fetch()` and `client.requireStepUp()` open it; a
 * passkey check starts as soon as it opens (one touch), with a code as the fallback. Escape or Cancel
 * closes it and the pending call rejects with `LATCH_STEP_UP_CANCELLED`; the page behind keeps its state.
 * The code input is in the light DOM, in a real form, so autofill and password managers reach it.
 *
 * Script-tag pages call it directly: `await document.querySelector('latch-step-up').fetch('/api/email', …)`.
 *
 * @summary Modal step-up (re-verification) prompt.
 * @slot - Holds the form the element draws into its own light DOM, where password managers reach the inputs; leave it empty.
 * @event latch-error - After a failure was shown in the prompt. `detail: { code, error }`.
 * @csspart dialog - The modal `<dialog>`.
 * @csspart card - The content box inside it.
 * @csspart cancel - The Cancel button.
 * @cssproperty --latch-color-primary - Buttons, links and focus rings.
 * @cssproperty --latch-color-surface - The dialog's background.
 * @cssproperty --latch-color-text - Text.
 * @cssproperty --latch-color-muted - Secondary text.
 * @cssproperty --latch-color-border - Input and dialog borders.
 * @cssproperty --latch-color-danger - Error text and borders.
 * @cssproperty --latch-font-family - The font.
 * @cssproperty --latch-radius - Corner radius.
 * @cssproperty --latch-space - The base gap between rows.
 */
export class LatchStepUp extends LitElement {
  static override styles = styles;

  // Declared without decorators, so this lazily loaded chunk carries no decorator helper.
  static override properties = {
    ...BACKEND_PROPERTIES,
    theme: { reflect: true },
    allowFraming: { type: Boolean, attribute: 'allow-framing' },
  };

  /** The element that runs step-ups for `client`: one already on the page, else a new one added to `<body>`. */
  static for(client: LatchClient): LatchStepUp {
    for (const element of document.querySelectorAll('latch-step-up')) {
      if (element instanceof LatchStepUp && element.flow.client === client) return element;
    }
    const element = document.createElement('latch-step-up') as LatchStepUp;
    element.client = client;
    document.body.append(element);
    return element;
  }

  /** The backend's issuer identifier; a path means this page's origin. */
  issuer = '';

  /** This site's OAuth client id at the backend. */
  clientId = '';

  /** `light`, `dark`, or `auto` (follows the system). */
  theme: 'light' | 'dark' | 'auto' = 'auto';

  /** A client from `createClient()`, shared with the page; replaces `issuer` and `client-id`. */
  client?: LatchClient;

  /**
   * Inside a frame of another origin the prompt asks for nothing and says to open the site in its own window
   * (clickjacking, reliability.md S31); closing it cancels the step-up. Set it where framing is intended.
   */
  allowFraming = false;

  private readonly form = new LightFormController(this, formStyles);
  private readonly flow = new StepUpController<FactorKit>(this, {
    client: () => clientOf(backendOf(this)),
    loadKit: loadFactorKit,
    opened: () => {
      this.returnFocus.remember();
      this.dialog()?.showModal();
    },
    closed: () => {
      const dialog = this.dialog();
      if (dialog?.open) dialog.close();
      this.returnFocus.restore();
    },
    refused: () => this.refused(),
  });
  private readonly uid = `latch-step-up-${++instances}`;
  /** Where focus was before the dialog opened; it goes back there (WCAG 2.2 SC 2.4.3). */
  private readonly returnFocus = new ReturnFocus();
  private shownEntered = 0;
  private shownFailure: unknown;

  constructor() {
    super();
    // Redraws once a second while a resend countdown runs (it registers itself with the element).
    new CountdownController(this, () => Boolean(this.flow.request) && (this.flow.factor?.resendIn() ?? 0) > 0);
  }

  /** Ends the registration with the client; set once registered (tests wait for it). */
  protected get unregister(): (() => void) | undefined {
    return this.flow.registration;
  }

  /** `fetch` that steps up on an RFC 9470 challenge and retries once (see `LatchClient.fetch`). */
  async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    return (await this.flow.connect()).fetch(input, init);
  }

  /** Steps up before a sensitive action, unless the session already satisfies it (see `LatchClient.requireStepUp`). */
  async requireStepUp(options?: CallOptions & { acr?: string | readonly string[]; maxAge?: number }): Promise<void> {
    return (await this.flow.connect()).requireStepUp(options);
  }

  /**
   * Runs one step-up: asks the backend for the user's strongest factor, then opens the dialog. Resolves when
   * the session reaches the requirement; rejects with the backend's terminal error (`LATCH_STEP_UP_UNMET`,
   * `LATCH_NOT_SIGNED_IN`) before anything opens, or `LATCH_STEP_UP_CANCELLED` when the user closes it.
   */
  stepUp(request: StepUpRequirement & CallOptions): Promise<void> {
    return this.flow.stepUp(request);
  }

  protected override render(): TemplateResult {
    const s = this.strings();
    const errors = translationFor(this.locale());
    const { kit, factor } = this.flow;
    const t = kit?.factorStrings.for(this.locale());
    const announcement = factor?.announcement ?? 0;
    const refused = this.flow.request !== undefined && this.refused();
    const notice = kit && factor && t ? kit.factorNoticeText({ factor, t }) : '';
    const failure = refused ? errors.framedRefused : kit && factor?.failure && t ? kit.factorFailureText({ factor, t, errors }, factor.failure) : '';
    return html`
      <dialog part="dialog" aria-labelledby="title" aria-describedby="reason" @cancel=${this.onCancel} @close=${this.onClose} @keydown=${this.onKeydown}>
        <div part="card" class="card" dir=${s.$dir}>
          <h2 id="title" tabindex="-1">${s.title}</h2>
          <p id="reason" class="reason">${refused ? errors.framedRefused : this.reason(s)}</p>
          <slot></slot>
          <button type="button" part="cancel" class="cancel" @click=${() => this.dialog()?.close()}>${s.cancel}</button>
          ${liveRegions(notice, failure, announcement)}
        </div>
      </dialog>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const { kit, factor } = this.flow;
    this.form.render(
      this.flow.request && !this.refused() && kit && factor
        ? kit.renderFactor({ factor, t: kit.factorStrings.for(this.locale()), errors: translationFor(this.locale()), uid: this.uid })
        : html``,
    );
    this.manageFocus();
  }

  private reason(s: StepUpStrings): string {
    const request = this.flow.request;
    if (request?.acrValues?.length) return s.reasonStronger;
    if (request?.maxAge !== undefined) return s.reasonRecent;
    return s.reasonDefault;
  }

  private onCancel = (): void => {
    // Escape: the dialog closes itself; `close` settles the step-up as cancelled.
  };

  private onClose = (): void => {
    this.flow.cancel();
  };

  /**
   * Tab from the last control goes to the first, Shift+Tab from the first to the last (WAI-ARIA APG dialog
   * pattern): a modal `<dialog>` alone lets focus leave the page for the browser's own controls.
   */
  private onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
    const stops = this.tabStops();
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (!first || !last) return;
    const active = deepActiveElement();
    const inside = active !== undefined && stops.includes(active);
    if (event.shiftKey ? active === first || !inside : active === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  };

  /** The dialog's controls in Tab order: the factor's form (light DOM, slotted first), then Cancel. */
  private tabStops(): HTMLElement[] {
    const controls = [...this.form.body.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')].filter(
      (control) => control.tabIndex >= 0 && !control.matches(':disabled') && control.checkVisibility(),
    );
    const cancel = this.renderRoot.querySelector<HTMLElement>('.cancel');
    return cancel ? [...controls, cancel] : controls;
  }

  /** Focus follows the step: its first control (or the heading), and a rejected code is selected for correction. */
  private manageFocus(): void {
    const factor = this.flow.factor;
    if (!this.flow.request || !factor) return;
    const { entered, failure } = factor;
    if (entered !== this.shownEntered) {
      this.shownEntered = entered;
      this.form.focusFirst(this.renderRoot.querySelector<HTMLElement>('h2'));
    } else if (failure && failure !== this.shownFailure) {
      this.form.focusInvalid();
    }
    this.shownFailure = failure;
  }

  /** Whether to refuse collecting credentials: framed by another origin without the site's consent. */
  private refused(): boolean {
    return !this.allowFraming && framedByAnotherOrigin();
  }

  private dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private locale(): string {
    return localeOf(this);
  }

  private strings(): StepUpStrings {
    return stepUpStrings.for(this.locale());
  }
}
