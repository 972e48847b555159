import { expect } from '@open-wc/testing';
import { draftEvent, signEvent } from '../../src/analytics/events.js';
import { dataLayerSink } from '../../src/analytics/sinks/datalayer.js';
import { segmentSink } from '../../src/analytics/sinks/segment.js';
import { namedSinks } from '../../src/analytics/sinks/index.js';
import { visitorOf } from '../../src/analytics/visitor.js';
import type { AnalyticsEvent } from '../../src/protocol/analytics.js';

type Page = { dataLayer?: unknown[]; analytics?: { track(name: string, properties: Record<string, unknown>): void } };
const page = window as unknown as Page;
const FACTS = { view: 'view-1', experiments: [{ key: 'nudge-copy', variation: 'faster' }], config_version: '7', locale: 'de' };
const VISITOR = '0123456789abcdef0123456789abcdef';

function events(): AnalyticsEvent[] {
  return [
    signEvent(draftEvent(FACTS, 10, { type: 'exposure', experiment: 'nudge-copy', variation: 'faster' }), VISITOR),
    signEvent(draftEvent(FACTS, 10, { type: 'viewed', mode: 'sign-in' }), VISITOR),
    signEvent(draftEvent(FACTS, 900, { type: 'signed_in', method: 'passkey', elapsed_ms: 890, steps: 2, retries: 0 }), VISITOR),
  ];
}

describe('analytics sinks', () => {
  afterEach(() => {
    delete page.dataLayer;
    delete page.analytics;
  });

  it('dataLayer: one latch_<type> message per event, each after a reset of latch_analytics', () => {
    page.dataLayer = [{ event: 'gtm.js' }];
    const sent = events();
    void dataLayerSink().send(sent, { beacon: false });
    expect(page.dataLayer).to.deep.equal([
      { event: 'gtm.js' },
      { latch_analytics: null },
      { event: 'latch_exposure', latch_analytics: sent[0] },
      { latch_analytics: null },
      { event: 'latch_viewed', latch_analytics: sent[1] },
      { latch_analytics: null },
      { event: 'latch_signed_in', latch_analytics: sent[2] },
    ]);
    const signedIn = (page.dataLayer[6] as { latch_analytics: Record<string, unknown> }).latch_analytics;
    expect(signedIn).to.include({ v: 1, type: 'signed_in', method: 'passkey', elapsed_ms: 890, steps: 2, retries: 0, view: 'view-1', visitor: VISITOR, config_version: '7', locale: 'de' });
  });

  it('dataLayer: made as GTM’s snippet makes it when the page has none yet', () => {
    void dataLayerSink().send(events().slice(1, 2), { beacon: true });
    expect(page.dataLayer).to.have.length(2);
  });

  it('Segment: an exposure is Experiment Viewed with experiment_id and variation_id; the rest are latch_<type>', () => {
    const calls: [string, Record<string, unknown>][] = [];
    page.analytics = { track: (name, properties) => void calls.push([name, properties]) };
    void segmentSink().send(events(), { beacon: false });
    expect(calls.map(([name]) => name)).to.deep.equal(['Experiment Viewed', 'latch_viewed', 'latch_signed_in']);
    expect(calls[0][1]).to.include({ experiment_id: 'nudge-copy', variation_id: 'faster', type: 'exposure', visitor: VISITOR });
    expect(calls[2][1]).to.include({ method: 'passkey', elapsed_ms: 890 });
  });

  it('Segment: without analytics.track on the page nothing is sent and nothing throws', () => {
    expect(() => segmentSink().send(events(), { beacon: false })).not.to.throw();
  });

  it('loads only the sinks named, ignoring unknown names, and no beacon without a URL', async () => {
    const sinks = await namedSinks('segment  DataLayer mixpanel beacon', { clientId: 'web', beaconUrl: async () => undefined });
    expect(sinks).to.have.length(2);
  });
});

describe('analytics visitor', () => {
  it('is the first 16 bytes of SHA-256(latchkey-visitor:<client_id>:<device id>), in hex', async () => {
    // node -e "crypto.createHash('sha256').update('latchkey-visitor:latchkey-demo:0b5c1f0e-…').digest('hex').slice(0,32)"
    expect(await visitorOf('latchkey-demo', '0b5c1f0e-2b1a-4c4e-9a57-5d1f3c2e8a11')).to.equal('2ee8579b3013752a0c2600449ca0a381');
  });

  it('differs per client, so two sites cannot join their visitors on it', async () => {
    const id = '0b5c1f0e-2b1a-4c4e-9a57-5d1f3c2e8a11';
    expect(await visitorOf('shop', id)).not.to.equal(await visitorOf('latchkey-demo', id));
  });
});
