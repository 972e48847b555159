import type { AnalyticsEvent } from '../protocol/analytics.js';

/**
 * Fired by `<latch-login>` with each analytics event (README "Analytics events and where they go"), once the
 * consent gate lets it out. `detail` is the typed event; it never carries personal data.
 */
export class LatchAnalyticsEvent extends Event {
  readonly detail: AnalyticsEvent;
  constructor(detail: AnalyticsEvent) {
    super('latch-analytics', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'latch-analytics': LatchAnalyticsEvent;
  }
}
