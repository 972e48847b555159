import { expect } from '@open-wc/testing';
import { startTracker } from '../../src/analytics/tracker.js';
import type { FunnelHost, FunnelSource } from '../../src/analytics/funnel.js';
import type { AnalyticsSink } from '../../src/analytics/sink.js';
import { memoryStore } from '../../src/client/storage.js';
import type { LatchClient } from '../../src/client/client.js';
import { LatchError } from '../../src/client/errors.js';
import { LatchErrorEvent, LatchStepEvent } from '../../src/events/index.js';
import type { LoginStep } from '../../src/events/index.js';
import type { AnalyticsEvent } from '../../src/protocol/analytics.js';

// The tracker on a stand-in element (the e2e spec drives the real one against the reference backend). The page
// cannot be unloaded inside the test runner, so `pagehide` is dispatched here: the one event this test makes up.

function setUp(assignments: FunnelHost['assignments'] = []) {
  const batches: { events: AnalyticsEvent[]; beacon: boolean }[] = [];
  const sink: AnalyticsSink = { send: (events, { beacon }) => void batches.push({ events: [...events], beacon }) };
  const host = Object.assign(document.createElement('div'), {
    assignments,
    configVersion: '3',
    analytics: '',
    analyticsUrl: '',
    analyticsSinks: [sink],
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  }) as unknown as FunnelHost;
  document.body.append(host);
  let step: LoginStep = 'identifier';
  const client = { clientId: 'web', storage: memoryStore(), reportAnalyticsEvent: () => undefined } as unknown as LatchClient;
  const source: FunnelSource = { client: async () => client, step: () => step, mode: () => 'sign-in', factor: () => undefined, locale: () => 'de' };
  const seen: AnalyticsEvent[] = [];
  host.addEventListener('latch-analytics', (event) => seen.push(event.detail));
  const track = startTracker(host, source, 1000);
  const go = (next: LoginStep) => {
    step = next;
    host.dispatchEvent(new LatchStepEvent(next));
  };
  return { host, track, go, seen, batches };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('analytics tracker', () => {
  it('opens a view with one exposure per shown experiment (forced ones left out) right before viewed', async () => {
    const { host, track, seen } = setUp([
      { experiment: 'passkey-first', variation: 'passkey-first', options: { lead: 'passkey' } },
      { experiment: 'nudge-copy', variation: 'faster', options: { nudgeCopy: 'faster' }, forced: true } as FunnelHost['assignments'][number],
    ]);
    track({ type: 'viewed', at: 1500 });
    track({ type: 'viewed', at: 1600 });
    await settled();
    expect(seen.map((event) => event.type)).to.deep.equal(['exposure', 'viewed']);
    expect(seen[0]).to.include({ experiment: 'passkey-first', variation: 'passkey-first', at: 1000, config_version: '3', locale: 'de' });
    expect(seen[1]!.experiments).to.deep.equal([{ key: 'passkey-first', variation: 'passkey-first' }]);
    host.remove();
  });

  it('on pagehide after the form was used: abandoned at its step, and the tail sent at once as a beacon', async () => {
    const { host, track, go, seen, batches } = setUp();
    track({ type: 'viewed', at: 1000 });
    track({ type: 'identifier_submitted', at: 2000 });
    go('code');
    await settled();
    expect(batches).to.deep.equal([]);
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(seen.map((event) => event.type)).to.deep.equal(['viewed', 'identifier_submitted', 'method_chosen', 'code_sent', 'abandoned']);
    expect(seen.at(-1)).to.include({ type: 'abandoned', step: 'code' });
    expect(batches).to.have.length(1);
    expect(batches[0]!.beacon).to.equal(true);
    expect(batches[0]!.events.map((event) => event.type)).to.deep.equal(['viewed', 'identifier_submitted', 'method_chosen', 'code_sent', 'abandoned']);
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(seen.filter((event) => event.type === 'abandoned')).to.have.length(1);
    host.remove();
  });

  it('counts no error shown while the page is away (the request a navigation cut off), and counts them again once it is back', async () => {
    const { host, track, go, seen } = setUp();
    track({ type: 'viewed', at: 1000 });
    track({ type: 'identifier_submitted', at: 2000 });
    go('code');
    await settled();
    dispatchEvent(new PageTransitionEvent('pagehide'));
    host.dispatchEvent(new LatchErrorEvent(new LatchError('LATCH_NETWORK', 'cut off')));
    dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    host.dispatchEvent(new LatchErrorEvent(new LatchError('LATCH_INVALID_CODE', 'wrong code')));
    track({ type: 'code_entered', at: 5000 });
    const types = seen.map((event) => (event.type === 'error_shown' ? `${event.type}:${event.code}` : event.type));
    expect(types).to.deep.equal(['viewed', 'identifier_submitted', 'method_chosen', 'code_sent', 'abandoned', 'error_shown:LATCH_INVALID_CODE', 'code_entered']);
    host.remove();
  });

  it('counts a failure met while the tab was hidden once the visitor comes back to it, where it is on screen', async () => {
    const { host, track, go, seen } = setUp();
    track({ type: 'viewed', at: 1000 });
    track({ type: 'identifier_submitted', at: 2000 });
    go('code');
    await settled();
    // The runner's tab cannot be hidden for real: the visibility state is shadowed, and its event dispatched.
    const setVisibility = (state: DocumentVisibilityState) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      setVisibility('hidden');
      host.dispatchEvent(new LatchErrorEvent(new LatchError('LATCH_EXPIRED_CODE', 'expired while away')));
      expect(seen.map((event) => event.type)).to.not.include('error_shown');
      setVisibility('visible');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    const types = seen.map((event) => (event.type === 'error_shown' ? `${event.type}:${event.code}` : event.type));
    expect(types).to.deep.equal(['viewed', 'identifier_submitted', 'method_chosen', 'code_sent', 'abandoned', 'error_shown:LATCH_EXPIRED_CODE']);
    expect(seen.at(-1)).to.include({ step: 'code' });
    host.remove();
  });

  it('sends no abandoned for a form nobody used', async () => {
    const { host, track, seen } = setUp();
    track({ type: 'viewed', at: 1000 });
    await settled();
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(seen.map((event) => event.type)).to.deep.equal(['viewed']);
    host.remove();
  });
});
