import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { AccountDeletion, ConsentReceipt, LocalisedText, PrivacyOverview } from '../../protocol/index.js';
import { AccountController } from '../../controllers/account.controller.js';
import { backendOf } from '../../controllers/client-loader.js';
import { LightFormController } from '../../controllers/light-form.controller.js';
import { LocaleController } from '../../controllers/locale.controller.js';
import { LatchAccountDeletedEvent } from '../../events/account-deleted.js';
import { LatchSignedOutEvent } from '../../events/signed-out.js';
import { accountFormStyles } from '../../styles/account.styles.js';
import { LatchAccountElement } from '../form/account-element.js';
import { passkeys } from '../../translations/locales/en/passkeys.js';
import { privacy } from '../../translations/locales/en/privacy.js';
import type { SectionTexts } from '../../translations/translation.js';
import { accountNotices, accountSection, fieldError, firstLoad } from '../form/account-parts.js';
import { liveCard } from '../form/live-regions.js';
import { absoluteTime } from '../form/relative-time.js';
import { currentReceipts, factorKey, methodKey, policyKey, saveFile } from './privacy-parts.js';

type Action = 'load' | 'withdraw' | 'export' | 'delete';
type Notice = 'privacyWithdrawn' | 'privacyExported';
type PrivacyTexts = SectionTexts<'privacy'>;

let instances = 0;

/**
 * The signed-in customer's privacy center (GDPR Art. 15–20): what the backend holds about them (profile,
 * consents with their receipts, sign-in history, passkeys and sign-in methods), a download of it all as JSON,
 * withdrawing a consent in one action, and deleting the account (Art. 17) after a confirmation and a step-up.
 * The content lives in the light DOM (a real checkbox in a real form); the card and live regions in the shadow root.
 *
 * @summary The customer's privacy center: see, download, withdraw, delete.
 * @slot - Holds the content the element draws into its own light DOM; leave it empty.
 * @event latch-error - After a failure was shown. `detail: { code, error }`.
 * @event latch-account-deleted - After the backend erased the account. `detail: AccountDeletion`.
 * @event latch-signed-out - Right after `latch-account-deleted`: the session ended with the account.
 * @csspart card - The card around the privacy center.
 * @csspart section - Each section (profile, consents, sign-ins, methods, download, delete).
 * @cssproperty --latch-account-max-width - The widest the card grows.
 */
export class LatchPrivacy extends LatchAccountElement {

  private readonly locale = new LocaleController(this);
  private readonly form = new LightFormController(this, accountFormStyles);
  private readonly account = new AccountController<Action, Notice>(this, () => backendOf(this));
  private readonly uid = `latch-privacy-${++instances}`;
  private overview: PrivacyOverview | undefined;
  private deleted: AccountDeletion | undefined;
  private confirming = false;
  private unticked = false;
  private withdrawnPolicy = '';

  override connectedCallback(): void {
    super.connectedCallback();
    // After the first update: a `client` set before this element's class arrived is only restored then.
    void this.updateComplete.then(() => {
      if (this.isConnected && !this.overview && !this.deleted) void this.load();
    });
  }

  /** Reads the overview again. */
  reload(): Promise<void> {
    return this.load();
  }

  protected override render(): TemplateResult {
    return liveCard(this.statusText(this.t()), this.errorText(), this.account.announcement, this.locale.dir);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.hideWhenUnsupported(this.account.failure);
    this.form.render(this.deleted ? this.deletedView(this.t(), this.deleted) : this.view(this.t()));
  }

  private view(t: PrivacyTexts): TemplateResult {
    const { failure, pending } = this.account;
    const overview = this.overview;
    return html`
      <div class="latch-section" aria-busy=${pending ? 'true' : 'false'}>
        <h2 id=${`${this.uid}-title`} part="heading" tabindex="-1">${t.privacyTitle}</h2>
        <p class="latch-text" part="subheading">${t.privacyIntro}</p>
        ${accountNotices(this.account, this.errorText(), this.statusText(t))}
        ${firstLoad({ loaded: overview !== undefined, pending, failure }, { loading: t.privacyLoading, retry: this.words().retry }, () => void this.load())}
        ${overview
          ? [
              this.profileSection(t, overview),
              this.consentsSection(t, overview),
              this.signInsSection(t, overview),
              this.methodsSection(t, overview),
              this.exportSection(t),
              this.deleteSection(t, overview),
            ]
          : nothing}
      </div>
    `;
  }

