import { expect } from '@open-wc/testing';
import { InMemoryProvider, OpenFeature, type EvaluationContext, type TrackingEventDetails } from '@openfeature/web-sdk';
import { openFeatureExperiments, openFeatureSink } from '../../src/openfeature/index.js';
import type { AssignmentContext } from '../../src/experiments/types.js';
import type { AnalyticsEvent } from '../../src/protocol/analytics.js';

// `latchkey/openfeature` against the real web SDK and its in-memory provider: the flags pick the variations
// (seeing the device id as the targeting key), and the sink's events reach the provider's `track()`.

/** The SDK's in-memory provider, which also keeps what `track()` handed it (it has no tracking of its own). */
class RecordingProvider extends InMemoryProvider {
  readonly tracked: { name: string; context: EvaluationContext; details: TrackingEventDetails }[] = [];
  track(name: string, context: EvaluationContext, details: TrackingEventDetails): void {
    this.tracked.push({ name, context, details });
  }
}

const context = (deviceId: string): AssignmentContext => ({ deviceId, visitor: 'returning', device: 'desktop', locale: 'en', forced: new Map() });

let domains = 0;

/** A provider registered under a domain of its own (the global one stays the page's), and its client. */
async function openFeature(flags: ConstructorParameters<typeof InMemoryProvider>[0]) {
  const domain = `latchkey-test-${++domains}`;
  const provider = new RecordingProvider(flags);
  await OpenFeature.setProviderAndWait(domain, provider);
  const client = OpenFeature.getClient(domain);
  // The web SDK's static context: Latchkey's is set for this domain before the flags are read.
  const setContext = (value: EvaluationContext) => OpenFeature.setContext(domain, value);
  return { provider, client, setContext, domain };
}

/** The passkey-first experiment as a string flag: devices whose id starts with 'a' get passkey-first. */
const passkeyFirstFlag = (seen: EvaluationContext[]) => ({
  'passkey-first': {
    variants: { 'email-first': 'email-first', 'passkey-first': 'passkey-first' },
    defaultVariant: 'email-first',
    disabled: false,
    contextEvaluator: (ctx: EvaluationContext) => {
      seen.push(ctx);
      return String(ctx.targetingKey).startsWith('a') ? 'passkey-first' : 'email-first';
    },
  },
});

const variations = { 'email-first': { lead: 'email' as const }, 'passkey-first': { lead: 'passkey' as const } };

describe('latchkey/openfeature', () => {
  it('assigns the variation the flag answers for this device, with that variation’s options', async () => {
    const seen: EvaluationContext[] = [];
    const { client, setContext } = await openFeature(passkeyFirstFlag(seen));
    const source = openFeatureExperiments(client, { experiments: [{ key: 'passkey-first', variations }], setContext });

    expect(await source.assign(context('a1b2c3'))).to.deep.equal([{ experiment: 'passkey-first', variation: 'passkey-first', options: { lead: 'passkey' } }]);
    expect(seen.at(-1)).to.include({ targetingKey: 'a1b2c3', latchVisitor: 'returning', latchDevice: 'desktop', locale: 'en' });

    expect(await source.assign(context('f9e8d7'))).to.deep.equal([{ experiment: 'passkey-first', variation: 'email-first', options: { lead: 'email' } }]);
    expect(seen.at(-1)).to.include({ targetingKey: 'f9e8d7' });
  });

  it('gives the same device the same variation every time (sticky across views and sign-ins)', async () => {
    const { client, setContext } = await openFeature(passkeyFirstFlag([]));
    const source = openFeatureExperiments(client, { experiments: [{ key: 'passkey-first', variations }], setContext });
    const first = await source.assign(context('a-device'));
    for (let view = 0; view < 3; view++) expect(await source.assign(context('a-device'))).to.deep.equal(first);
  });

  it('leaves the visitor out of an experiment whose flag is missing or answers an unknown variation', async () => {
    const { client, setContext } = await openFeature({
      'odd-flag': { variants: { weird: 'no-such-variation' }, defaultVariant: 'weird', disabled: false },
    });
    const source = openFeatureExperiments(client, {
      experiments: [
        { key: 'missing', variations },
        { key: 'odd', flag: 'odd-flag', variations },
      ],
      setContext,
    });
    expect(await source.assign(context('a1'))).to.deep.equal([]);
  });

  it('reads an object flag’s value as the options (unknown keys and non-string values dropped), its variant as the variation', async () => {
    const { client } = await openFeature({
      'nudge-copy': {
        variants: { faster: { nudgeCopy: 'faster', script: '<img src=x>', methods: 42 }, standard: { nudgeCopy: 'standard' } },
        defaultVariant: 'faster',
        disabled: false,
      },
    });
    const source = openFeatureExperiments(client, { experiments: [{ key: 'nudge-copy' }] });
    expect(await source.assign(context('b1'))).to.deep.equal([{ experiment: 'nudge-copy', variation: 'faster', options: { nudgeCopy: 'faster' } }]);
  });

  it('sends every event to the provider’s track(), with flat details and the milliseconds as value', async () => {
    const { client, provider, setContext } = await openFeature(passkeyFirstFlag([]));
    await setContext({ targetingKey: 'a-device' });
    const common = { v: 1, id: 'e1', at: 1_700_000_000_000, view: 'v1', visitor: '0123456789abcdef0123456789abcdef', experiments: [{ key: 'passkey-first', variation: 'passkey-first' }], config_version: 'cfg-3', locale: 'en' } as const;
    const events: AnalyticsEvent[] = [
      { ...common, type: 'exposure', experiment: 'passkey-first', variation: 'passkey-first' },
      { ...common, id: 'e2', type: 'signed_in', method: 'passkey', elapsed_ms: 4200, steps: 2, retries: 0 },
    ];
    await openFeatureSink(client).send(events, { beacon: false });

    expect(provider.tracked.map((call) => call.name)).to.deep.equal(['latch_exposure', 'latch_signed_in']);
    expect(provider.tracked[1]!.details).to.deep.equal({
      ...common,
      id: 'e2',
      type: 'signed_in',
      method: 'passkey',
      elapsed_ms: 4200,
      steps: 2,
      retries: 0,
      experiments: 'passkey-first:passkey-first',
      value: 4200,
    });
    expect(provider.tracked[0]!.details).to.not.have.property('value');
    expect(provider.tracked[0]!.context).to.include({ targetingKey: 'a-device' });
  });
});
