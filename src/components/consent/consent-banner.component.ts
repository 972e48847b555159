import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { LatchClient } from '../../client/client.js';
import type { Purpose } from '../../protocol/consent.js';
import { BACKEND_PROPERTIES } from '../../controllers/client-loader.js';
import { ConsentBannerController } from '../../controllers/consent-banner.controller.js';
import { liveText } from '../../controllers/focus.js';
import { LocaleController } from '../../controllers/locale.controller.js';
import { consent } from '../../translations/locales/en/consent.js';
import type { SectionTexts } from '../../translations/translation.js';
import { localised, purposeWords } from './purpose-words.js';
import { BottomSpace } from './bottom-space.js';
import { styles } from './consent-banner.styles.js';

type ConsentTexts = SectionTexts<'consent'>;

/**
 * Cookie and tracking consent by purpose. A new visitor (or one whose choice is for an older policy version,
 * told what changed) sees a bar fixed to the bottom of the viewport: one sentence, the purposes, and "Reject
 * all", "Accept all" and "Choose", equal in size, colour and weight. "Choose" opens a switch per purpose, none
 * pre-ticked; strictly necessary ones are on and cannot be switched off. A browser sending Global Privacy
 * Control is told that advertising and selling or sharing stay off, and "Accept all" leaves them off. A
 * returning visitor sees nothing. It renders from the page's purposes or the config an earlier page cached,
 * without waiting for the network; with neither, right after the backend's config arrives.
 *
 * Not modal by default: a labelled region with no focus trap, reached by Tab where it sits in the document
 * (put it first in `<body>`), its appearance announced politely. `modal` makes it a modal dialog instead.
 * `mode="preferences"` draws a "Privacy choices" button that reopens the choices; `openPreferences()` does
 * the same from any control of the page.
 *
 * @summary Consent banner: reject as easy as accept, GPC honoured, choices recorded at the backend.
 * @event latch-consent-change - On `document`, after a choice took effect (see the consent API).
 * @csspart banner - The bar (non-modal) or the dialog (`modal`); also `dialog` for the latter.
 * @csspart title - The heading.
 * @csspart text - The sentence, the GPC notice and what changed.
 * @csspart purposes - The list of purposes on the first layer.
 * @csspart actions - The row of buttons.
 * @csspart button - Each button (also `button-reject`, `button-accept`, `button-choose`, `button-save`, `button-close`).
 * @csspart switches - The list of switches.
 * @csspart purpose - One purpose with its switch (also `switch` for the input, `purpose-description`).
 * @csspart preferences - The "Privacy choices" button of `mode="preferences"`.
 * @cssproperty --latch-consent-max-width - The widest the banner's content grows.
 * @cssproperty --latch-consent-padding - Padding inside the bar.
 * @cssproperty --latch-consent-gap - The gap between its parts.
 * @cssproperty --latch-consent-background - Its background (defaults to `--latch-color-surface`).
 * @cssproperty --latch-consent-shadow - Its shadow.
 * @cssproperty --latch-consent-switch-on - A switch that is on (defaults to `--latch-color-primary`).
 * @cssproperty --latch-color-primary - The buttons and focus rings (dark: `--latch-color-primary-dark`).
 * @cssproperty --latch-button-height - Button height.
 */
export class LatchConsentBanner extends LitElement {
  static override styles = styles;

  // Declared without decorators, so this lazily loaded chunk carries no decorator helper.
  static override properties = {
    ...BACKEND_PROPERTIES,
    // JSON in the attribute, as Lit reads an Array; an invalid one throws, as in any Lit element.
    purposes: { type: Array },
    policy: {},
    policyVersion: { attribute: 'policy-version' },
    mode: { reflect: true },
    modal: { type: Boolean, reflect: true },
    theme: { reflect: true },
  };

  /** The backend's issuer identifier; a path means this page's origin. */
  issuer = '';

  /** This site's OAuth client id at the backend. */
  clientId = '';

  /** A client made with `createClient()`, to share one with the page; replaces `issuer` and `client-id`. */
  client?: LatchClient;

  /** The purposes, given on the page (JSON in the attribute, or an array): no request needed. Else the backend's. */
  purposes?: Purpose[];

  /** The policy id of page-given purposes, for receipts. */
  policy = 'cookies';

  /** The version of page-given purposes: change it and every visitor is asked again. */
  policyVersion = '1';

  /** `banner`: asks when a choice is needed. `preferences`: a "Privacy choices" button that reopens the choices. */
  mode: 'banner' | 'preferences' = 'banner';

  /** A modal dialog instead of a non-modal bar. */
  modal = false;

  /** `light`, `dark`, or `auto` (follows the system). */
  theme: 'light' | 'dark' | 'auto' = 'auto';