  private section(key: string, title: string, content: unknown): TemplateResult {
    return accountSection(`${this.uid}-${key}`, title, content);
  }

  private profileSection(t: PrivacyTexts, overview: PrivacyOverview): TemplateResult {
    const labels: Record<string, string> = { email: t.privacyFieldEmail, name: t.privacyFieldName, created_at: t.privacyFieldCreated, phone: t.privacyFieldPhone };
    const rows = Object.entries(overview.profile).filter(([, value]) => value !== null && value !== '');
    return this.section(
      'profile',
      t.privacyProfileTitle,
      html`<dl class="latch-facts" data-profile>
        ${rows.map(
          ([field, value]) =>
            html`<dt>${labels[field] ?? field}</dt>
              <dd>${field === 'created_at' && typeof value === 'number' ? this.date(value) : String(value)}</dd>`,
        )}
      </dl>`,
    );
  }

  private consentsSection(t: PrivacyTexts, overview: PrivacyOverview): TemplateResult {
    const receipts = currentReceipts(overview.consents);
    const content = receipts.length
      ? html`<ul class="latch-list" part="list">
          ${receipts.map((receipt) => this.consentItem(t, receipt, overview.withdrawable?.includes(receipt.policy) ?? false))}
        </ul>`
      : html`<p class="latch-text">${t.privacyConsentsEmpty}</p>`;
    return this.section('consents', t.privacyConsentsTitle, content);
  }

  private consentItem(t: PrivacyTexts, receipt: ConsentReceipt, withdrawable: boolean): TemplateResult {
    const id = `${this.uid}-consent-${receipt.policy}`;
    const given = receipt.granted === true || Object.values(receipt.purposes ?? {}).some(Boolean);
    return html`<li class="latch-item" part="list-item" data-consent=${receipt.policy}>
      <h4 id=${id} tabindex="-1">${this.policyLabel(t, receipt.policy)}</h4>
      <span class="latch-badge" part="badge">${given ? t.privacyGiven : t.privacyNotGiven}</span>
      <dl class="latch-facts">
        <dt>${t.privacyVersion}</dt>
        <dd>${receipt.version}</dd>
        <dt>${t.privacyWhen}</dt>
        <dd>${this.date(receipt.chosen_at / 1000)}</dd>
        <dt>${t.privacyHow}</dt>
        <dd>${t[methodKey(receipt.method)]}</dd>
        <dt>${t.privacyHash}</dt>
        <dd><code class="latch-key">${receipt.text_hash}</code></dd>
      </dl>
      ${withdrawable
        ? html`<div class="latch-row">
            <button
              type="button"
              class="latch-button"
              part="button button-secondary"
              aria-describedby=${id}
              aria-disabled=${this.account.pending ? 'true' : 'false'}
              data-withdraw=${receipt.policy}
              @click=${() => this.withdraw(receipt.policy)}
            >
              ${t.privacyWithdraw}
            </button>
          </div>`
        : nothing}
    </li>`;
  }

  private signInsSection(t: PrivacyTexts, overview: PrivacyOverview): TemplateResult {
    const signIns = [...overview.sign_ins].reverse();
    const content = signIns.length
      ? html`<ul class="latch-list" part="list" data-sign-ins>
          ${signIns.map(
            (signIn) =>
              html`<li class="latch-item" part="list-item">
                <span>${this.date(signIn.at)}</span>
                <span>${this.factorLabel(t, signIn.method)} · ${signIn.device ?? t.privacyDeviceUnknown}</span>
              </li>`,
          )}
        </ul>`
      : html`<p class="latch-text">${t.privacySignInsEmpty}</p>`;
    return this.section('sign-ins', t.privacySignInsTitle, content);
  }

