import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { LatchClient } from '../../client/client.js';
import type { Passkey, PasskeyList } from '../../protocol/index.js';
import { AccountController } from '../../controllers/account.controller.js';
import { BACKEND_PROPERTIES, backendOf } from '../../controllers/client-loader.js';
import { LightFormController } from '../../controllers/light-form.controller.js';
import { accountFormStyles, accountStyles } from '../../styles/account.styles.js';
import '../../translations/en.js';
import { liveCard } from '../form/live-regions.js';
import { errorMessage, localeOf } from '../form/locale.js';
import { passkeysStrings, type PasskeysStrings } from './passkeys.strings.js';
import { absoluteTime, relativeTime } from './relative-time.js';

type Action = 'load' | 'rename' | 'remove' | 'add';
type Notice = 'added' | 'renamed' | 'removed';

let instances = 0;

/**
 * The signed-in user's passkeys: name, when created and last used, synced or bound to one device; rename
 * (inline, Enter saves, Escape cancels), remove (confirmed; a sensitive change, so the backend may ask the
 * user to confirm it's them first), add one. The password manager is kept in step with the WebAuthn Signal
 * API after every change. Its inputs live in the light DOM inside real forms; the card and the live regions
 * are in the shadow root.
 *
 * @summary Passkey management for the signed-in user.
 * @slot - Holds the form the element draws into its own light DOM, where password managers reach the inputs; leave it empty.
 * @event latch-error - After a failure was shown. `detail: { code, error }`.
 * @csspart card - The card around the list.
 * @cssproperty --latch-account-max-width - The widest the card grows.
 */
export class LatchPasskeys extends LitElement {
  static override styles = accountStyles;

  // Declared without decorators, so this lazily loaded chunk carries no decorator helper.
  static override properties = {
    ...BACKEND_PROPERTIES,
    theme: { reflect: true },
    embedded: { type: Boolean, reflect: true },
  };

  /** The backend's issuer identifier; a path is resolved against the page's origin. */
  issuer = '';

  /** This site's OAuth client id at the backend. */
  clientId = '';

  /** `light`, `dark`, or `auto` (follows the system). */
  theme: 'light' | 'dark' | 'auto' = 'auto';

  /** Drops the card's own frame, for use inside another card (such as `<latch-security>`). */
  embedded = false;

  /** A client made with `createClient()`, to share one with the page. */
  client?: LatchClient;

