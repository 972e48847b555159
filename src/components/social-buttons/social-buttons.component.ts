import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { LatchClient } from '../../client/client.js';
import { isQuietError, LatchError, LatchErrorCode, toLatchError } from '../../client/errors.js';
import { clientFor } from '../../controllers/client-loader.js';
import { LatchErrorEvent, LatchSignedInEvent } from '../../events/index.js';
import { POPUP_NAME } from '../../popup-callback.js';
import type { Connection } from '../../protocol/index.js';
import { translationFor, type Translation } from '../../translations/index.js';
import '../../translations/en.js';
import { BRAND_LOGOS, GENERIC_LOGO } from './brands.js';
import { styles } from './social-buttons.styles.js';

/**
 * "Continue with Google" and friends: one button per social or enterprise connection the backend lists,
 * in brand-correct colours. A click signs in with a full-page redirect, or in a popup that keeps this
 * page and what was typed in it (falling back to the redirect when the browser blocks the popup). Put a
 * `<latch-login>` on the redirect URI page: it finishes redirect sign-ins and relays popup ones.
 *
 * @summary Social and enterprise SSO buttons.
 * @event latch-signed-in - After a popup sign-in completed. `detail: { user, method: 'sso', connection, amr }`.
 * @event latch-error - After a failure was shown. `detail: { code, error }`.
 * @csspart button - Each provider button.
 */
export class LatchSocialButtons extends LitElement {
  static override styles = styles;

  /** The backend's issuer identifier; a path means this page's origin. */
  @property() issuer = '';

  /** This site's OAuth client id at the backend. */
  @property({ attribute: 'client-id' }) clientId = '';

  /** Connection ids to show, in order, separated by spaces. Empty: all of the backend's, in its order. */
  @property() providers = '';

  /** `redirect` (default) or `popup`. */
  @property() mode: 'redirect' | 'popup' = 'redirect';

  /** `stacked` (full-width buttons with text) or `compact` (a row of logo buttons). */
  @property({ reflect: true }) layout: 'stacked' | 'compact' = 'stacked';

  /** Where to land after a redirect sign-in: this origin, or origins the client allows. */
  @property({ attribute: 'return-to' }) returnTo = '';

  /** `create` asks the provider for a sign-up where the backend supports it. */
  @property() prompt: '' | 'create' = '';

  /** A client from `createClient()` or `<latch-login>`, shared instead of building one. */
  @property({ attribute: false }) client?: LatchClient;

  @state() private connections: Connection[] = [];
  @state() private busy: string | undefined;
  @state() private failure: LatchError | undefined;
  /** The sign-in in progress, and its popup. */
  private attempt: AbortController | undefined;
  private popup: Window | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('issuer') || changed.has('clientId')) void this.loadConnections();
  }

  protected override render(): TemplateResult {
    const t = translationFor(this.closest<HTMLElement>('[lang]')?.lang || navigator.language);
    const shown = this.shown();
    return html`
      <ul class="list" ?hidden=${shown.length === 0}>
        ${shown.map((connection) => html`<li>${this.button(t, connection)}</li>`)}
      </ul>
      ${this.failure ? html`<p class="error">${this.message(t, this.failure)}</p>` : nothing}
      <div class="live" role="alert">${this.failure ? this.message(t, this.failure) : ''}</div>
    `;
  }

  private button(t: Translation, connection: Connection): TemplateResult {
    const logo = BRAND_LOGOS[connection.brand ?? ''];
    const label = t.continueWith(connection.name);
    const busy = this.busy === connection.id;
    return html`<button
      type="button"
      part="button"
      data-connection=${connection.id}
      data-brand=${logo ? (connection.brand ?? nothing) : nothing}
      aria-busy=${busy ? 'true' : 'false'}
      aria-label=${this.layout === 'compact' ? label : nothing}
      title=${this.layout === 'compact' ? label : nothing}
      @click=${() => this.signIn(connection)}
    >
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : (logo ?? GENERIC_LOGO)}
      ${this.layout === 'compact' ? nothing : html`<span>${busy ? t.signingIn : label}</span>`}
    </button>`;
  }

  private shown(): Connection[] {
    const wanted = this.providers.split(/\s+/).filter(Boolean);
    if (wanted.length === 0) return this.connections;
    return wanted.flatMap((id) => this.connections.filter((connection) => connection.id === id));
  }

  private async loadConnections(): Promise<void> {
    if (!this.client && !(this.issuer && this.clientId)) return;
    try {
      const client = await this.connect();
      this.connections = await client.connections();
    } catch {
      // No connections to show; the rest of the page's sign-in is unaffected.
      this.connections = [];
    }
  }

  private connect(): Promise<LatchClient> {
    return clientFor(this.client, { issuer: new URL(this.issuer || '/', location.href).href, clientId: this.clientId });
  }

  /**
   * One sign-in at a time; the popup opens inside the click, which is what lets browsers allow it. A popup
   * this page lost sight of (closed, or cut off by `Cross-Origin-Opener-Policy`: the two look the same)
   * no longer holds the buttons: a new click starts over, and the old wait ends quietly.
   */
  private signIn(connection: Connection): void {
    if (this.busy && !this.popup?.closed) return;
    this.attempt?.abort();
    const attempt = new AbortController();
    this.attempt = attempt;
    this.busy = connection.id;
    this.failure = undefined;
    const popup = this.mode === 'popup' ? window.open('', POPUP_NAME, 'popup,width=520,height=680') : undefined;
    this.popup = popup ?? undefined;
    void this.run(connection, popup, attempt.signal);
  }

  private async run(connection: Connection, popup: Window | null | undefined, signal: AbortSignal): Promise<void> {
    const options = { connection: connection.id, returnTo: this.returnTo || undefined, prompt: this.prompt || undefined, signal };
    try {
      const client = await this.connect();
      if (popup) {
        const signedIn = await client.signInWithPopup({ ...options, popup });
        this.dispatchEvent(new LatchSignedInEvent(signedIn));
        return;
      }
      // A blocked popup (reliability.md P8) falls back to the redirect, and says why.
      if (popup === null) this.fail(new LatchError(LatchErrorCode.POPUP_BLOCKED, 'The popup was blocked'));
      location.assign(await client.startRedirectSignIn(options));
    } catch (error) {
      if (!signal.aborted) this.fail(toLatchError(error));
    } finally {
      if (this.attempt?.signal === signal) this.busy = undefined;
    }
  }

  private fail(error: LatchError): void {
    if (isQuietError(error)) return;
    this.failure = error;
    this.dispatchEvent(new LatchErrorEvent(error));
  }

  private message(t: Translation, error: LatchError): string {
    return t.errors[error.code]({ retryAfter: error.retryAfter });
  }
}