  private methodsSection(t: PrivacyTexts, overview: PrivacyOverview): TemplateResult {
    const words = this.words();
    const factors = ['email_otp', ...overview.factors];
    return this.section(
      'methods',
      t.privacyMethodsTitle,
      html`${overview.passkeys.length
          ? html`<ul class="latch-list" part="list" data-passkeys>
              ${overview.passkeys.map(
                (passkey) =>
                  html`<li class="latch-item" part="list-item">
                    <h4>${passkey.name}</h4>
                    <dl class="latch-facts">
                      <dt>${words.created}</dt>
                      <dd>${this.date(passkey.created_at)}</dd>
                      <dt>${words.lastUsed}</dt>
                      <dd>${passkey.last_used_at === null ? words.neverUsed : this.date(passkey.last_used_at)}</dd>
                    </dl>
                  </li>`,
              )}
            </ul>`
          : html`<p class="latch-text">${t.privacyPasskeysEmpty}</p>`}
        <ul class="latch-list" part="list" data-factors>
          ${factors.map((factor) => html`<li part="list-item">${this.factorLabel(t, factor)}</li>`)}
        </ul>`,
    );
  }

  private exportSection(t: PrivacyTexts): TemplateResult {
    return this.section(
      'export',
      t.privacyExportTitle,
      html`<p class="latch-text">${t.privacyExportIntro}</p>
        <div class="latch-row">
          <button
            type="button"
            class="latch-button"
            part="button button-secondary"
            data-export
            aria-disabled=${this.account.pending ? 'true' : 'false'}
            @click=${() => this.download()}
          >
            ${t.privacyExportButton}
          </button>
        </div>`,
    );
  }

  private deleteSection(t: PrivacyTexts, overview: PrivacyOverview): TemplateResult {
    const days = overview.deletion.backups_days;
    const retained = this.localised(overview.deletion.retained);
    const checkId = `${this.uid}-confirm`;
    return this.section(
      'delete',
      t.privacyDeleteTitle,
      html`<p class="latch-text">${t.privacyDeleteNow}</p>
        <p class="latch-text">${days > 0 ? t.privacyDeleteBackups({ days: String(days) }) : t.privacyDeleteBackupsNone}</p>
        ${retained
          ? html`<h4>${t.privacyDeleteKept}</h4>
              <p class="latch-text" data-retained>${retained}</p>`
          : nothing}
        ${this.confirming
          ? html`<form class="latch-form latch-warning" part="notice" novalidate @submit=${this.onConfirm}>
              <label class="latch-check">
                <input
                  id=${checkId}
                  type="checkbox"
                  aria-invalid=${this.unticked ? 'true' : 'false'}
                  aria-describedby=${`${checkId}-step-up${this.unticked ? ` ${checkId}-error` : ''}`}
                  @change=${this.onTick}
                />
                <span>${t.privacyDeleteConfirm}</span>
              </label>
              ${this.unticked ? fieldError(`${checkId}-error`, t.privacyDeleteConfirmMissing) : nothing}
              <p class="latch-hint" part="hint" id=${`${checkId}-step-up`}>${t.privacyDeleteStepUp}</p>
              <div class="latch-row">
                <button
                  type="submit"
                  class="latch-button latch-danger"
                  part="button button-danger"
                  aria-disabled=${this.account.pending ? 'true' : 'false'}
                >
                  ${t.privacyDeleteButton}
                </button>
                <button type="button" class="latch-button" part="button button-secondary" @click=${this.onCancelDelete}>${this.words().cancel}</button>
              </div>
            </form>`
          : html`<div class="latch-row">
              <button type="button" class="latch-button" part="button button-secondary" data-delete @click=${this.onStartDelete}>
                ${t.privacyDeleteStart}
              </button>
            </div>`}`,
    );
  }

  private deletedView(t: PrivacyTexts, deleted: AccountDeletion): TemplateResult {
    const retained = this.localised(deleted.retained);
    return html`<div class="latch-section" data-deleted>
      <h2 id=${`${this.uid}-deleted`} part="heading" tabindex="-1">${t.privacyDeletedTitle}</h2>
      <p class="latch-text">${t.privacyDeletedText({ date: this.date(deleted.deleted_at) })}</p>
      ${retained
        ? html`<h3>${t.privacyDeleteKept}</h3>
            <p class="latch-text">${retained}</p>`
        : nothing}
    </div>`;
  }

  private async load(): Promise<void> {
    await this.account.load('load', async (api, signal) => {
      this.overview = await api.privacyOverview({ signal });
    });
  }

