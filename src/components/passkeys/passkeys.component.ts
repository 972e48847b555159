import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Passkey, PasskeyList } from '../../protocol/index.js';
import { AccountController } from '../../controllers/account.controller.js';
import { backendOf } from '../../controllers/client-loader.js';
import { LightFormController } from '../../controllers/light-form.controller.js';
import { accountFormStyles } from '../../styles/account.styles.js';
import { LatchAccountElement } from '../form/account-element.js';
import { accountNotices, confirmation, fieldError } from '../form/account-parts.js';
import { liveCard } from '../form/live-regions.js';
import { LocaleController } from '../../controllers/locale.controller.js';
import { passkeys } from '../../translations/locales/en/passkeys.js';
import type { SectionTexts } from '../../translations/translation.js';
import { absoluteTime, relativeTime } from '../form/relative-time.js';

type Action = 'load' | 'rename' | 'remove' | 'add';
type Notice = 'added' | 'renamed' | 'removed';

type PasskeysTexts = SectionTexts<'passkeys'>;

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
export class LatchPasskeys extends LatchAccountElement {
  // Declared without decorators, so this lazily loaded chunk carries no decorator helper.
  static override properties = {
    embedded: { type: Boolean, reflect: true },
  };

  /** Drops the card's own frame, for use inside another card (such as `<latch-security>`). */
  embedded = false;

  /** @internal Told how many passkeys there are, and whether one can be added here, each time the list changes (`<latch-security>`'s summary). */
  listed?: (count: number, canAdd: boolean) => void;
  private toldList: PasskeyList | undefined;

