import type { AnalyticsEvent } from '../../protocol/analytics.js';
import type { AnalyticsSink } from '../sink.js';

// `analytics="datalayer"`: Google Tag Manager's `dataLayer`. Each event is one push, `{ event: 'latch_<type>',
// latch_analytics: {…the event} }`, after a `{ latch_analytics: null }` that clears the previous event's fields
// from GTM's merged data model (Google's advice for nested objects, as for `ecommerce`).

type DataLayerWindow = { dataLayer?: unknown[] };

/** The `dataLayer` message of one event. */
export function dataLayerMessage(event: AnalyticsEvent): { event: string; latch_analytics: AnalyticsEvent } {
  return { event: `latch_${event.type}`, latch_analytics: { ...event } };
}

/** Pushes events into `window.dataLayer`, creating it as GTM's snippet does when the tag manager has not yet. */
export function dataLayerSink(): AnalyticsSink {
  return {
    send(events) {
      const page = globalThis as DataLayerWindow;
      const layer = (page.dataLayer ??= []);
      for (const event of events) layer.push({ latch_analytics: null }, dataLayerMessage(event));
    },
  };
}