  /** One action: the withdrawal is recorded, the list read again, and the result announced. */
  private withdraw(policy: string): void {
    const t = this.t();
    const label = this.policyLabel(t, policy);
    void this.account.run('withdraw', async (api, signal, client) => {
      const text = `${t.privacyWithdraw}: ${label}`;
      // The banner's choice lives in this browser too: withdrawn here, its tags and other tabs stop at once.
      const here = await (await client.consent()).withdraw(policy, { method: 'privacy_center', text });
      if (!here) await api.withdrawConsent({ policy, text, signal });
      this.overview = await api.privacyOverview({ signal });
      this.withdrawnPolicy = label;
      this.form.focusNext(`#${this.uid}-consent-${policy}`);
      this.account.announce('privacyWithdrawn');
    });
  }

  /** The backend's file, saved through an `<a download>` of a `blob:` URL that is revoked right after. */
  private download(): void {
    void this.account.run('export', async (api, signal) => {
      saveFile(await api.exportData({ signal }), 'latchkey-data.json');
      this.account.announce('privacyExported');
    });
  }

  private onStartDelete = (): void => {
    this.confirming = true;
    this.unticked = false;
    this.account.clear();
    this.form.focusNext(`#${this.uid}-confirm`);
  };

  private onCancelDelete = (): void => {
    this.confirming = false;
    this.unticked = false;
    this.account.clear();
    this.form.focusNext('[data-delete]');
  };

  private onTick = (event: Event): void => {
    if ((event.target as HTMLInputElement).checked && this.unticked) {
      this.unticked = false;
      this.requestUpdate();
    }
  };

  /** Ticked: erase (the backend asks for a step-up first, which <latch-step-up> runs); else say what is missing. */
  private onConfirm = (event: SubmitEvent): void => {
    event.preventDefault();
    if (!this.form.query<HTMLInputElement>(`#${this.uid}-confirm`)?.checked) {
      this.unticked = true;
      this.form.focusNext(`#${this.uid}-confirm`);
      this.requestUpdate();
      return;
    }
    void this.account.run('delete', async (api, signal, client) => {
      const deleted = await api.deleteAccount({ signal });
      this.deleted = deleted;
      this.overview = undefined;
      this.form.focusNext(`#${this.uid}-deleted`);
      // The backend ended the session with the account: this page and the other tabs forget it too. The
      // customer's own doing (`user`), so a session watcher on the page has nothing to explain.
      await client.signOut({ reason: 'user' }).catch(() => undefined);
      this.dispatchEvent(new LatchAccountDeletedEvent(deleted));
      this.dispatchEvent(new LatchSignedOutEvent());
    });
  };

  private policyLabel(t: PrivacyTexts, policy: string): string {
    const key = policyKey(policy);
    return key ? t[key] : policy;
  }

  private factorLabel(t: PrivacyTexts, factor: string): string {
    if (factor.startsWith('connection:')) return t.privacyFactorConnection({ name: factor.slice('connection:'.length) });
    const key = factorKey(factor);
    return key ? t[key] : factor;
  }

  /** The backend's text in the element's language, its base language, English, or any it has. */
  private localised(text: LocalisedText | undefined): string {
    if (!text) return '';
    const lang = this.locale.lang.toLowerCase();
    return text[lang] ?? text[lang.split('-')[0]!] ?? text.en ?? Object.values(text)[0] ?? '';
  }

  private date(epochSeconds: number): string {
    return absoluteTime(epochSeconds, this.locale.lang).text;
  }

  /** What the polite live region says: the last change done, or called off. */
  private statusText(t: PrivacyTexts): string {
    const { notice, cancelled } = this.account;
    if (notice === 'privacyWithdrawn') return t.privacyWithdrawn({ policy: this.withdrawnPolicy });
    if (notice) return t[notice];
    return cancelled ? this.locale.error(cancelled.code, cancelled) : '';
  }

  private errorText(): string {
    const failure = this.account.failure;
    return failure ? this.locale.error(failure.code, failure) : '';
  }

  private t(): PrivacyTexts {
    return this.locale.texts('privacy', privacy);
  }

  /** Words shared with <latch-passkeys> (dates of a passkey, Cancel, Try again). */
  private words(): SectionTexts<'passkeys'> {
    return this.locale.texts('passkeys', passkeys);
  }
}

