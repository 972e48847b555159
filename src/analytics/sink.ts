import type { AnalyticsEvent } from '../protocol/analytics.js';

/** Where analytics events go (profile §29.4): `dataLayer`, `analytics.track`, OpenFeature `track()`, a beacon URL. */
export interface AnalyticsSink {
  /** `beacon`: the page is going away, so only `navigator.sendBeacon` (or a synchronous push) still arrives. */
  send(events: readonly AnalyticsEvent[], options: { beacon: boolean }): void | Promise<void>;
}
