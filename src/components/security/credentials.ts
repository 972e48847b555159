import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AccountApi } from '../../client/account.js';
import type { LatchClient } from '../../client/client.js';
import type { AccountEmail, FactorSummary } from '../../protocol/index.js';
import type { AccountController } from '../../controllers/account.controller.js';
import { CountdownController } from '../../controllers/countdown.controller.js';
import type { LightFormController } from '../../controllers/light-form.controller.js';
import { normalizeOneTimeCode } from '../../controllers/one-time-code.js';
import { passwordStrength } from '../../controllers/password-strength.js';
import type { SectionTexts } from '../../translations/translation.js';
import { confirmation, fieldError, submitRow } from '../form/account-parts.js';
import { codeInput } from '../form/code-input.js';

// <latch-security>'s password and email sections (profile §21): change, add or remove the password; change the
// email address with a code sent to the new one. Every change is sensitive: the client runs the step-up the
// backend asks for, then sends the change again.

export type CredentialAction = 'password-set' | 'password-remove' | 'email-start' | 'email-verify';
export type CredentialNotice = 'accountPasswordChanged' | 'accountPasswordAdded' | 'accountPasswordRemoved' | 'accountEmailChanged';
type Problem = 'password' | 'email' | 'email-same' | 'email-code';
type SecurityTexts = SectionTexts<'security'>;

/** What the sections need from their element. */
export interface CredentialsHost extends ReactiveControllerHost {
  readonly uid: string;
  readonly account: AccountController<CredentialAction | string, CredentialNotice | string>;
  readonly form: LightFormController;
}

/** NIST SP 800-63B-4 §3.1.1.2 counts code points; an emoji is one character. */
const passwordLength = (password: string) => [...password.normalize('NFKC')].length;

/** The password and email sections' state and views, drawn into `<latch-security>`'s light-DOM form. */
export class CredentialSections {
  /** From discovery (`ciam_password_min_length`); the backend has the last word. */
  private minLength = 8;
  private email: AccountEmail | undefined;
  /** Which form is open. */
  private editing: 'password' | 'email' | 'confirm-remove' | undefined;
  private reveal = false;
  private typedPassword = '';
  private newEmail = '';
  /** The code was sent to this address (the user's own typing), with a hint the backend gave. */
  private sent: { email: string; destination: string; codeLength: number; resendAt: number } | undefined;
  private problem: Problem | undefined;
  /** Whether the account had a password when the form was drawn: saving then changes it rather than adding one. */
  private hasPassword = false;

  constructor(private readonly host: CredentialsHost) {
    host.addController(new CountdownController(host, () => (this.sent?.resendAt ?? 0) > Date.now()));
  }

  /** Whether the account has an email address (the protection summary lists email codes then). */
  get hasEmail(): boolean {
    return this.email !== undefined;
  }

  /** Reads the email resource with the factors (a backend without `ciam_email_endpoint` just has no email section). */
  async load(api: AccountApi, signal: AbortSignal, client: LatchClient): Promise<void> {
    const [metadata, email] = await Promise.all([
      client.discover({ signal }),
      api.getEmail({ signal }).catch((error: { code?: string }) => {
        if (error.code === 'LATCH_UNSUPPORTED_BACKEND') return undefined;
        throw error;
      }),
    ]);
    this.minLength = metadata.ciam_password_min_length ?? this.minLength;
    this.email = email;
    if (email?.pending) this.sent = { email: email.pending.email, destination: email.pending.email, codeLength: 6, resendAt: Date.now() + email.pending.resend_after * 1000 };
  }

  render(t: SecurityTexts, factors: FactorSummary, failureCode: string | undefined): TemplateResult[] {
    return [
      ...(factors.password === undefined ? [] : [this.passwordSection(t, factors.password, failureCode)]),
      ...(this.email ? [this.emailSection(t, this.email, failureCode)] : []),
    ];
  }

