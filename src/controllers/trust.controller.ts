import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LatchClient } from '../client/client.js';
import { lazy } from '../client/lazy.js';
import type { LatchErrorEvent } from '../events/index.js';
import type { Branding } from '../protocol/index.js';
import type { SiteIdentity } from '../trust/registrable-domain.js';

// The trust signals' state (profile §26): the client's branding, the page's site identity, and whether the
// backend refuses this page's origin. Everything here starts after the form is interactive.

/** The Public Suffix List and the identity helper: a chunk of their own, fetched only where `site` is shown. */
const loadSiteIdentity = lazy(() => import('../trust/registrable-domain.js'));

/** A refusal of this page's origin: the profile's error, or the browser's CORS refusal of every call. */
const REFUSALS: ReadonlySet<string> = new Set(['LATCH_ORIGIN_NOT_ALLOWED', 'LATCH_CONFIG_CORS_REFUSED']);

type Host = ReactiveControllerHost & HTMLElement;

/** Loads and holds what the trust signals show, for `<latch-login>` and `<latch-trust-panel>`. */
export class TrustController implements ReactiveController {
  branding: Branding | undefined;
  site: SiteIdentity | undefined;
  /**
   * The backend refuses this page's origin (profile §26.2): its branding does not list it, or a call was
   * refused. Then no credential field may be shown.
   */
  refused = false;
  /** The branding's answer came (with a brand or without): until then the brand's line is held. */
  brandingKnown = false;
  /** The site identity was worked out, or could not be: until then the site's line is held. */
  siteKnown = false;

  constructor(
    private readonly host: Host,
    /** Whether the site identity is shown at all (else its chunk is never fetched). */
    private readonly showsSite: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('latch-error', this.onError);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('latch-error', this.onError);
  }

  /** Fetches the branding, then (where shown) works out the site identity. Failures only leave signals out. */
  async load(client: LatchClient): Promise<void> {
    try {
      this.branding = await client.branding();
    } catch {
      // No branding (a backend without the resource, a network fault): no brand, and its held line is given back.
      this.branding = undefined;
    }
    this.brandingKnown = true;
    if (this.branding && !this.branding.allowed_origins.includes(location.origin)) this.refused = true;
    this.host.requestUpdate();
    if (!this.showsSite()) return;
    try {
      const { siteIdentity } = await loadSiteIdentity();
      this.site = siteIdentity(location.hostname);
    } finally {
      // Drawn, or (its chunk did not arrive) its held line given back.
      this.siteKnown = true;
      this.host.requestUpdate();
    }
  }

  private readonly onError = (event: LatchErrorEvent): void => {
    if (!REFUSALS.has(event.detail.code)) return;
    this.refused = true;
    this.host.requestUpdate();
  };
}