  private readonly locale = new LocaleController(this);
  private readonly flow = new ConsentBannerController(this);
  private readonly space = new BottomSpace(this);
  private live = '';
  private announcements = 0;
  /** Where focus was before it entered the banner: it goes back there after a choice. */
  private returnTo: HTMLElement | undefined;
  /** What to focus after this update. */
  private focusNext: string | undefined;

  /** Opens the per-purpose choices, to change or withdraw a choice; focus moves into them. */
  openPreferences(): void {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (active instanceof HTMLElement && active !== document.body) this.returnTo = active;
    this.flow.choose('preferences');
    this.focusNext = 'h2';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('purposes') || changed.has('policyVersion') || changed.has('policy') || changed.has('mode')) {
      if (this.hasUpdated) this.flow.evaluate();
    }
    this.announceChanges();
  }

  protected override render(): TemplateResult {
    const t = this.t();
    const { view } = this.flow;
    const open = view !== 'hidden' && this.flow.config;
    return html`
      ${open ? this.panel(t) : nothing}
      ${this.mode === 'preferences'
        ? html`<button type="button" class="link" part="preferences" @click=${this.onPreferences}>${t.bannerPreferences}</button>`
        : nothing}
      <p class="live" role="status">${liveText(this.live, this.announcements)}</p>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) {
      dialog.showModal();
      // Into the dialog, on its heading: read first, and no button is favoured by holding the focus.
      this.focusNext ??= 'h2';
    }
    this.space.follow(this.modal ? null : this.renderRoot.querySelector<HTMLElement>('.bar'));
    // Kept until it is drawn: choices opened before the backend's config arrived are drawn once it has.
    const next = this.focusNext && this.renderRoot.querySelector<HTMLElement>(this.focusNext);
    if (next) {
      next.focus();
      this.focusNext = undefined;
    }
  }

  private shownView = this.flow.view;
  private shownSaves = 0;

  /** A banner that appears is announced politely, a saved choice too (WCAG 2.2 SC 4.1.3). */
  private announceChanges(): void {
    const { view, saved } = this.flow;
    if (saved !== this.shownSaves) {
      this.shownSaves = saved;
      this.live = this.t().bannerSaved;
      this.announcements++;
    } else if (view === 'first' && this.shownView === 'hidden') {
      // After the region is drawn: a live region announces changes, not what it held when it appeared.
      setTimeout(() => this.say(this.t().bannerTitle), 100);
    }
    this.shownView = view;
  }

  private say(text: string): void {
    this.live = text;
    this.announcements++;
    this.requestUpdate();
  }

  private panel(t: ConsentTexts): TemplateResult {
    const content = html`<div class="content" dir=${this.locale.dir ?? nothing}>
      ${this.flow.view === 'choose' ? this.chooseView(t) : this.firstView(t)}
    </div>`;
    if (this.modal) {
      return html`<dialog part="banner dialog" aria-labelledby="title" @cancel=${this.onCancel} @close=${this.onClose}>
        ${content}
      </dialog>`;
    }
    return html`<section class="bar" part="banner" role="region" aria-labelledby="title" @focusin=${this.onFocusIn}>${content}</section>`;
  }

  private firstView(t: ConsentTexts): TemplateResult {
    return html`
      <h2 id="title" part="title" tabindex="-1">${t.bannerTitle}</h2>
      ${this.sentences(t).map((sentence) => html`<p part="text">${sentence}</p>`)}
      <ul class="purposes" part="purposes" aria-label=${t.bannerPurposes}>
        ${this.titles(t).map((title) => html`<li>${title}</li>`)}
      </ul>
      ${this.policyLink(t)}
      <div class="actions" part="actions">
        <button type="button" part="button button-reject" @click=${this.onReject}>${t.bannerRejectAll}</button>
        <button type="button" part="button button-accept" @click=${this.onAccept}>${t.bannerAcceptAll}</button>
        <button type="button" part="button button-choose" @click=${this.onChoose}>${t.bannerChoose}</button>
      </div>
    `;
  }

  private chooseView(t: ConsentTexts): TemplateResult {
    const { choice, config, needsChoice } = this.flow;
    // Nothing pre-ticked: only the visitor's own choice for this very version shows as on.
    const current = !needsChoice ? choice?.purposes : undefined;
    return html`
      <h2 id="title" part="title" tabindex="-1">${t.bannerChooseTitle}</h2>
      ${this.flow.gpc ? html`<p part="text">${t.bannerGpc}</p>` : nothing}
      <ul class="switches" part="switches">
        ${config!.purposes.map((purpose) => this.purposeSwitch(t, purpose, current?.[purpose.id] === true))}
      </ul>
      ${this.policyLink(t)}
      <div class="actions" part="actions">
        <button type="button" part="button button-save" @click=${this.onSave}>${t.bannerSave}</button>
        ${needsChoice && this.mode === 'banner'
          ? nothing
          : html`<button type="button" part="button button-close" @click=${this.onCloseChoices}>${t.bannerClose}</button>`}
      </div>
    `;
  }

  private purposeSwitch(t: ConsentTexts, purpose: Purpose, on: boolean): TemplateResult {
    const { title, description } = purposeWords(purpose, t, this.locale.lang);
    const id = `purpose-${purpose.id}`;
    const describedBy = description ? `${id}-d` : nothing;
    return html`<li class="switch" part="purpose">
      <input type="checkbox" role="switch" part="switch" id=${id} data-purpose=${purpose.id} aria-describedby=${describedBy} ?checked=${purpose.required || on} ?disabled=${purpose.required} />
      <label for=${id}>${title}${purpose.required ? ` (${t.bannerAlwaysOn})` : ''}</label>
      ${description ? html`<p id="${id}-d" part="purpose-description">${description}</p>` : nothing}
    </li>`;
  }

  private policyLink(t: ConsentTexts): TemplateResult | typeof nothing {
    const url = this.flow.config?.privacy_url;
    return url ? html`<p><a href=${url} target="_blank" rel="noopener">${t.bannerPolicyLink}</a></p>` : nothing;
  }

  /** The first layer's sentences: what and why, what changed since the visitor's last choice, and GPC. */
  private sentences(t: ConsentTexts): string[] {
    const { previousVersion, gpc, config } = this.flow;
    const changes = localised(config?.changes, this.locale.lang) ?? localised(config?.changes, 'en');
    return [
      t.bannerIntro,
      ...(previousVersion ? [changes ? t.bannerChanged({ changes }) : t.bannerChangedGeneric] : []),
      ...(gpc ? [t.bannerGpc] : []),
    ];
  }

  private titles(t: ConsentTexts): string[] {
    return (this.flow.config?.purposes ?? []).map((purpose) => purposeWords(purpose, t, this.locale.lang).title);
  }

  /** The words the visitor was shown, for the receipt (its hash proves them): the sentences and the purposes. */
  private shownText(): string {
    const t = this.t();
    return [...this.sentences(t), ...this.titles(t)].join('\n');
  }

  private onReject = (): void => {
    void this.flow.rejectAll(this.shownText());
    void this.updateComplete.then(() => this.focusAfterChoice());
  };

  private onAccept = (): void => {
    void this.flow.acceptAll(this.shownText());
    void this.updateComplete.then(() => this.focusAfterChoice());
  };

  private onChoose = (): void => {
    this.flow.choose();
    this.focusNext = 'h2';
  };

  private onSave = (): void => {
    const inputs = this.renderRoot.querySelectorAll<HTMLInputElement>('input[data-purpose]:not(:disabled)');
    const purposes = Object.fromEntries([...inputs].map((input) => [input.dataset.purpose!, input.checked]));
    void this.flow.record(purposes, this.shownText());
    void this.updateComplete.then(() => this.focusAfterChoice());
  };

  private onCloseChoices = (): void => {
    this.flow.close();
    if (this.flow.view === 'first') this.focusNext = '[part~="button-choose"]';
    else void this.updateComplete.then(() => this.focusAfterChoice());
  };

  /** "Privacy choices": the page's banner opens them where it is drawn (one bar, not two), else this element. */
  private onPreferences = (event: Event): void => {
    (event.currentTarget as HTMLElement).focus();
    const banner = document.querySelector<LatchConsentBanner>('latch-consent-banner:not([mode="preferences"])');
    (banner?.openPreferences ? banner : this).openPreferences();
  };

  private onFocusIn = (event: FocusEvent): void => {
    const from = event.relatedTarget;
    if (from instanceof HTMLElement && from !== this && !this.contains(from)) this.returnTo = from;
  };

  /** Escape accepts nothing: in the switches it goes back to the first layer; the first layer stays open. */
  private onCancel = (event: Event): void => {
    event.preventDefault();
    if (this.flow.view === 'choose') this.onCloseChoices();
  };

  /** The browser may close the dialog on Escape without a cancelable `cancel`: it opens again while a choice is due. */
  private onClose = (): void => {
    if (this.flow.view !== 'hidden') this.requestUpdate();
  };

  /**
   * After a choice the banner is gone: focus goes back where it was before it entered the banner, else to the
   * page's "Privacy choices" button, else to the main content (never lost to the body).
   */
  private focusAfterChoice(): void {
    const target =
      (this.returnTo?.isConnected ? this.returnTo : undefined) ??
      [...document.querySelectorAll<LatchConsentBanner>('latch-consent-banner[mode="preferences"]')]
        .map((element) => element.shadowRoot?.querySelector<HTMLElement>('[part="preferences"]'))
        .find(Boolean) ??
      document.querySelector<HTMLElement>('main, [role="main"]');
    if (!target) return;
    if (!target.matches('a[href], button, input, select, textarea, [tabindex]')) target.tabIndex = -1;
    target.focus();
    this.returnTo = undefined;
  }

  private t(): ConsentTexts {
    return this.locale.texts('consent', consent);
  }
}