  private readonly form = new LightFormController(this, accountFormStyles);
  private readonly account = new AccountController<Action, Notice>(this, () => backendOf(this));
  private readonly uid = `latch-passkeys-${++instances}`;
  private list: PasskeyList | undefined;
  private canAdd = false;
  private editing: string | undefined;
  private confirming: string | undefined;
  private nameInvalid = false;
  private removedName = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.list) void this.load();
  }

  /** Reads the list again (after a sign-in, say). */
  reload(): Promise<void> {
    return this.load();
  }

  protected override render(): TemplateResult {
    const { failure, notice, announcement } = this.account;
    return liveCard(notice ? this.noticeText(this.t(), notice) : '', failure ? this.errorText(failure) : '', announcement);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.form.render(this.view(this.t()));
  }

  private view(t: PasskeysStrings): TemplateResult {
    const { failure, notice, pending } = this.account;
    const list = this.list;
    return html`
      <section class="latch-section" aria-labelledby=${`${this.uid}-title`} aria-busy=${pending ? 'true' : 'false'}>
        <h2 id=${`${this.uid}-title`} tabindex="-1">${t.title}</h2>
        <p class="latch-text">${t.intro}</p>
        ${failure ? html`<p class="latch-alert">${this.errorText(failure)}</p>` : nothing}
        ${notice ? html`<p class="latch-notice">${this.noticeText(t, notice)}</p>` : nothing}
        ${!list && pending === 'load' ? html`<p class="latch-text">${t.loading}</p>` : nothing}
        ${!list && !pending && failure
          ? html`<div class="latch-row"><button type="button" class="latch-button" @click=${() => void this.load()}>${t.retry}</button></div>`
          : nothing}
        ${list && list.passkeys.length === 0 ? html`<p class="latch-text">${t.empty}</p>` : nothing}
        ${list && list.passkeys.length > 0
          ? html`<ul class="latch-list">${list.passkeys.map((passkey, index) => this.item(t, passkey, index, list.passkeys.length))}</ul>`
          : nothing}
        ${list && this.canAdd
          ? html`<div class="latch-row">
              <button type="button" class="latch-button latch-primary" data-add aria-disabled=${pending ? 'true' : 'false'} @click=${this.onAdd}>
                ${t.add}
              </button>
            </div>`
          : nothing}
      </section>
    `;
  }

  private item(t: PasskeysStrings, passkey: Passkey, index: number, count: number): TemplateResult {
    const lang = this.locale();
    const created = absoluteTime(passkey.created_at, lang);
    const used = passkey.last_used_at ? absoluteTime(passkey.last_used_at, lang) : undefined;
    const nameId = `${this.uid}-name-${index}`;
    return html`
      <li class="latch-item" data-passkey=${passkey.id}>
        ${this.editing === passkey.id
          ? this.renameForm(t, passkey)
          : html`<h3 id=${nameId} tabindex="-1">${passkey.name}</h3>`}
        <dl class="latch-facts">
          <dt>${t.created}</dt>
          <dd><time datetime=${created.iso} title=${created.text}>${relativeTime(passkey.created_at, lang)}</time></dd>
          <dt>${t.lastUsed}</dt>
          <dd>
            ${used && passkey.last_used_at
              ? html`<time datetime=${used.iso} title=${used.text}>${relativeTime(passkey.last_used_at, lang)}</time>`
              : t.neverUsed}
          </dd>
        </dl>
        ${passkey.synced === undefined ? nothing : html`<span class="latch-badge">${passkey.synced ? t.synced : t.deviceOnly}</span>`}
        ${this.confirming === passkey.id
          ? this.removeConfirmation(t, passkey, count)
          : this.editing === passkey.id
            ? nothing
            : html`<div class="latch-row">
                <button type="button" class="latch-button" data-rename aria-describedby=${nameId} @click=${() => this.startRename(passkey)}>
                  ${t.rename}
                </button>
                <button type="button" class="latch-button" data-remove aria-describedby=${nameId} @click=${() => this.startRemove(passkey)}>
                  ${t.remove}
                </button>
              </div>`}
      </li>
    `;
  }

  private renameForm(t: PasskeysStrings, passkey: Passkey): TemplateResult {
    const inputId = `${this.uid}-rename`;
    return html`
      <form class="latch-form" novalidate @submit=${(event: SubmitEvent) => this.onRename(event, passkey)}>
        <div class="latch-field">
          <label class="latch-label" for=${inputId}>${t.nameLabel}</label>
          <p class="latch-hint" id=${`${inputId}-hint`}>${t.nameHint}</p>
          <input
            id=${inputId}
            class="latch-input"
            name="passkey-name"
            autocomplete="off"
            maxlength="64"
            required
            .value=${passkey.name}
            aria-invalid=${this.nameInvalid ? 'true' : 'false'}
            aria-describedby=${`${inputId}-hint${this.nameInvalid ? ` ${inputId}-error` : ''}`}
            @keydown=${(event: KeyboardEvent) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                this.cancelRename(passkey);
              }
            }}
          />
          ${this.nameInvalid ? html`<p class="latch-alert" id=${`${inputId}-error`}>${t.nameInvalid}</p>` : nothing}
        </div>
        <div class="latch-row">
          <button type="submit" class="latch-button latch-primary" aria-disabled=${this.account.pending ? 'true' : 'false'}>${t.save}</button>
          <button type="button" class="latch-button" @click=${() => this.cancelRename(passkey)}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  private removeConfirmation(t: PasskeysStrings, passkey: Passkey, count: number): TemplateResult {
    const textId = `${this.uid}-confirm`;
    return html`
      <div class="latch-warning" role="group" aria-labelledby=${textId}>
        <p class="latch-text" id=${textId}>${t.removeConfirm(passkey.name)}${count === 1 ? ` ${t.removeLast}` : ''}</p>
        <div class="latch-row">
          <button
            type="button"
            class="latch-button latch-danger"
            data-confirm
            aria-disabled=${this.account.pending ? 'true' : 'false'}
            @click=${() => void this.removePasskey(passkey)}
          >
            ${t.removeConfirmButton}
          </button>
          <button type="button" class="latch-button" @click=${() => this.cancelRemove(passkey)}>${t.cancel}</button>
        </div>
      </div>
    `;
  }

  private async load(): Promise<void> {
    await this.account.load('load', async (api, signal, client) => {
      const [list, support, capabilities] = await Promise.all([
        api.listPasskeys({ signal }),
        client.passkeySupport(),
        client.clientCapabilities(),
      ]);
      this.list = list;
      // Creating a passkey needs an authenticator here or a phone to pair with (WebAuthn L3 §5.1.7).
      this.canAdd = support.available && (capabilities.passkeyPlatformAuthenticator !== false || capabilities.hybridTransport === true);
    });
  }

  private startRename(passkey: Passkey): void {
    this.editing = passkey.id;
    this.confirming = undefined;
    this.nameInvalid = false;
    this.account.clear();
    this.form.focusNext(`#${this.uid}-rename`);
  }

  private cancelRename(passkey: Passkey): void {
    this.editing = undefined;
    this.nameInvalid = false;
    this.focusItem(passkey.id, '[data-rename]');
    this.requestUpdate();
  }

  private onRename(event: SubmitEvent, passkey: Passkey): void {
    event.preventDefault();
    if (this.account.pending) return;
    const name = this.form.query<HTMLInputElement>(`#${this.uid}-rename`)?.value.trim() ?? '';
    if (!name || [...name].length > 64) {
      this.nameInvalid = true;
      this.form.focusNext(`#${this.uid}-rename`);
      this.requestUpdate();
      return;
    }
    if (name === passkey.name) return this.cancelRename(passkey);
    void this.account.run('rename', async (api, signal) => {
      this.list = await api.renamePasskey({ id: passkey.id, name, signal });
      this.editing = undefined;
      this.nameInvalid = false;
      this.focusItem(passkey.id, '[data-rename]');
      this.account.announce('renamed');
    });
  }

  private startRemove(passkey: Passkey): void {
    this.confirming = passkey.id;
    this.editing = undefined;
    this.account.clear();
    this.focusItem(passkey.id, '[data-confirm]');
  }

  private cancelRemove(passkey: Passkey): void {
    this.confirming = undefined;
    this.focusItem(passkey.id, '[data-remove]');
    this.requestUpdate();
  }

  private async removePasskey(passkey: Passkey): Promise<void> {
    await this.account.run('remove', async (api, signal) => {
      this.list = await api.removePasskey({ id: passkey.id, signal });
      this.confirming = undefined;
      this.removedName = passkey.name;
      this.form.focusNext(`#${this.uid}-title`);
      this.account.announce('removed');
    });
  }

  private onAdd = (): void => {
    void this.account.run('add', async (api, signal) => {
      const before = new Set(this.list?.passkeys.map((passkey) => passkey.id));
      this.list = await api.registerPasskey({ signal });
      const added = this.list.passkeys.find((passkey) => !before.has(passkey.id));
      if (added) this.focusItem(added.id, 'h3');
      this.account.announce('added');
    });
  };

  private focusItem(id: string, selector: string): void {
    this.form.focusNext(`[data-passkey="${CSS.escape(id)}"] ${selector}`);
  }

  private noticeText(t: PasskeysStrings, notice: Notice): string {
    switch (notice) {
      case 'added':
        return t.added;
      case 'renamed':
        return t.renamed;
      case 'removed':
        return t.removed(this.removedName);
    }
  }

  private errorText(error: NonNullable<AccountController<Action, Notice>['failure']>): string {
    return errorMessage(this, error);
  }

  private locale(): string {
    return localeOf(this);
  }

  private t(): PasskeysStrings {
    return passkeysStrings.for(this.locale());
  }
}
