import type { LatchClient } from './types.js';

/** `client.onAnalyticsEvent` and `client.reportAnalyticsEvent`: the client's own list of analytics listeners. */
export function analyticsListeners(): Pick<LatchClient, 'onAnalyticsEvent' | 'reportAnalyticsEvent'> {
  const listeners = new Set<Parameters<LatchClient['onAnalyticsEvent']>[0]>();
  return {
    onAnalyticsEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    reportAnalyticsEvent(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          // One listener that throws does not keep the event from the others, nor breaks the sign-in.
        }
      }
    },
  };
}