  private readonly locale = new LocaleController(this);
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
    // After the first update: a `client` set before this element's class arrived (a lazily defined tag, a
    // framework's property) is only restored then.
    void this.updateComplete.then(() => {
      if (this.isConnected && !this.list) void this.load();
    });
  }

  /** Starts adding a passkey, as the Add button does (`<latch-security>`'s recommendation uses it). */
  add(): void {
    this.onAdd();
  }

  /** Reads the list again (after a sign-in, say). */
  reload(): Promise<void> {
    return this.load();
  }

  protected override render(): TemplateResult {
    const { failure, announcement } = this.account;
    return liveCard(this.statusText(this.t()), failure ? this.errorText(failure) : '', announcement, this.locale.dir);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.form.render(this.view(this.t()));
    if (this.list && this.list !== this.toldList) {
      this.toldList = this.list;
      this.listed?.(this.list.passkeys.length, this.canAdd);
    }
  }

  private view(t: PasskeysTexts): TemplateResult {
    const { failure, pending } = this.account;
    const list = this.list;
    const titleId = `${this.uid}-title`;
    // Alone, the element's heading is a level 2; inside <latch-security> its section heading is a level 3.
    const title = this.embedded
      ? html`<h3 id=${titleId} part="section-heading" tabindex="-1">${t.title}</h3>`
      : html`<h2 id=${titleId} part="heading" tabindex="-1">${t.title}</h2>`;
    return html`
      <section class="latch-section" part="section" aria-labelledby=${titleId} aria-busy=${pending ? 'true' : 'false'}>
        ${title}
        <p class="latch-text" part="subheading">${t.intro}</p>
        ${accountNotices(this.account, failure ? this.errorText(failure) : '', this.statusText(t))}
        ${!list && pending === 'load' ? html`<p class="latch-text">${t.loading}</p>` : nothing}
        ${!list && !pending && failure
          ? html`<div class="latch-row">
              <button type="button" class="latch-button" part="button button-secondary" @click=${() => void this.load()}>${t.retry}</button>
            </div>`
          : nothing}
        ${list && list.passkeys.length === 0 ? html`<p class="latch-text">${t.empty}</p>` : nothing}
        ${list && list.passkeys.length > 0
          ? html`<ul class="latch-list" part="list">
              ${list.passkeys.map((passkey, index) => this.item(t, passkey, index, list.passkeys.length))}
            </ul>`
          : nothing}
        ${list && this.canAdd
          ? html`<div class="latch-row">
              <button
                type="button"
                class="latch-button latch-primary"
                part="button button-primary"
                data-add
                aria-disabled=${pending ? 'true' : 'false'}
                @click=${this.onAdd}
              >
                ${t.add}
              </button>
            </div>`
          : nothing}
      </section>
    `;
  }

  private item(t: PasskeysTexts, passkey: Passkey, index: number, count: number): TemplateResult {
    const lang = this.locale.lang;
    const created = absoluteTime(passkey.created_at, lang);
    const used = passkey.last_used_at ? absoluteTime(passkey.last_used_at, lang) : undefined;
    const nameId = `${this.uid}-name-${index}`;
    // A passkey's name heads its item, one level below the list's heading.
    const name = this.embedded
      ? html`<h4 id=${nameId} class="latch-name" tabindex="-1" data-name>${passkey.name}</h4>`
      : html`<h3 id=${nameId} class="latch-name" tabindex="-1" data-name>${passkey.name}</h3>`;
    return html`
      <li class="latch-item" part="list-item" data-passkey=${passkey.id}>
        ${this.editing === passkey.id ? this.renameForm(t, passkey) : name}
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
        ${passkey.synced === undefined ? nothing : html`<span class="latch-badge" part="badge">${passkey.synced ? t.synced : t.deviceOnly}</span>`}
        ${this.confirming === passkey.id
          ? this.removeConfirmation(t, passkey, count)
          : this.editing === passkey.id
            ? nothing
            : html`<div class="latch-row">
                <button
                  type="button"
                  class="latch-button"
                  part="button button-secondary"
                  data-rename
                  aria-describedby=${nameId}
                  @click=${() => this.startRename(passkey)}
                >
                  ${t.rename}
                </button>
                <button
                  type="button"
                  class="latch-button"
                  part="button button-secondary"
                  data-remove
                  aria-describedby=${nameId}
                  @click=${() => this.startRemove(passkey)}
                >
                  ${t.remove}
                </button>
              </div>`}
      </li>
    `;
  }

  private renameForm(t: PasskeysTexts, passkey: Passkey): TemplateResult {
    const inputId = `${this.uid}-rename`;
    return html`
      <form class="latch-form" novalidate @submit=${(event: SubmitEvent) => this.onRename(event, passkey)}>
        <div class="latch-field">
          <label class="latch-label" part="label" for=${inputId}>${t.nameLabel}</label>
          <p class="latch-hint" part="hint" id=${`${inputId}-hint`}>${t.nameHint}</p>
          <input
            id=${inputId}
            class="latch-input"
            part="input"
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
          ${this.nameInvalid ? fieldError(`${inputId}-error`, t.nameInvalid) : nothing}
        </div>
        <div class="latch-row">
          <button
            type="submit"
            class="latch-button latch-primary"
            part="button button-primary"
            aria-disabled=${this.account.pending ? 'true' : 'false'}
          >
            ${t.save}
          </button>
          <button type="button" class="latch-button" part="button button-secondary" @click=${() => this.cancelRename(passkey)}>
            ${t.cancel}
          </button>
        </div>
      </form>
    `;
  }

  private removeConfirmation(t: PasskeysTexts, passkey: Passkey, count: number): TemplateResult {
    const text = `${t.removeConfirm({ name: passkey.name })}${count === 1 ? ` ${t.removeLast}` : ''}`;
    return confirmation(`${this.uid}-confirm`, text, {
      action: t.removeConfirmButton,
      cancel: t.cancel,
      busy: this.account.pending !== undefined,
      yes: () => void this.removePasskey(passkey),
      no: () => this.cancelRemove(passkey),
    });
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
      if (added) this.focusItem(added.id, '[data-name]');
      this.account.announce('added');
    });
  };

  private focusItem(id: string, selector: string): void {
    this.form.focusNext(`[data-passkey="${CSS.escape(id)}"] ${selector}`);
  }

  /** What the polite live region says: the last change done, or called off. */
  private statusText(t: PasskeysTexts): string {
    const { notice, cancelled } = this.account;
    if (notice) return this.noticeText(t, notice);
    if (cancelled?.code === 'LATCH_PASSKEY_CANCELLED') return t.addCancelled;
    return cancelled ? this.errorText(cancelled) : '';
  }

  private noticeText(t: PasskeysTexts, notice: Notice): string {
    switch (notice) {
      case 'added':
        return t.added;
      case 'renamed':
        return t.renamed;
      case 'removed':
        return t.removed({ name: this.removedName });
    }
  }

  private errorText(error: NonNullable<AccountController<Action, Notice>['failure']>): string {
    return this.locale.error(error.code, error);
  }

  private t(): PasskeysTexts {
    return this.locale.texts('passkeys', passkeys);
  }
}
