import { expect } from '@open-wc/testing';
import { createDelivery, MAX_BATCH, type DeliveryOptions } from '../../src/analytics/delivery.js';
import { draftEvent, type DraftEvent } from '../../src/analytics/events.js';
import type { AnalyticsSink } from '../../src/analytics/sink.js';
import type { AnalyticsEvent } from '../../src/protocol/analytics.js';

const VISITOR = '0123456789abcdef0123456789abcdef';

function viewed(at = 1): DraftEvent {
  return draftEvent({ view: 'view-1', experiments: [{ key: 'passkey-first', variation: 'passkey-first' }], locale: 'en' }, at, {
    type: 'viewed',
    mode: 'sign-in',
  });
}

/** A sink that keeps what it was given, and a promise of its next batch. */
function recordingSink() {
  const batches: { events: AnalyticsEvent[]; beacon: boolean }[] = [];
  let next: (() => void) | undefined;
  const sink: AnalyticsSink = {
    send(events, { beacon }) {
      batches.push({ events: [...events], beacon });
      next?.();
    },
  };
  return { sink, batches, nextBatch: () => new Promise<void>((resolve) => (next = resolve)) };
}

function delivery(options: Partial<DeliveryOptions> & { sinks?: Promise<readonly AnalyticsSink[]> }) {
  const announced: AnalyticsEvent[] = [];
  const queue = createDelivery({
    gate: 'granted',
    visitor: async () => VISITOR,
    announce: (event) => announced.push(event),
    sinks: Promise.resolve([]),
    flushDelayMs: 20,
    ...options,
  });
  return { queue, announced };
}

describe('analytics delivery', () => {
  it('holds events while consent is pending, then announces and sends them, signed, on a grant', async () => {
    const { sink, batches, nextBatch } = recordingSink();
    const { queue, announced } = delivery({ gate: 'pending', sinks: Promise.resolve([sink]) });
    queue.add(viewed(1));
    queue.add(viewed(2));
    queue.flush(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(announced).to.have.length(0);
    expect(batches).to.have.length(0);

    const sent = nextBatch();
    queue.setGate('granted');
    await sent;
    expect(announced.map((event) => [event.at, event.visitor])).to.deep.equal([
      [1, VISITOR],
      [2, VISITOR],
    ]);
    expect(batches).to.have.length(1);
    expect(batches[0].events.map((event) => event.at)).to.deep.equal([1, 2]);
    expect(batches[0].beacon).to.equal(false);
  });

  it('drops what it held on a refusal, and does not send it after a later grant', async () => {
    const { sink, batches, nextBatch } = recordingSink();
    const { queue, announced } = delivery({ gate: 'pending', sinks: Promise.resolve([sink]) });
    queue.add(viewed(1));
    queue.setGate('refused');
    queue.add(viewed(2));
    queue.setGate('granted');
    const sent = nextBatch();
    queue.add(viewed(3));
    await sent;
    expect(announced.map((event) => event.at)).to.deep.equal([3]);
    expect(batches.flatMap((batch) => batch.events.map((event) => event.at))).to.deep.equal([3]);
  });

  it('batches what comes within the quiet spell, and splits at 100 events', async () => {
    const { sink, batches, nextBatch } = recordingSink();
    const { queue } = delivery({ sinks: Promise.resolve([sink]), flushDelayMs: 50 });
    await Promise.resolve();
    const first = nextBatch();
    for (let at = 0; at < MAX_BATCH + 20; at++) queue.add(viewed(at));
    await first;
    expect(batches.map((batch) => batch.events.length)).to.deep.equal([MAX_BATCH]);
    const second = nextBatch();
    await second;
    expect(batches.map((batch) => batch.events.length)).to.deep.equal([MAX_BATCH, 20]);
  });

  it('sends the tail at once as a beacon when the page goes away', async () => {
    const { sink, batches } = recordingSink();
    const sinks = Promise.resolve([sink]);
    const { queue } = delivery({ sinks, flushDelayMs: 60_000 });
    await sinks;
    queue.add(viewed(7));
    await Promise.resolve();
    await Promise.resolve();
    queue.flush(true);
    expect(batches).to.deep.equal([{ events: [{ ...viewed(7), id: batches[0]?.events[0]?.id, visitor: VISITOR }], beacon: true }]);
  });

  it('keeps delivering to the other sinks when one throws, and when a page listener throws', async () => {
    const { sink, batches, nextBatch } = recordingSink();
    const broken: AnalyticsSink = {
      send() {
        throw new Error('the site’s analytics is broken');
      },
    };
    const rejecting: AnalyticsSink = { send: () => Promise.reject(new Error('offline')) };
    const queue = createDelivery({
      gate: 'granted',
      visitor: async () => VISITOR,
      announce: () => {
        throw new Error('a listener that throws');
      },
      sinks: Promise.resolve([broken, rejecting, sink]),
      flushDelayMs: 10,
    });
    const sent = nextBatch();
    queue.add(viewed(1));
    await sent;
    expect(batches[0].events.map((event) => event.type)).to.deep.equal(['viewed']);
  });
});
