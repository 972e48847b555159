import type { AnalyticsBatch } from '../../protocol/analytics.js';
import type { AnalyticsSink } from '../sink.js';

// `analytics="beacon"`: POSTs batches (`AnalyticsBatch`) to `analytics-url` or the backend's
// `ciam_events_endpoint`, as `text/plain` JSON so no CORS preflight is needed, with `navigator.sendBeacon`: it
// is queued by the browser and still delivered when the page is closing. Where the browser refuses the beacon
// (too large, none), a `keepalive` fetch carries it instead.

/** A sink posting batches of `clientId`'s events to `url`. */
export function beaconSink(options: { url: string; clientId: string }): AnalyticsSink {
  return {
    send(events) {
      const batch: AnalyticsBatch = { client_id: options.clientId, events: [...events] };
      const body = JSON.stringify(batch);
      if (navigator.sendBeacon?.(options.url, new Blob([body], { type: 'text/plain' }))) return;
      return fetch(options.url, { method: 'POST', body, keepalive: true, credentials: 'omit', headers: { 'content-type': 'text/plain' } }).then(
        () => undefined,
      );
    },
  };
}
