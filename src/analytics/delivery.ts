import type { AnalyticsEvent } from '../protocol/analytics.js';
import type { GateState } from './consent-gate.js';
import { signEvent, type DraftEvent } from './events.js';
import type { AnalyticsSink } from './sink.js';

// How events leave the widget (profile §29.4): held until consent allows them (dropped if it refuses), signed
// with the visitor, announced one by one (the `latch-analytics` DOM event, `client.onAnalyticsEvent`), and
// handed to the sinks in batches: a second after a batch's first event, at 100 events, and at once with
// `beacon` when the page is going away, so a normal navigation loses nothing.

/** The most events one batch carries (`AnalyticsBatch.events`). */
export const MAX_BATCH = 100;
/** Events kept while consent is pending; more are dropped (a page left open for hours). */
const MAX_HELD = 500;

export interface DeliveryOptions {
  gate: GateState;
  /** The visitor hash; asked for only once consent allows events. */
  visitor(): Promise<string>;
  /** Each allowed event, at once and one at a time. */
  announce(event: AnalyticsEvent): void;
  /** The sinks `analytics` and `analyticsSinks` name, ready once their code has loaded. */
  sinks: Promise<readonly AnalyticsSink[]>;
  /** How long after its first event a batch is sent (1 000 ms); later events join it without delaying it. */
  flushDelayMs?: number;
}

export interface Delivery {
  add(event: DraftEvent): void;
  /** The consent gate changed: a grant releases what was held, a refusal drops it. */
  setGate(state: GateState): void;
  /** Sends what is queued now; `beacon` when the page is going away (only `sendBeacon` still arrives then). */
  flush(beacon: boolean): void;
}

/** A delivery queue for one element. */
export function createDelivery(options: DeliveryOptions): Delivery {
  let gate = options.gate;
  let held: DraftEvent[] = [];
  let unsigned: DraftEvent[] = [];
  const queue: AnalyticsEvent[] = [];
  let visitor: string | undefined;
  let sinks: readonly AnalyticsSink[] | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let signing: Promise<void> | undefined;

  function accept(event: DraftEvent): void {
    if (visitor) return ship(signEvent(event, visitor));
    unsigned.push(event);
    signing ??= options.visitor().then((known) => {
      visitor = known;
      for (const waiting of unsigned.splice(0)) ship(signEvent(waiting, known));
    }, () => void (unsigned = []));
  }

  function ship(event: AnalyticsEvent): void {
    try {
      options.announce(event);
    } catch {
      // A page's listener that throws does not stop the other destinations.
    }
    queue.push(event);
    if (queue.length >= MAX_BATCH) return flush(false);
    timer ??= setTimeout(() => flush(false), options.flushDelayMs ?? 1000);
  }

  function flush(beacon: boolean): void {
    clearTimeout(timer);
    timer = undefined;
    if (!sinks) return;
    while (queue.length) {
      const batch = queue.splice(0, MAX_BATCH);
      for (const sink of sinks) send(sink, batch, beacon);
    }
  }

  void options.sinks.then((loaded) => {
    sinks = loaded;
    flush(false);
  }, () => (sinks = []));

  return {
    add(event) {
      if (gate === 'granted') accept(event);
      else if (gate === 'pending' && held.length < MAX_HELD) held.push(event);
    },
    setGate(state) {
      gate = state;
      const released = held.splice(0);
      if (state === 'granted') released.forEach(accept);
      if (state !== 'pending') held = [];
    },
    flush,
  };
}

/** One sink, one batch: a sink that throws or rejects (the site's analytics broken) never reaches the sign-in. */
function send(sink: AnalyticsSink, batch: readonly AnalyticsEvent[], beacon: boolean): void {
  try {
    void Promise.resolve(sink.send(batch, { beacon })).catch(() => undefined);
  } catch {
    // As above.
  }
}