  private passwordSection(t: SecurityTexts, has: boolean, failureCode: string | undefined): TemplateResult {
    this.hasPassword = has;
    const id = `${this.host.uid}-password`;
    let content: TemplateResult;
    if (this.editing === 'password') content = this.passwordForm(t, has, failureCode === 'LATCH_WEAK_PASSWORD' || failureCode === 'LATCH_PASSWORD_BREACHED');
    else if (this.editing === 'confirm-remove') {
      const busy = this.host.account.pending !== undefined;
      content = confirmation(`${id}-confirm`, t.accountPasswordRemoveConfirm, {
        action: t.remove,
        cancel: t.cancel,
        busy,
        yes: () => this.removePassword(),
        no: () => this.close('[data-remove-password]'),
      });
    } else {
      content = html`<div class="latch-row">
        <button type="button" class="latch-button ${has ? '' : 'latch-primary'}" part=${has ? 'button button-secondary' : 'button button-primary'} data-edit-password @click=${() => this.open('password', `#${id}-input`)}>
          ${has ? t.accountPasswordChange : t.accountPasswordAdd}
        </button>
        ${has
          ? html`<button type="button" class="latch-button" part="button button-secondary" data-remove-password aria-describedby=${id} @click=${() => this.open('confirm-remove', '[data-confirm]')}>
              ${t.remove}
            </button>`
          : nothing}
      </div>`;
    }
    return html`
      <section class="latch-section" part="section" aria-labelledby=${id}>
        <h3 id=${id} part="section-heading" tabindex="-1">${t.accountPasswordTitle}</h3>
        <p class="latch-text"><span class="latch-badge" part="badge">${has ? t.on : t.off}</span> ${has ? t.accountPasswordOn : t.accountPasswordOff}</p>
        ${content}
      </section>
    `;
  }

  /** Same rules as sign-up: the backend's minimum, no composition rules, paste allowed, show/hide, a strength hint. */
  private passwordForm(t: SecurityTexts, has: boolean, refused: boolean): TemplateResult {
    const inputId = `${this.host.uid}-password-input`;
    const invalid = this.problem === 'password' || refused;
    const described = [`${inputId}-hint`, `${inputId}-strength`, ...(has ? [`${inputId}-elsewhere`] : []), ...(this.problem === 'password' ? [`${inputId}-error`] : [])];
    return html`
      <form class="latch-form" novalidate @submit=${this.onPassword}>
        <input type="email" name="username" autocomplete="username" .value=${this.email?.email ?? ''} hidden readonly />
        <div class="latch-field">
          <label class="latch-label" part="label" for=${inputId}>${t.accountPasswordLabel}</label>
          <p class="latch-hint" part="hint" id=${`${inputId}-hint`}>${t.accountPasswordHint({ count: this.minLength })}</p>
          <input
            id=${inputId}
            class="latch-input"
            part="input input-password"
            type=${this.reveal ? 'text' : 'password'}
            name="new-password"
            autocomplete="new-password"
            autocapitalize="none"
            spellcheck="false"
            required
            .value=${this.typedPassword}
            @input=${(event: InputEvent) => this.onTyped((event.target as HTMLInputElement).value)}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${described.join(' ')}
          />
          <p class="latch-hint" part="hint" id=${`${inputId}-strength`}>${this.strength(t)}</p>
          ${this.problem === 'password' ? fieldError(`${inputId}-error`, t.accountPasswordHint({ count: this.minLength })) : nothing}
          <label class="latch-check">
            <input type="checkbox" .checked=${this.reveal} @change=${(event: Event) => this.onReveal((event.target as HTMLInputElement).checked)} />
            ${t.accountPasswordShow}
          </label>
        </div>
        ${has ? html`<p class="latch-text" id=${`${inputId}-elsewhere`}>${t.accountPasswordElsewhere}</p>` : nothing}
        ${this.submitRow(t, t.accountPasswordSave, () => this.close('[data-edit-password]'))}
      </form>
    `;
  }

  /** The sign-in's strength hint (length alone, NIST SP 800-63B-4; no composition rules), in three words. */
  private strength(t: SecurityTexts): string {
    const strength = passwordStrength(this.typedPassword, this.minLength);
    if (strength === 'short') return t.accountPasswordWeak;
    return strength === 'strong' ? t.accountPasswordStrong : t.accountPasswordFair;
  }

  private emailSection(t: SecurityTexts, email: AccountEmail, failureCode: string | undefined): TemplateResult {
    const id = `${this.host.uid}-email`;
    let content: TemplateResult | typeof nothing = nothing;
    if (this.sent) content = this.emailCodeForm(t, email, this.sent, failureCode);
    else if (this.editing === 'email') content = this.emailForm(t);
    else {
      content = html`<div class="latch-row">
        <button type="button" class="latch-button" part="button button-secondary" data-edit-email @click=${() => this.open('email', `#${id}-input`)}>
          ${t.accountEmailChange}
        </button>
      </div>`;
    }
    return html`
      <section class="latch-section" part="section" aria-labelledby=${id}>
        <h3 id=${id} part="section-heading" tabindex="-1">${t.accountEmailTitle}</h3>
        <p class="latch-text" data-current-email>${t.accountEmailCurrent({ email: email.email })}</p>
        ${content}
      </section>
    `;
  }

  private emailForm(t: SecurityTexts): TemplateResult {
    const inputId = `${this.host.uid}-email-input`;
    const problem = this.problem === 'email' ? t.accountEmailInvalid : this.problem === 'email-same' ? t.accountEmailSame : undefined;
    return html`
      <form class="latch-form" novalidate @submit=${this.onEmail}>
        <div class="latch-field">
          <label class="latch-label" part="label" for=${inputId}>${t.accountEmailLabel}</label>
          <p class="latch-hint" part="hint" id=${`${inputId}-hint`}>${t.accountEmailHint}</p>
          <input
            id=${inputId}
            class="latch-input"
            part="input"
            type="email"
            name="email"
            autocomplete="email"
            autocapitalize="none"
            spellcheck="false"
            required
            .value=${this.newEmail}
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${`${inputId}-hint${problem ? ` ${inputId}-error` : ''}`}
          />
          ${problem ? fieldError(`${inputId}-error`, problem) : nothing}
        </div>
        ${this.submitRow(t, t.accountEmailSend, () => this.close('[data-edit-email]'))}
      </form>
    `;
  }

  /** Pending: the code sent to the new address, resend after a countdown, Cancel (the address stays as it is). */
  private emailCodeForm(t: SecurityTexts, email: AccountEmail, sent: NonNullable<CredentialSections['sent']>, failureCode: string | undefined): TemplateResult {
    const inputId = `${this.host.uid}-email-code`;
    const invalid = this.problem === 'email-code';
    const rejected = failureCode === 'LATCH_INVALID_CODE' || failureCode === 'LATCH_EXPIRED_CODE' || failureCode === 'LATCH_TOO_MANY_ATTEMPTS';
    const wait = Math.ceil((sent.resendAt - Date.now()) / 1000);
    return html`
      <p class="latch-text" id=${`${inputId}-sent`}>${t.accountEmailSent({ destination: sent.destination, email: email.email })}</p>
      <form class="latch-form" novalidate @submit=${this.onEmailCode}>
        <div class="latch-field">
          <label class="latch-label" part="label" for=${inputId}>${t.codeLabel}</label>
          <p class="latch-hint" part="hint" id=${`${inputId}-hint`}>${t.codeHint({ count: sent.codeLength })}</p>
          ${codeInput({ id: inputId, invalid: invalid || rejected, describedBy: `${inputId}-sent ${inputId}-hint${invalid ? ` ${inputId}-error` : ''}` })}
          ${invalid ? fieldError(`${inputId}-error`, t.codeInvalid({ count: sent.codeLength })) : nothing}
        </div>
        ${this.submitRow(t, t.verify, () => this.cancelEmailChange())}
      </form>
      <div class="latch-row">
        ${wait > 0
          ? html`<p class="latch-hint" part="hint" data-resend-wait>${t.accountEmailResendIn({ count: wait })}</p>`
          : html`<button type="button" class="latch-link" part="button button-link" data-resend-email @click=${() => this.startEmailChange(sent.email)}>
              ${t.phoneResend}
            </button>`}
      </div>
    `;
  }

  private submitRow(t: SecurityTexts, label: string, cancel: () => void): TemplateResult {
    return submitRow(label, { cancel: t.cancel, busy: this.host.account.pending !== undefined, onCancel: cancel });
  }

  private open(which: NonNullable<CredentialSections['editing']>, focus: string): void {
    this.editing = which;
    this.problem = undefined;
    this.typedPassword = '';
    this.host.account.clear();
    this.host.form.focusNext(focus);
  }

  private close(focus: string): void {
    this.editing = undefined;
    this.problem = undefined;
    this.typedPassword = '';
    this.reveal = false;
    this.host.account.clear();
    this.host.form.focusNext(focus);
  }

  private onTyped(value: string): void {
    this.typedPassword = value;
    if (this.problem === 'password' && passwordLength(value) >= this.minLength) this.problem = undefined;
    this.host.requestUpdate();
  }

  private onReveal(reveal: boolean): void {
    this.reveal = reveal;
    this.host.requestUpdate();
  }

  private onPassword = (event: SubmitEvent): void => {
    event.preventDefault();
    const password = this.typedPassword;
    if (passwordLength(password) < this.minLength) return this.refuse('password', `#${this.host.uid}-password-input`);
    this.problem = undefined;
    const notice = this.hasPassword ? 'accountPasswordChanged' : 'accountPasswordAdded';
    void this.host.account.run('password-set', async (api, signal) => {
      this.done(await api.setPassword({ password, signal }), notice, '[data-edit-password]');
    });
  };

  private removePassword(): void {
    void this.host.account.run('password-remove', async (api, signal) => {
      this.done(await api.removePassword({ signal }), 'accountPasswordRemoved', '[data-edit-password]');
    });
  }

  /** A password change went through: the element shows the new summary and says what happened. */
  private done(factors: FactorSummary, notice: CredentialNotice, focus: string): void {
    this.onFactors?.(factors);
    this.editing = undefined;
    this.typedPassword = '';
    this.reveal = false;
    this.host.form.focusNext(focus);
    this.host.account.announce(notice);
  }

  /** Set by the element: the factors after a password change. */
  onFactors: ((factors: FactorSummary) => void) | undefined;

  private onEmail = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = this.host.form.query<HTMLInputElement>(`#${this.host.uid}-email-input`);
    this.newEmail = input?.value.trim() ?? '';
    if (!/^[^\s@]+@[^\s@]+$/.test(this.newEmail)) return this.refuse('email', `#${this.host.uid}-email-input`);
    if (this.newEmail.toLowerCase() === this.email?.email) return this.refuse('email-same', `#${this.host.uid}-email-input`);
    this.problem = undefined;
    this.startEmailChange(this.newEmail);
  };

