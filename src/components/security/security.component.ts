import { html, LitElement, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import type { LatchClient } from '../../client/client.js';
import type { FactorSummary, PhoneEnrollment, TotpEnrollment } from '../../protocol/index.js';
import { lazy } from '../../client/lazy.js';
import { AccountController } from '../../controllers/account.controller.js';
import { BACKEND_PROPERTIES, backendOf } from '../../controllers/client-loader.js';
import { LightFormController } from '../../controllers/light-form.controller.js';
import { normalizeOneTimeCode } from '../../controllers/one-time-code.js';
import { accountFormStyles, accountStyles } from '../../styles/account.styles.js';
import '../../translations/en.js';
import { codeInput } from '../form/code-input.js';
import { liveCard } from '../form/live-regions.js';
import { errorMessage, localeOf } from '../form/locale.js';
import { securityStrings, type SecurityStrings } from './security.strings.js';

type Action = 'load' | 'totp-start' | 'totp-verify' | 'totp-remove' | 'phone-start' | 'phone-verify' | 'phone-remove' | 'codes';
type Notice = 'totpDone' | 'totpRemoved' | 'phoneDone' | 'phoneRemoved' | 'codesCreated' | 'copied';
/** A local check before anything is sent, shown next to its field. */
type Problem = 'totp-code' | 'phone-number' | 'phone-code';

/** The QR chunk, fetched on the first authenticator app setup (a failed fetch is tried again next time). */
const loadQr = lazy(() => import('./qr-code.js'));
let instances = 0;

/**
 * The signed-in user's account security: passkeys (`<latch-passkeys>`), an authenticator app (QR code and
 * manual key), a phone for text codes, and recovery codes (shown once). Changes are sensitive: the backend
 * may ask the user to confirm it's them first. Inputs live in the light DOM inside real forms
 * (`autocomplete="one-time-code"`, `tel`); the card and the live regions are in the shadow root.
 *
 * @summary Account security settings for the signed-in user.
 * @slot - Holds the form the element draws into its own light DOM, where password managers reach the inputs; leave it empty.
 * @event latch-error - After a failure was shown. `detail: { code, error }`.
 * @csspart card - The card around the settings.
 */
export class LatchSecurity extends LitElement {
  static override styles = accountStyles;

  // Declared without decorators, so this lazily loaded chunk carries no decorator helper.
  static override properties = {
    ...BACKEND_PROPERTIES,
    siteName: { attribute: 'site-name' },
    theme: { reflect: true },
  };

  /** The backend's issuer identifier; a path is resolved against the page's origin. */
  issuer = '';

  /** This site's OAuth client id at the backend. */
  clientId = '';

  /** The site's name, for the recovery codes file. */
  siteName = '';

  /** `light`, `dark`, or `auto` (follows the system). */
  theme: 'light' | 'dark' | 'auto' = 'auto';

  /** A client made with `createClient()`, to share one with the page. */
  client?: LatchClient;

  private readonly form = new LightFormController(this, accountFormStyles);
  private readonly account = new AccountController<Action, Notice>(this, () => backendOf(this));
  private readonly uid = `latch-security-${++instances}`;
  private factors: FactorSummary | undefined;
  private totp: (TotpEnrollment & { qr?: { size: number; d: string } }) | undefined;
  private phone: PhoneEnrollment | undefined;
  private addingPhone = false;
  private phoneNumber = '';
  private confirming: 'totp' | 'phone' | 'codes' | undefined;
  private codes: readonly string[] | undefined;
  private problem: Problem | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.factors) void this.load();
  }

  protected override render(): TemplateResult {
    const { notice, announcement } = this.account;
    return liveCard(notice ? this.t()[notice] : '', this.errorText(), announcement);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.form.render(this.view(this.t()));
  }

  private view(t: SecurityStrings): TemplateResult {
    const { failure, notice, pending } = this.account;
    const factors = this.factors;
    return html`
      <div class="latch-section" aria-busy=${pending ? 'true' : 'false'}>
        <h2 id=${`${this.uid}-title`} tabindex="-1">${t.title}</h2>
        ${failure ? html`<p class="latch-alert">${this.errorText()}</p>` : nothing}
        ${notice && notice !== 'copied' ? html`<p class="latch-notice">${t[notice]}</p>` : nothing}
        ${!factors && pending === 'load' ? html`<p class="latch-text">${t.loading}</p>` : nothing}
        ${!factors && !pending && failure
          ? html`<div class="latch-row"><button type="button" class="latch-button" @click=${() => void this.load()}>${t.retry}</button></div>`
          : nothing}
        <latch-passkeys embedded issuer=${this.issuer} client-id=${this.clientId} theme=${this.theme} .client=${this.client}></latch-passkeys>
        ${factors ? [this.totpSection(t, factors), this.phoneSection(t, factors), this.codesSection(t, factors)] : nothing}
      </div>
    `;
  }

  private totpSection(t: SecurityStrings, factors: FactorSummary): TemplateResult {
    const id = `${this.uid}-totp`;
    const enrollment = this.totp;
    return html`
      <section class="latch-section" aria-labelledby=${id}>
        <h3 id=${id} tabindex="-1">${t.totpTitle}</h3>
        <p class="latch-text">${t.totpIntro}</p>
        <p class="latch-text">${factors.totp ? t.on : t.off}</p>
        ${factors.totp
          ? this.confirming === 'totp'
            ? this.confirmation(t.totpRemoveConfirm, t.remove, () => this.removeTotp(), () => this.cancelConfirm('[data-remove-totp]'))
            : html`<div class="latch-row">
                <button type="button" class="latch-button" data-remove-totp aria-describedby=${id} @click=${() => this.confirm('totp')}>
                  ${t.remove}
                </button>
              </div>`
          : enrollment
            ? html`
                <p class="latch-text">${t.totpScan}</p>
                ${enrollment.qr
                  ? html`<svg
                      class="latch-qr"
                      role="img"
                      aria-label=${t.totpQrLabel}
                      viewBox=${`0 0 ${enrollment.qr.size} ${enrollment.qr.size}`}
                      shape-rendering="crispEdges"
                    >
                      ${svg`<path d=${enrollment.qr.d} fill="#000"></path>`}
                    </svg>`
                  : nothing}
                <p class="latch-text" id=${`${id}-manual`}>${t.totpManual}</p>
                <div class="latch-row">
                  <code class="latch-key" aria-label=${t.totpKeyLabel} data-secret>${groupKey(enrollment.secret)}</code>
                  <button type="button" class="latch-button" aria-describedby=${`${id}-manual`} @click=${() => this.copy(plainKey(enrollment.secret))}>
                    ${t.copy}
                  </button>
                </div>
                ${this.codeForm(t, 'totp-code', enrollment.digits, (code) => this.verifyTotp(code), () => this.cancelTotp())}
              `
            : html`<div class="latch-row">
                <button type="button" class="latch-button latch-primary" data-start-totp @click=${() => this.startTotp()}>${t.totpSetUp}</button>
              </div>`}
      </section>
    `;
  }

  private phoneSection(t: SecurityStrings, factors: FactorSummary): TemplateResult {
    const id = `${this.uid}-phone`;
    const inputId = `${id}-number`;
    let content: TemplateResult;
    if (factors.phone) {
      content = html`
        <p class="latch-text">${t.phoneOn(factors.phone.hint)}</p>
        ${this.confirming === 'phone'
          ? this.confirmation(t.phoneRemoveConfirm, t.remove, () => this.removePhone(), () => this.cancelConfirm('[data-remove-phone]'))
          : html`<div class="latch-row">
              <button type="button" class="latch-button" data-remove-phone aria-describedby=${id} @click=${() => this.confirm('phone')}>${t.remove}</button>
            </div>`}
      `;
    } else if (this.phone) {
      content = html`
        <p class="latch-text">${t.phoneSent(this.phone.destination_hint)}</p>
        ${this.codeForm(t, 'phone-code', this.phone.code_length, (code) => this.verifyPhone(code), () => this.cancelPhone())}
        <div class="latch-row">
          <button type="button" class="latch-link" @click=${() => this.sendPhoneCode(this.phoneNumber)}>${t.phoneResend}</button>
        </div>
      `;
    } else if (this.addingPhone) {
      const invalid = this.problem === 'phone-number';
      content = html`
        <form class="latch-form" novalidate @submit=${this.onPhone}>
          <div class="latch-field">
            <label class="latch-label" for=${inputId}>${t.phoneLabel}</label>
            <p class="latch-hint" id=${`${inputId}-hint`}>${t.phoneHint}</p>
            <input
              id=${inputId}
              class="latch-input"
              type="tel"
              name="tel"
              autocomplete="tel"
              inputmode="tel"
              required
              .value=${this.phoneNumber}
              aria-invalid=${invalid ? 'true' : 'false'}
              aria-describedby=${`${inputId}-hint${invalid ? ` ${inputId}-error` : ''}`}
            />
            ${invalid ? html`<p class="latch-alert" id=${`${inputId}-error`}>${t.phoneInvalid}</p>` : nothing}
          </div>
          <div class="latch-row">
            <button type="submit" class="latch-button latch-primary" aria-disabled=${this.busy()}>${t.phoneSend}</button>
            <button type="button" class="latch-button" @click=${() => this.cancelPhone()}>${t.cancel}</button>
          </div>
        </form>
      `;
    } else {
      content = html`<div class="latch-row">
        <button type="button" class="latch-button latch-primary" data-add-phone @click=${() => this.startPhone()}>${t.phoneAdd}</button>
      </div>`;
    }
    return html`
      <section class="latch-section" aria-labelledby=${id}>
        <h3 id=${id} tabindex="-1">${t.phoneTitle}</h3>
        <p class="latch-text">${t.phoneIntro}</p>
        ${content}
      </section>
    `;
  }

  private codesSection(t: SecurityStrings, factors: FactorSummary): TemplateResult {
    const id = `${this.uid}-codes`;
    const remaining = factors.recovery_codes_remaining;
    const codes = this.codes;
    return html`
      <section class="latch-section" aria-labelledby=${id}>
        <h3 id=${id} tabindex="-1">${t.codesTitle}</h3>
        <p class="latch-text">${t.codesIntro}</p>
        ${codes
          ? html`
              <p class="latch-warning" id=${`${id}-once`}>${t.codesShowOnce}</p>
              <ul class="latch-codes" aria-label=${t.codesListLabel} aria-describedby=${`${id}-once`} tabindex="-1" data-codes>
                ${codes.map((code) => html`<li>${code}</li>`)}
              </ul>
              <div class="latch-row">
                <button type="button" class="latch-button" @click=${() => this.copy(codes.join('\n'))}>${t.copy}</button>
                <button type="button" class="latch-button" @click=${() => this.download(codes)}>${t.codesDownload}</button>
                <button type="button" class="latch-button latch-primary" @click=${this.onCodesSaved}>${t.codesSaved}</button>
              </div>
            `
          : html`
              <p class="latch-text">${remaining > 0 ? t.codesRemaining(remaining) : t.codesNone}</p>
              ${this.confirming === 'codes'
                ? this.confirmation(t.codesRegenerateWarning, t.codesRegenerateConfirm, () => this.createCodes(), () =>
                    this.cancelConfirm('[data-create-codes]'),
                  )
                : html`<div class="latch-row">
                    <button
                      type="button"
                      class="latch-button ${remaining > 0 ? '' : 'latch-primary'}"
                      data-create-codes
                      @click=${() => (remaining > 0 ? this.confirm('codes') : this.createCodes())}
                    >
                      ${remaining > 0 ? t.codesRegenerate : t.codesCreate}
                    </button>
                  </div>`}
            `}
      </section>
    `;
  }

  /** A one-time code form: light DOM, `autocomplete="one-time-code"`, paste allowed (WCAG 2.2 SC 3.3.8). */
  private codeForm(t: SecurityStrings, problem: Problem, length: number, verify: (code: string) => void, cancel: () => void): TemplateResult {
    const inputId = `${this.uid}-${problem}`;
    const invalid = this.problem === problem;
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      const raw = this.form.query<HTMLInputElement>(`#${inputId}`)?.value ?? '';
      const code = normalizeOneTimeCode(raw, length);
      if (code.length !== length) {
        this.problem = problem;
        this.form.focusNext(`#${inputId}`);
        this.requestUpdate();
        return;
      }
      this.problem = undefined;
      verify(code);
    };
    return html`
      <form class="latch-form" novalidate @submit=${onSubmit}>
        <div class="latch-field">
          <label class="latch-label" for=${inputId}>${t.codeLabel}</label>
          <p class="latch-hint" id=${`${inputId}-hint`}>${t.codeHint(length)}</p>
          ${codeInput({
            id: inputId,
            invalid: invalid || this.codeRejected(),
            describedBy: `${inputId}-hint${invalid ? ` ${inputId}-error` : ''}`,
          })}
          ${invalid ? html`<p class="latch-alert" id=${`${inputId}-error`}>${t.codeInvalid(length)}</p>` : nothing}
        </div>
        <div class="latch-row">
          <button type="submit" class="latch-button latch-primary" aria-disabled=${this.busy()}>${t.verify}</button>
          <button type="button" class="latch-button" @click=${cancel}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  private confirmation(text: string, action: string, yes: () => void, no: () => void): TemplateResult {
    const textId = `${this.uid}-confirm`;
    return html`
      <div class="latch-warning" role="group" aria-labelledby=${textId}>
        <p class="latch-text" id=${textId}>${text}</p>
        <div class="latch-row">
          <button type="button" class="latch-button latch-danger" data-confirm aria-disabled=${this.busy()} @click=${yes}>${action}</button>
          <button type="button" class="latch-button" @click=${no}>${this.t().cancel}</button>
        </div>
      </div>
    `;
  }

  private async load(): Promise<void> {
    await this.account.load('load', async (api, signal) => {
      this.factors = await api.getFactors({ signal });
    });
  }

  private confirm(which: 'totp' | 'phone' | 'codes'): void {
    this.confirming = which;
    this.account.clear();
    this.form.focusNext('[data-confirm]');
  }

  private cancelConfirm(focus: string): void {
    this.confirming = undefined;
    this.form.focusNext(focus);
    this.requestUpdate();
  }

  private startTotp(): void {
    void this.account.run('totp-start', async (api, signal) => {
      const [enrollment, { qrPath }] = await Promise.all([api.startTotpEnrollment({ signal }), loadQr()]);
      this.totp = { ...enrollment, qr: qrPath(enrollment.otpauth_uri) };
      this.problem = undefined;
      this.form.focusNext(`#${this.uid}-totp-code`);
    });
  }

  private verifyTotp(code: string): void {
    void this.account.run('totp-verify', async (api, signal) => {
      this.factors = await api.verifyTotpEnrollment({ code, signal });
      this.totp = undefined;
      this.form.focusNext(`#${this.uid}-totp`);
      this.account.announce('totpDone');
    });
  }

  private cancelTotp(): void {
    this.totp = undefined;
    this.problem = undefined;
    this.account.clear();
    this.form.focusNext('[data-start-totp]');
  }

  private removeTotp(): void {
    void this.account.run('totp-remove', async (api, signal) => {
      this.factors = await api.removeTotp({ signal });
      this.confirming = undefined;
      this.form.focusNext('[data-start-totp]');
      this.account.announce('totpRemoved');
    });
  }

  private startPhone(): void {
    this.addingPhone = true;
    this.problem = undefined;
    this.account.clear();
    this.form.focusNext(`#${this.uid}-phone-number`);
  }

  private onPhone = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = this.form.query<HTMLInputElement>(`#${this.uid}-phone-number`);
    this.phoneNumber = input?.value.trim() ?? '';
    if (!/^\+[1-9]\d{6,14}$/.test(this.phoneNumber.replace(/[\s().-]/g, ''))) {
      this.problem = 'phone-number';
      this.form.focusNext(`#${this.uid}-phone-number`);
      this.requestUpdate();
      return;
    }
    this.problem = undefined;
    this.sendPhoneCode(this.phoneNumber);
  };

  private sendPhoneCode(phoneNumber: string): void {
    void this.account.run('phone-start', async (api, signal) => {
      this.phone = await api.startPhoneEnrollment({ phoneNumber, signal });
      this.form.focusNext(`#${this.uid}-phone-code`);
    });
  }

  private verifyPhone(code: string): void {
    void this.account.run('phone-verify', async (api, signal) => {
      this.factors = await api.verifyPhoneEnrollment({ code, signal });
      this.phone = undefined;
      this.addingPhone = false;
      this.form.focusNext(`#${this.uid}-phone`);
      this.account.announce('phoneDone');
    });
  }

  private cancelPhone(): void {
    this.phone = undefined;
    this.addingPhone = false;
    this.problem = undefined;
    this.account.clear();
    this.form.focusNext('[data-add-phone]');
  }

  private removePhone(): void {
    void this.account.run('phone-remove', async (api, signal) => {
      this.factors = await api.removePhone({ signal });
      this.confirming = undefined;
      this.form.focusNext('[data-add-phone]');
      this.account.announce('phoneRemoved');
    });
  }

  private createCodes(): void {
    void this.account.run('codes', async (api, signal) => {
      const { codes } = await api.createRecoveryCodes({ signal });
      this.codes = codes;
      this.confirming = undefined;
      this.factors = this.factors && { ...this.factors, recovery_codes_remaining: codes.length };
      this.form.focusNext('[data-codes]');
      this.account.announce('codesCreated');
    });
  }

  /** The codes are shown once: "saved" forgets them (they are not kept anywhere in the page). */
  private onCodesSaved = (): void => {
    this.codes = undefined;
    this.account.clear();
    this.form.focusNext('[data-create-codes]');
  };

  private copy(text: string): void {
    navigator.clipboard.writeText(text).then(
      () => this.account.announce('copied'),
      () => undefined,
    );
  }

  /** A text file of the codes, made in the page (a `blob:` URL; nothing is sent anywhere). */
  private download(codes: readonly string[]): void {
    const site = this.siteName || location.hostname;
    const file = new Blob([`${this.t().codesFileHeading(site)}\n\n${codes.join('\n')}\n`], { type: 'text/plain' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(file);
    link.download = `${site.replace(/[^\w.-]+/g, '-')}-recovery-codes.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  }

  private codeRejected(): boolean {
    const code = this.account.failure?.code;
    return code === 'LATCH_INVALID_CODE' || code === 'LATCH_EXPIRED_CODE';
  }

  private busy(): 'true' | 'false' {
    return this.account.pending ? 'true' : 'false';
  }

  private errorText(): string {
    return errorMessage(this, this.account.failure);
  }

  private locale(): string {
    return localeOf(this);
  }

  private t(): SecurityStrings {
    return securityStrings.for(this.locale());
  }
}

/** The key without spaces or padding, as apps accept it pasted. */
function plainKey(secret: string): string {
  return secret.replace(/[\s=]+/g, '').toUpperCase();
}

/** The key in groups of four, easier to type (RFC 4648 base32 has no ambiguous letters to worry about). */
function groupKey(secret: string): string {
  return plainKey(secret).replace(/(.{4})(?=.)/g, '$1 ');
}
