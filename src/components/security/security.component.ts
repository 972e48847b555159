import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import type { FactorSummary, PhoneEnrollment, TotpEnrollment } from '../../protocol/index.js';
import { lazy } from '../../client/lazy.js';
import { AccountController } from '../../controllers/account.controller.js';
import { backendOf } from '../../controllers/client-loader.js';
import { LightFormController } from '../../controllers/light-form.controller.js';
import { normalizeOneTimeCode } from '../../controllers/one-time-code.js';
import { accountFormStyles } from '../../styles/account.styles.js';
import { LatchAccountElement } from '../form/account-element.js';
import { codeInput } from '../form/code-input.js';
import { CredentialSections, type CredentialAction, type CredentialNotice } from './credentials.js';
import { protectionSection, type Recommendation } from './protection.js';
import type { LatchPasskeys } from '../passkeys/passkeys.component.js';
import { accountNotices, confirmation, fieldError, submitRow } from '../form/account-parts.js';
import { liveCard } from '../form/live-regions.js';
import { LocaleController } from '../../controllers/locale.controller.js';
import { security } from '../../translations/locales/en/security.js';
import type { SectionTexts } from '../../translations/translation.js';

type Action = 'load' | 'totp-start' | 'totp-verify' | 'totp-remove' | 'phone-start' | 'phone-verify' | 'phone-remove' | 'codes' | CredentialAction;
type Notice = 'totpDone' | 'totpRemoved' | 'phoneDone' | 'phoneRemoved' | 'codesCreated' | 'copied' | CredentialNotice;
/** A local check before anything is sent, shown next to its field. */
type Problem = 'totp-code' | 'phone-number' | 'phone-code';

/** The QR chunk, fetched on the first authenticator app setup (a failed fetch is tried again next time). */
const loadQr = lazy(() => import('./qr-code.js'));
type SecurityTexts = SectionTexts<'security'>;

let instances = 0;

/**
 * The signed-in user's account security: passkeys (`<latch-passkeys>`), an authenticator app (QR code and
 * manual key), a phone for text codes (when the backend texts them), and recovery codes (shown once). Changes are sensitive: the backend
 * may ask the user to confirm it's them first. Inputs live in the light DOM inside real forms
 * (`autocomplete="one-time-code"`, `tel`); the card and the live regions are in the shadow root.
 *
 * @summary Account security settings for the signed-in user.
 * @slot - Holds the form the element draws into its own light DOM, where password managers reach the inputs; leave it empty.
 * @event latch-error - After a failure was shown. `detail: { code, error }`.
 * @csspart card - The card around the settings.
 */
export class LatchSecurity extends LatchAccountElement {
  // Declared without decorators, so this lazily loaded chunk carries no decorator helper.
  static override properties = {
    siteName: { attribute: 'site-name' },
  };

  /** The site's name, for the recovery codes file. */
  siteName = '';