  private startEmailChange(email: string): void {
    void this.host.account.run('email-start', async (api, signal) => {
      const started = await api.startEmailChange({ email, signal });
      this.sent = { email, destination: email, codeLength: started.code_length, resendAt: Date.now() + started.resend_after * 1000 };
      this.editing = undefined;
      this.host.form.focusNext(`#${this.host.uid}-email-code`);
    });
  }

  private onEmailCode = (event: SubmitEvent): void => {
    event.preventDefault();
    const length = this.sent?.codeLength ?? 6;
    const code = normalizeOneTimeCode(this.host.form.query<HTMLInputElement>(`#${this.host.uid}-email-code`)?.value ?? '', length);
    if (code.length !== length) return this.refuse('email-code', `#${this.host.uid}-email-code`);
    this.problem = undefined;
    void this.host.account.run('email-verify', async (api, signal) => {
      try {
        this.email = await api.verifyEmailChange({ code, signal });
      } catch (error) {
        this.host.form.focusNext(`#${this.host.uid}-email-code`);
        throw error;
      }
      this.sent = undefined;
      this.newEmail = '';
      this.host.form.focusNext('[data-edit-email]');
      this.host.account.announce('accountEmailChanged');
      // Listing the passkeys tells the password manager the account's new name (signalCurrentUserDetails).
      void api.listPasskeys({ signal }).catch(() => undefined);
    });
  };

  /** Called off: the pending code stays unused and expires; the address does not change. */
  private cancelEmailChange(): void {
    this.sent = undefined;
    this.close('[data-edit-email]');
  }

  private refuse(problem: Problem, focus: string): void {
    this.problem = problem;
    this.host.form.focusNext(focus);
    this.host.requestUpdate();
  }
}
