import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsentConfig, Purpose } from '../protocol/consent.js';
import type { ConsentMethod } from '../protocol/policies.js';
import { acceptAllPurposes, gpcEnabled, readCachedConfig, readChoice, type StoredChoice } from '../consent/choice.js';
import type { ConsentApi } from '../consent/consent.js';
import { backendOf, clientOf, type BackendSource } from './client-loader.js';

/** What the banner shows: nothing, the first layer, or the per-purpose switches. */
export type BannerView = 'hidden' | 'first' | 'choose';

/** What the banner asks of the element it serves. */
export interface ConsentBannerHost extends ReactiveControllerHost, BackendSource {
  /** Purposes the page gave (attribute or property); they need no request. */
  purposes?: Purpose[];
  policy: string;
  policyVersion: string;
  mode: 'banner' | 'preferences';
}

/** The expiry of a page-given policy: 6 months for a refusal (CNIL), 12 for an acceptance. */
const PAGE_EXPIRY = { refused_days: 182, accepted_days: 365 };

/** After the first frame is painted: a returning visitor's page makes no consent request before it. */
const afterPaint = (run: () => void) => requestAnimationFrame(() => setTimeout(run));

/** The client's consent API (`client.consent()`, in the client's lazy chunk), its code loaded on first use. */
async function consentApi(host: ConsentBannerHost): Promise<ConsentApi> {
  const client = await clientOf(backendOf(host));
  return client.consent();
}

/**
 * The banner's flow: which policy it shows (the page's purposes, else the config cached by an earlier page,
 * else the backend's, fetched once), whether the visitor must choose (no valid choice, or one for another
 * version), and recording a choice through the client's consent API. Everything the first frame needs is read
 * synchronously (localStorage), so a returning visitor never sees the banner flash and a new one sees it at once.
 */
export class ConsentBannerController implements ReactiveController {
  view: BannerView = 'hidden';
  config: ConsentConfig | undefined;
  choice: StoredChoice | undefined;
  /** The version of an older choice the visitor is asked to replace; the banner says what changed. */
  previousVersion: string | undefined;
  /** How the shown layer was opened: the banner asking, or the visitor reopening their choices. */
  method: ConsentMethod = 'banner';
  /** Bumped on every saved choice (the element announces it). */
  saved = 0;
  private fetched = false;

  constructor(private readonly host: ConsentBannerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('latch-consent-change', this.onChange);
    this.evaluate();
    // After the first update: a `client` or `purposes` set before this element's class arrived is only restored then.
    void this.host.updateComplete.then(() => this.afterFirstUpdate());
  }

  private afterFirstUpdate(): void {
    if (!this.host.isConnected) return;
    this.evaluate();
    // The page's own purposes need no request; the backend's (cached or not) are fetched once, after paint when
    // cached. A "Privacy choices" button fetches them only when pressed, if no banner on the page did before.
    if (this.pageConfig() || this.host.mode !== 'banner') return;
    if (this.config) afterPaint(() => void this.refresh());
    else void this.refresh();
  }

  hostDisconnected(): void {
    document.removeEventListener('latch-consent-change', this.onChange);
  }

  /** Whether the visitor must choose before anything optional may run. */
  get needsChoice(): boolean {
    const { config, choice } = this;
    return !!config && (!choice || choice.policy !== config.policy || choice.version !== config.version);
  }

  /** Whether the browser sends Global Privacy Control and the policy has purposes it turns off. */
  get gpc(): boolean {
    return gpcEnabled() && !!this.config?.purposes.some((purpose) => purpose.gpc === 'opt_out');
  }

  /** Reads the policy and the stored choice again (the page's purposes changed, a choice was made elsewhere). */
  evaluate(): void {
    this.config = this.pageConfig() ?? (this.fetched ? this.config : readCachedConfig()) ?? this.config;
    this.choice = readChoice();
    const stale = this.choice && this.config && this.choice.version !== this.config.version;
    this.previousVersion = stale ? this.choice?.version : undefined;
    if (this.host.mode === 'banner' && this.view === 'hidden' && this.needsChoice) {
      this.view = 'first';
      this.method = 'banner';
    } else if (this.view === 'first' && !this.needsChoice) {
      this.view = 'hidden';
    }
    this.host.requestUpdate();
  }

  /** Opens the per-purpose switches, from the banner ("Choose") or to change a choice later. */
  choose(method: ConsentMethod = this.method): void {
    this.method = method;
    this.view = 'choose';
    this.host.requestUpdate();
    if (!this.config && !this.fetched) void this.refresh();
  }

  /** Closes the choices without changing anything (only offered when no choice is needed). */
  close(): void {
    this.view = this.needsChoice && this.host.mode === 'banner' ? 'first' : 'hidden';
    this.host.requestUpdate();
  }

  /** "Accept all": every optional purpose, except those Global Privacy Control turns off. */
  acceptAll(text: string): Promise<void> {
    return this.record(acceptAllPurposes(this.config!, gpcEnabled()), text);
  }

  /** "Reject all": every optional purpose off. */
  rejectAll(text: string): Promise<void> {
    return this.record({}, text);
  }

  /**
   * Applies a choice: the banner goes at once, the choice is stored, signalled and recorded through the client's
   * consent API (its outbox sends it when the backend is reachable). Should the client's code not load, nothing
   * is assumed: the banner comes back, to be answered again.
   */
  async record(purposes: Record<string, boolean>, text: string): Promise<void> {
    const config = this.config;
    if (!config) return;
    const { method } = this;
    this.view = 'hidden';
    this.host.requestUpdate();
    const api = await consentApi(this.host).catch(() => undefined);
    if (api) {
      api.useConfig(config);
      // Stored and signalled before the outbox is written, so a failing IndexedDB loses only the record.
      await api.set(purposes, { method, text }).catch(() => undefined);
      this.saved++;
    }
    this.evaluate();
  }

  /** The backend's config, fetched (ETag) and cached by the client's consent API. */
  private async refresh(): Promise<void> {
    try {
      const api = await consentApi(this.host);
      const config = await api.loadConfig();
      this.fetched = true;
      if (!this.pageConfig()) this.config = config;
      this.evaluate();
    } catch {
      // Offline or no consent endpoint: the cached policy (if any) stays; nothing is assumed granted.
    }
  }

  /** The policy the page gave through `purposes` (and `policy`, `policy-version`). */
  private pageConfig(): ConsentConfig | undefined {
    const { purposes, policy, policyVersion } = this.host;
    if (!purposes?.length) return undefined;
    return { policy: policy || 'cookies', version: policyVersion || '1', purposes, expiry: PAGE_EXPIRY };
  }

  private onChange = (): void => {
    this.evaluate();
  };
}