  private readonly locale = new LocaleController(this);
  /** @internal The light-DOM form; the password and email sections draw into it too. */
  readonly form = new LightFormController(this, accountFormStyles);
  /** @internal The changes' async state, shared with the password and email sections. */
  readonly account = new AccountController<Action, Notice>(this, () => backendOf(this));
  /** @internal */
  readonly uid = `latch-security-${++instances}`;
  private readonly credentials = new CredentialSections(this);
  private factors: FactorSummary | undefined;
  /** The backend texts codes (`sms_otp` in discovery's `ciam_step_types_supported`); else no phone section. */
  private textCodes = false;
  private totp: (TotpEnrollment & { qr?: { size: number; d: string } }) | undefined;
  private phone: PhoneEnrollment | undefined;
  private addingPhone = false;
  private phoneNumber = '';
  private confirming: 'totp' | 'phone' | 'codes' | undefined;
  private codes: readonly string[] | undefined;
  private problem: Problem | undefined;
  /** What the embedded `<latch-passkeys>` last listed, for the protection summary. */
  private passkeys: { count: number; canAdd: boolean } | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // After the first update: a `client` set before this element's class arrived is only restored then.
    void this.updateComplete.then(() => {
      if (this.isConnected && !this.factors) void this.load();
    });
  }

  protected override render(): TemplateResult {
    return liveCard(this.statusText(this.t()), this.errorText(), this.account.announcement, this.locale.dir);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.form.render(this.view(this.t()));
  }

  private view(t: SecurityTexts): TemplateResult {
    const { failure, notice, pending } = this.account;
    const factors = this.factors;
    // "Copied" is only announced: the button the user pressed is where they look.
    const status = notice === 'copied' ? '' : this.statusText(t);
    return html`
      <div class="latch-section" aria-busy=${pending ? 'true' : 'false'}>
        <h2 id=${`${this.uid}-title`} part="heading" tabindex="-1">${t.title}</h2>
        ${accountNotices(this.account, this.errorText(), status)}
        ${!factors && pending === 'load' ? html`<p class="latch-text">${t.loading}</p>` : nothing}
        ${!factors && !pending && failure
          ? html`<div class="latch-row">
              <button type="button" class="latch-button" part="button button-secondary" @click=${() => void this.load()}>${t.retry}</button>
            </div>`
          : nothing}
        ${factors && this.passkeys
          ? protectionSection(this.uid, t, { factors, passkeys: this.passkeys.count, canAddPasskey: this.passkeys.canAdd, email: this.credentials.hasEmail }, this.onRecommendation)
          : nothing}
        <latch-passkeys
          embedded
          issuer=${this.issuer}
          client-id=${this.clientId}
          theme=${this.theme}
          .client=${this.client}
          .listed=${this.onPasskeysListed}
        ></latch-passkeys>
        ${factors
          ? [
              ...this.credentials.render(t, factors, failure?.code),
              this.totpSection(t, factors),
              // A phone already set up stays listed, so it can still be removed.
              this.textCodes || factors.phone ? this.phoneSection(t, factors) : nothing,
              this.codesSection(t, factors),
            ]
          : nothing}
      </div>
    `;
  }

  private totpSection(t: SecurityTexts, factors: FactorSummary): TemplateResult {
    const id = `${this.uid}-totp`;
    const enrollment = this.totp;
    return html`
      <section class="latch-section" part="section" aria-labelledby=${id}>
        <h3 id=${id} part="section-heading" tabindex="-1">${t.totpTitle}</h3>
        <p class="latch-text">${t.totpIntro}</p>
        <p class="latch-text"><span class="latch-badge" part="badge">${factors.totp ? t.on : t.off}</span></p>
        ${factors.totp
          ? this.removal(t, 'totp', id, t.totpRemoveConfirm, () => this.removeTotp())
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
                  <button
                    type="button"
                    class="latch-button"
                    part="button button-secondary"
                    aria-describedby=${`${id}-manual`}
                    @click=${() => this.copy(plainKey(enrollment.secret))}
                  >
                    ${t.copy}
                  </button>
                </div>
                ${this.codeForm(t, 'totp-code', enrollment.digits, (code) => this.verifyTotp(code), () => this.cancelTotp())}
              `
            : html`<div class="latch-row">
                <button type="button" class="latch-button latch-primary" part="button button-primary" data-start-totp @click=${() => this.startTotp()}>
                  ${t.totpSetUp}
                </button>
              </div>`}
      </section>
    `;
  }

  private phoneSection(t: SecurityTexts, factors: FactorSummary): TemplateResult {
    const id = `${this.uid}-phone`;
    const inputId = `${id}-number`;
    let content: TemplateResult;
    if (factors.phone) {
      content = html`
        <p class="latch-text">${t.phoneOn({ hint: factors.phone.hint })}</p>
        ${this.removal(t, 'phone', id, t.phoneRemoveConfirm, () => this.removePhone())}
      `;
    } else if (this.phone) {
      content = html`
        <p class="latch-text">${t.phoneSent({ destination: this.phone.destination_hint })}</p>
        ${this.codeForm(t, 'phone-code', this.phone.code_length, (code) => this.verifyPhone(code), () => this.cancelPhone())}
        <div class="latch-row">
          <button type="button" class="latch-link" part="button button-link" @click=${() => this.sendPhoneCode(this.phoneNumber)}>
            ${t.phoneResend}
          </button>
        </div>
      `;
    } else if (this.addingPhone) {
      const invalid = this.problem === 'phone-number';
      content = html`
        <form class="latch-form" novalidate @submit=${this.onPhone}>
          <div class="latch-field">
            <label class="latch-label" part="label" for=${inputId}>${t.phoneLabel}</label>
            <p class="latch-hint" part="hint" id=${`${inputId}-hint`}>${t.phoneHint}</p>
            <input
              id=${inputId}
              class="latch-input"
              part="input"
              type="tel"
              name="tel"
              autocomplete="tel"
              inputmode="tel"
              required
              .value=${this.phoneNumber}
              aria-invalid=${invalid ? 'true' : 'false'}
              aria-describedby=${`${inputId}-hint${invalid ? ` ${inputId}-error` : ''}`}
            />
            ${invalid ? fieldError(`${inputId}-error`, t.phoneInvalid) : nothing}
          </div>
          ${this.submitRow(t.phoneSend, () => this.cancelPhone())}
        </form>
      `;
    } else {
      content = html`<div class="latch-row">
        <button type="button" class="latch-button latch-primary" part="button button-primary" data-add-phone @click=${() => this.startPhone()}>
          ${t.phoneAdd}
        </button>
      </div>`;
    }
    return html`
      <section class="latch-section" part="section" aria-labelledby=${id}>
        <h3 id=${id} part="section-heading" tabindex="-1">${t.phoneTitle}</h3>
        <p class="latch-text">${t.phoneIntro}</p>
        ${content}
      </section>
    `;
  }

  private codesSection(t: SecurityTexts, factors: FactorSummary): TemplateResult {
    const id = `${this.uid}-codes`;
    const remaining = factors.recovery_codes_remaining;
    const codes = this.codes;
    return html`
      <section class="latch-section" part="section" aria-labelledby=${id}>
        <h3 id=${id} part="section-heading" tabindex="-1">${t.codesTitle}</h3>
        <p class="latch-text">${t.codesIntro}</p>
        ${codes
          ? html`
              <p class="latch-warning" part="notice notice-info" id=${`${id}-once`}>${t.codesShowOnce}</p>
              <ul class="latch-codes" part="list" aria-label=${t.codesListLabel} aria-describedby=${`${id}-once`} tabindex="-1" data-codes>
                ${codes.map((code) => html`<li part="list-item">${code}</li>`)}
              </ul>
              <div class="latch-row">
                <button type="button" class="latch-button" part="button button-secondary" @click=${() => this.copy(codes.join('\n'))}>${t.copy}</button>
                <button type="button" class="latch-button" part="button button-secondary" @click=${() => this.download(codes)}>
                  ${t.codesDownload}
                </button>
                <button type="button" class="latch-button latch-primary" part="button button-primary" @click=${this.onCodesSaved}>
                  ${t.codesSaved}
                </button>
              </div>
            `
          : html`
              <p class="latch-text">${remaining > 0 ? t.codesRemaining({ count: remaining }) : t.codesNone}</p>
              ${factors.recovery_codes_need_factor && !factors.totp && !factors.phone
                ? html`<p class="latch-text" data-codes-with-app>${t.codesWithApp}</p>`
                : this.confirming === 'codes'
                ? this.confirmation(t.codesRegenerateWarning, t.codesRegenerateConfirm, () => this.createCodes(), () =>
                    this.cancelConfirm('[data-create-codes]'),
                  )
                : html`<div class="latch-row">
                    <button
                      type="button"
                      class="latch-button ${remaining > 0 ? '' : 'latch-primary'}"
                      part=${remaining > 0 ? 'button button-secondary' : 'button button-primary'}
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
  private codeForm(t: SecurityTexts, problem: Problem, length: number, verify: (code: string) => void, cancel: () => void): TemplateResult {
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
          <label class="latch-label" part="label" for=${inputId}>${t.codeLabel}</label>
          <p class="latch-hint" part="hint" id=${`${inputId}-hint`}>${t.codeHint({ count: length })}</p>
          ${codeInput({
            id: inputId,
            invalid: invalid || this.codeRejected(),
            describedBy: `${inputId}-hint${invalid ? ` ${inputId}-error` : ''}`,
          })}
          ${invalid ? fieldError(`${inputId}-error`, t.codeInvalid({ count: length })) : nothing}
        </div>
        ${this.submitRow(t.verify, cancel)}
      </form>
    `;
  }

  /** A form's one primary action, and Cancel. */
  private submitRow(label: string, cancel: () => void): TemplateResult {
    return submitRow(label, { cancel: this.t().cancel, busy: this.account.pending !== undefined, onCancel: cancel });
  }

  /** "Remove" for a factor that is set up (described by its section's heading); it asks first. */
  private removal(t: SecurityTexts, which: 'totp' | 'phone', describedBy: string, question: string, remove: () => void): TemplateResult {
    if (this.confirming === which) return this.confirmation(question, t.remove, remove, () => this.cancelConfirm(`[data-remove-${which}]`));
    return html`<div class="latch-row">
      <button
        type="button"
        class="latch-button"
        part="button button-secondary"
        ?data-remove-totp=${which === 'totp'}
        ?data-remove-phone=${which === 'phone'}
        aria-describedby=${describedBy}
        @click=${() => this.confirm(which)}
      >
        ${t.remove}
      </button>
    </div>`;
  }

  private confirmation(text: string, action: string, yes: () => void, no: () => void): TemplateResult {
    const options = { action, cancel: this.t().cancel, busy: this.account.pending !== undefined, yes, no };
    return confirmation(`${this.uid}-confirm`, text, options);
  }

  private onPasskeysListed = (count: number, canAdd: boolean): void => {
    this.passkeys = { count, canAdd };
    this.requestUpdate();
  };

  /** The summary's recommendation: the existing add-passkey or authenticator app setup. */
  private onRecommendation = (next: Recommendation): void => {
    if (next === 'two-step') return this.startTotp();
    this.form.query<LatchPasskeys>('latch-passkeys')?.add();
  };

  private async load(): Promise<void> {
    this.credentials.onFactors = (factors) => (this.factors = factors);
    await this.account.load('load', async (api, signal, client) => {
      const [factors, metadata] = await Promise.all([api.getFactors({ signal }), client.discover({ signal }), this.credentials.load(api, signal, client)]);
      this.textCodes = metadata.ciam_step_types_supported?.includes('sms_otp') ?? false;
      this.factors = factors;
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
    const file = new Blob([`${this.t().codesFileHeading({ site })}\n\n${codes.join('\n')}\n`], { type: 'text/plain' });
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

  /** What the polite live region says: the last change done, or called off. */
  private statusText(t: SecurityTexts): string {
    const { notice, cancelled } = this.account;
    if (notice) return t[notice];
    return cancelled ? this.locale.error(cancelled.code, cancelled) : '';
  }

  private errorText(): string {
    const failure = this.account.failure;
    return failure ? this.locale.error(failure.code, failure) : '';
  }

  private t(): SecurityTexts {
    return this.locale.texts('security', security);
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
