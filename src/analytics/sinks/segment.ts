import type { AnalyticsEvent } from '../../protocol/analytics.js';
import type { AnalyticsSink } from '../sink.js';

// `analytics="segment"`: a Segment-style `window.analytics.track(event, properties)` (Segment's analytics.js
// and the tools that copy its API: RudderStack, Jitsu, June). An exposure is Segment's spec'd `Experiment
// Viewed` (A/B Testing spec: `experiment_id`, `variation_id`); every other event is `latch_<type>` with the
// event's fields as properties. Its snippet queues calls until the library has loaded; without it, nothing is sent.

type Track = (event: string, properties: Record<string, unknown>) => unknown;
type SegmentWindow = { analytics?: { track?: Track } };

/** The `analytics.track` arguments of one event. */
export function segmentCall(event: AnalyticsEvent): [string, Record<string, unknown>] {
  if (event.type === 'exposure') return ['Experiment Viewed', { ...event, experiment_id: event.experiment, variation_id: event.variation }];
  return [`latch_${event.type}`, { ...event }];
}

/** Calls the page's `analytics.track` once per event. */
export function segmentSink(): AnalyticsSink {
  return {
    send(events) {
      const analytics = (globalThis as SegmentWindow).analytics;
      if (typeof analytics?.track !== 'function') return;
      for (const event of events) analytics.track(...segmentCall(event));
    },
  };
}
