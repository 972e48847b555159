import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { LatchClient } from '../../client/client.js';
import { BACKEND_PROPERTIES, backendOf, clientOf } from '../../controllers/client-loader.js';
import { LocaleController } from '../../controllers/locale.controller.js';
import { TrustController } from '../../controllers/trust.controller.js';
import type { LatchSignedInEvent } from '../../events/index.js';
import type { LastSignIn } from '../../protocol/index.js';
import { trust } from '../../translations/locales/en/trust.js';
import { trustSignals, type TrustSignal } from '../login/trust-signals.js';
import { styles } from './trust-panel.styles.js';
import { brandLine, lastSignInLine, passkeyCueLine, policyLinks, siteLine } from './trust-view.js';

/**
 * The trust signals beside any sign-in (profile §26): the site the customer is on (its registrable domain,
 * from the page's own address), the site's name and logo and its privacy and terms links from the backend's
 * branding, and, after a sign-in on the page, that a passkey cannot be phished and when the customer last
 * signed in. Each signal is switchable with `trust-signals`, as on `<latch-login>`.
 *
 * @summary Which site this is, who runs it, and how the customer signed in.
 * @csspart card - The panel.
 * @csspart brand - The logo and name (`logo`, `brand-name`).
 * @csspart site - "Signing in to …" (`site-host`, `site-rest`: the labels in front, `site-domain`: the registrable domain).
 * @csspart passkey-cue - After a passkey sign-in.
 * @csspart last-sign-in - The sign-in before this one.
 * @csspart links - The policy links (each `link`).
 * @cssproperty --latch-trust-panel-max-width - The panel's width (defaults to `--latch-max-width`).
 * @cssproperty --latch-color-muted - The secondary lines.
 * @cssproperty --latch-color-success - The passkey cue.
 */
export class LatchTrustPanel extends LitElement {
  static override styles = styles;

  // Declared without decorators, so this lazily loaded chunk carries no decorator helper.
  static override properties = {
    ...BACKEND_PROPERTIES,
    trustSignals: { attribute: 'trust-signals' },
    theme: { reflect: true },
  };

  /** The backend's issuer identifier; a path means this page's origin (or an enclosing `<latch-login>`'s). */
  issuer = '';

  /** This site's OAuth client id at the backend. */
  clientId = '';

  /** A client made with `createClient()`, to share one with the page. */
  client?: LatchClient;

  /** Absent shows every signal; `none`, or a space-separated list of `site brand links passkey last-sign-in`. */
  trustSignals = '';

  /** `light`, `dark`, or `auto` (follows the system). */
  theme: 'light' | 'dark' | 'auto' = 'auto';

  private readonly locale = new LocaleController(this);
  private readonly trust = new TrustController(this, () => this.shows('site'));
  /** The sign-in on this page was a passkey's. */
  private passkeySignIn = false;
  private lastSignIn: LastSignIn | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('latch-signed-in', this.onSignedIn);
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('latch-signed-in', this.onSignedIn);
  }

  protected override render(): TemplateResult {
    const t = this.locale.texts('trust', trust);
    const { branding, site } = this.trust;
    return html`<section class="card" part="card" aria-label=${t.trustPanelLabel} dir=${this.locale.dir ?? nothing}>
      ${this.shows('brand') ? brandLine(branding) : nothing} ${this.shows('site') ? siteLine(site, t) : nothing}
      ${this.shows('passkey') && this.passkeySignIn ? passkeyCueLine(t) : nothing}
      ${this.shows('last-sign-in') ? lastSignInLine(this.lastSignIn, t, this.locale.lang) : nothing}
      ${this.shows('links') ? policyLinks(branding, t) : nothing}
    </section>`;
  }

  private shows(signal: TrustSignal): boolean {
    return trustSignals(this.trustSignals).has(signal);
  }

  /** The branding and site identity, and a signed-in customer's last sign-in from the session. Failures leave signals out. */
  private async load(): Promise<void> {
    const client = await clientOf(backendOf(this)).catch(() => undefined);
    if (!client || !this.isConnected) return;
    await Promise.all([
      this.trust.load(client).catch(() => undefined),
      client.getSession().then(
        (session) => {
          if (session.active) this.lastSignIn ??= session.last_sign_in;
          this.requestUpdate();
        },
        () => undefined,
      ),
    ]);
  }

  private readonly onSignedIn = (event: LatchSignedInEvent): void => {
    this.passkeySignIn = event.detail.method === 'passkey';
    this.lastSignIn = event.detail.lastSignIn ?? this.lastSignIn;
    this.requestUpdate();
  };
}
