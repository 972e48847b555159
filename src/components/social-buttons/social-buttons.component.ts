import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { LatchClient } from '../../client/client.js';
import type { LatchError } from '../../client/errors.js';
import { BACKEND_PROPERTIES, backendOf, clientOf } from '../../controllers/client-loader.js';
import { SocialSignInController } from '../../controllers/social-sign-in.controller.js';
import type { Connection } from '../../protocol/index.js';
import { LocaleController } from '../../controllers/locale.controller.js';
import { social } from '../../translations/locales/en/social.js';
import type { SectionTexts } from '../../translations/translation.js';
import { BRAND_LOGOS, GENERIC_LOGO } from './brands.js';
import { trustSignals } from '../login/trust-signals.js';
import { isLastUsed } from '../../client/last-used.js';
import { styles } from './social-buttons.styles.js';

/** A connection id as a part name: one ident, whatever the backend calls it (`Acme SSO` → `acme-sso`). */
function partName(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
}

/**
 * "Continue with Google" and friends: one button per social or enterprise connection the backend lists,
 * in brand-correct colours. A click signs in with a full-page redirect, or in a popup that keeps this
 * page and what was typed in it (falling back to the redirect when the browser blocks the popup). Put a
 * `<latch-login>` on the redirect URI page: it finishes redirect sign-ins and relays popup ones.
 *
 * @summary Social and enterprise SSO buttons.
 * @event latch-signed-in - After a popup sign-in completed. `detail: { user, method: 'sso', connection, amr }`.
 * @event latch-error - After a failure was shown. `detail: { code, error }`.
 * @csspart list - The list of buttons.
 * @csspart list-item - Each button's list item.
 * @csspart button - Each provider button (also `provider-button`).
 * @csspart provider-button - Each provider button.
 * @csspart provider-<id> - The button of the connection `<id>` (`provider-google`, `provider-acme-sso`).
 * @csspart provider-icon - A button's logo.
 * @csspart provider-label - A button's text (stacked layout).
 * @csspart spinner - The busy indicator in place of the logo.
 * @csspart last-used - The "Last used" badge on the provider this device last signed in with.
 * @csspart notice - The failure message (also `notice-error`).
 * @cssproperty --latch-social-height - Button height (defaults to `--latch-control-height` × density).
 * @cssproperty --latch-social-radius - Button corners (defaults to `--latch-radius`).
 * @cssproperty --latch-social-gap - The gap between buttons.
 */
export class LatchSocialButtons extends LitElement {
  static override styles = styles;

  // Declared without decorators, so this lazily loaded chunk carries no decorator helper.
  static override properties = {
    ...BACKEND_PROPERTIES,
    providers: {},
    mode: {},
    layout: { reflect: true },
    returnTo: { attribute: 'return-to' },
    prompt: {},
    trustSignals: { attribute: 'trust-signals' },
    withOtherMethods: { type: Boolean, attribute: 'with-other-methods' },
  };

  /** The backend's issuer identifier; a path means this page's origin. */
  issuer = '';

  /** This site's OAuth client id at the backend. */
  clientId = '';

  /** Connection ids to show, in order, separated by spaces. Empty: all of the backend's, in its order. */
  providers = '';

  /** `redirect` (default) or `popup`. */
  mode: 'redirect' | 'popup' = 'redirect';

  /** `stacked` (full-width buttons with text) or `compact` (a row of logo buttons). */
  layout: 'stacked' | 'compact' = 'stacked';

  /** Where to land after a redirect sign-in: this origin, or origins the client allows. */
  returnTo = '';

  /** `create` asks the provider for a sign-up where the backend supports it. */
  prompt: '' | 'create' = '';

  /**
   * Which trust signals to show, as on `<latch-login>`: absent shows all; `none`, or a list. Here only
   * `last-used` applies: the provider this device last signed in with is marked "Last used".
   */
  trustSignals = '';

  /**
   * Other sign-in methods are shown next to these buttons (`<latch-login>` sets it): then even one button is a
   * choice among several, and may be marked "Last used".
   */
  withOtherMethods = false;

  /** A client from `createClient()` or `<latch-login>`, shared instead of building one. */
  client?: LatchClient;

  private readonly locale = new LocaleController(this);
  private readonly social = new SocialSignInController(this, () => {
    const backend = backendOf(this);
    return {
      client: () => clientOf(backend),
      configured: Boolean(backend.client || backend.clientId),
      mode: this.mode,
      returnTo: this.returnTo,
      prompt: this.prompt,
    };
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('issuer') || changed.has('clientId')) void this.social.load();
  }

  protected override render(): TemplateResult {
    // Until the connections are known, what the page put inside holds their place (`<latch-login>`'s unseen words).
    if (!this.social.loaded) return html`<slot></slot>`;
    const t = this.locale.texts('social', social);
    const shown = this.shown();
    const failure = this.social.failure;
    return html`
      <ul class="list" part="list" dir=${this.locale.dir ?? nothing} ?hidden=${shown.length === 0}>
        ${shown.map((connection) => html`<li part="list-item">${this.button(t, connection, this.marked(connection, shown.length))}</li>`)}
      </ul>
      ${failure ? html`<p class="error" part="notice notice-error">${this.message(failure)}</p>` : nothing}
      <div class="live" role="alert">${failure ? this.message(failure) : ''}</div>
    `;
  }

  /** Whether this provider gets the "Last used" badge: this device's last, and one choice among several. */
  private marked(connection: Connection, shown: number): boolean {
    const among = shown + (this.withOtherMethods ? 1 : 0) > 1;
    return among && trustSignals(this.trustSignals).has('last-used') && isLastUsed(this.social.lastUsed, `sso:${connection.id}`);
  }

  private button(t: SectionTexts<'social'>, connection: Connection, lastUsed: boolean): TemplateResult {
    const logo = BRAND_LOGOS[connection.brand ?? ''];
    const label = t.continueWith({ provider: connection.name });
    const busy = this.social.busy === connection.id;
    return html`<button
      type="button"
      part=${`button provider-button provider-${partName(connection.id)}`}
      data-connection=${connection.id}
      data-brand=${logo ? (connection.brand ?? nothing) : nothing}
      aria-busy=${busy ? 'true' : 'false'}
      aria-label=${this.layout === 'compact' ? label : nothing}
      title=${this.layout === 'compact' ? label : nothing}
      aria-describedby=${lastUsed ? 'last-used' : nothing}
      @click=${() => this.social.signIn(connection)}
    >
      ${busy ? html`<span class="spinner" part="spinner" aria-hidden="true"></span>` : html`<span class="logo" part="icon provider-icon">${logo ?? GENERIC_LOGO}</span>`}
      ${this.layout === 'compact' ? nothing : html`<span part="provider-label">${busy ? t.signingIn : label}</span>`}
      ${lastUsed ? html`<span class="badge" part="last-used" id="last-used" aria-hidden="true">${t.lastUsed}</span>` : nothing}
    </button>`;
  }

  private shown(): Connection[] {
    const wanted = this.providers.split(/\s+/).filter(Boolean);
    const { connections } = this.social;
    if (wanted.length === 0) return connections;
    return wanted.flatMap((id) => connections.filter((connection) => connection.id === id));
  }

  private message(error: LatchError): string {
    return this.locale.error(error.code, error);
  }
}
