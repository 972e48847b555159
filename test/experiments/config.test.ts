import { expect } from '@open-wc/testing';
import { deviceIdOf, DEVICE_ID_KEY, lazyDeviceId } from '../../src/client/device-id.js';
import { memoryStore } from '../../src/client/storage.js';
import { parseWidgetConfig } from '../../src/experiments/config.js';
import { deviceClass, forcedVariations } from '../../src/experiments/context.js';
import { WidgetConfig } from '../../src/protocol/widget-config.js';

// The browser's hand-written check of a widget config (src/experiments/config.ts) against the profile's zod
// schema, the assignment context, and the device id that consent and experiments share.

const VALID = {
  version: '2026-12-01.3',
  options: { methods: 'passkey email_otp', trustSignals: 'site brand' },
  holdout: { seed: 'holdout-1', share: 0.05 },
  max_age: 600,
  experiments: [
    {
      key: 'passkey-first',
      status: 'running',
      seed: 'pf-1',
      hash_version: 2,
      coverage: 0.9,
      allow_force: true,
      targeting: { locales: ['en', 'de-AT'], visitor: 'new', devices: ['mobile', 'desktop'] },
      variations: [
        { key: 'email-first', weight: 0.5, options: { lead: 'email' } },
        { key: 'passkey-first', weight: 0.5, options: { lead: 'passkey', layout: 'combined', socialPosition: 'top' } },
      ],
    },
    {
      key: 'nudge-copy',
      status: 'stopped',
      variations: [
        { key: 'standard', weight: 0.5, options: { nudgeCopy: 'standard', signUpCta: 'free' } },
        { key: 'faster', weight: 0.5, options: { nudgeCopy: 'faster' } },
      ],
    },
  ],
};

/** A copy of VALID with one change made by `edit`. */
function broken(edit: (config: any) => void): unknown {
  const copy = structuredClone(VALID);
  edit(copy);
  return copy;
}

const MALFORMED: Array<[string, unknown]> = [
  ['not JSON', '{"version": '],
  ['an array', '[]'],
  ['null', 'null'],
  ['no version', broken((c) => delete c.version)],
  ['an empty version', broken((c) => (c.version = ''))],
  ['a version too long', broken((c) => (c.version = 'v'.repeat(65)))],
  ['an unknown lead', broken((c) => (c.experiments[0].variations[1].options.lead = 'password'))],
  ['a numeric option', broken((c) => (c.options.methods = 3))],
  ['one variation', broken((c) => c.experiments[0].variations.pop())],
  ['nine variations', broken((c) => (c.experiments[0].variations = Array.from({ length: 9 }, (_, i) => ({ key: `v${i}`, weight: 0.1, options: {} }))))],
  ['a weight above 1', broken((c) => (c.experiments[0].variations[0].weight = 1.5))],
  ['a weight as text', broken((c) => (c.experiments[0].variations[0].weight = '0.5'))],
  ['a variation without options', broken((c) => delete c.experiments[0].variations[0].options)],
  ['an unknown status', broken((c) => (c.experiments[0].status = 'paused'))],
  ['hash version 1', broken((c) => (c.experiments[0].hash_version = 1))],
  ['a coverage below 0', broken((c) => (c.experiments[0].coverage = -0.1))],
  ['an unknown device', broken((c) => (c.experiments[0].targeting.devices = ['watch']))],
  ['an unknown visitor', broken((c) => (c.experiments[0].targeting.visitor = 'signed-in'))],
  ['allow_force as text', broken((c) => (c.experiments[0].allow_force = 'yes'))],
  ['a holdout without seed', broken((c) => delete c.holdout.seed)],
  ['max_age not whole', broken((c) => (c.max_age = 1.5))],
  ['max_age above a day', broken((c) => (c.max_age = 86_401))],
  ['seventeen experiments', broken((c) => (c.experiments = Array.from({ length: 17 }, () => c.experiments[0])))],
  ['an experiment without key', broken((c) => delete c.experiments[1].key)],
  ['a null field', broken((c) => (c.holdout = null))],
];

describe('widget config check', () => {
  it('takes a valid config, as JSON text or as an object', () => {
    expect(parseWidgetConfig(JSON.stringify(VALID))).to.deep.equal(VALID);
    expect(parseWidgetConfig(VALID)).to.deep.equal(VALID);
    expect(parseWidgetConfig({ version: 'v1' })).to.deep.equal({ version: 'v1' });
  });

  it('refuses every malformed config as a whole, and agrees with the profile schema on each', () => {
    for (const [name, value] of MALFORMED) {
      expect(parseWidgetConfig(value), name).to.equal(undefined);
      const parsed = typeof value === 'string' ? (() => { try { return JSON.parse(value); } catch { return Symbol('not JSON'); } })() : value;
      expect(WidgetConfig.safeParse(parsed).success, `zod on ${name}`).to.equal(false);
    }
    expect(WidgetConfig.safeParse(VALID).success).to.equal(true);
  });
});

describe('assignment context', () => {
  it('reads forced variations from the property and the URL, the URL winning', () => {
    const forced = forcedVariations('passkey-first:email-first nudge-copy:faster', 'https://shop.example/?latch-variant=passkey-first:passkey-first&latch-variant=bad');
    expect([...forced]).to.deep.equal([
      ['passkey-first', 'passkey-first'],
      ['nudge-copy', 'faster'],
    ]);
    expect(forcedVariations('', 'https://shop.example/').size).to.equal(0);
  });

  it('calls this headless Chromium a desktop', () => {
    expect(deviceClass()).to.equal('desktop');
  });
});

describe('device id', () => {
  it('is made once per store, marks the view that made it as new, and the next view as returning', async () => {
    const store = memoryStore();
    const [first, again] = await Promise.all([deviceIdOf(store), deviceIdOf(store)]);
    expect(first.visitor).to.equal('new');
    expect(again).to.equal(first);
    expect(await store.get(DEVICE_ID_KEY)).to.equal(first.id);
    expect(await lazyDeviceId(store)()).to.equal(first.id);
    // A later page view: the same store's content, read afresh.
    const later = memoryStore();
    await later.set(DEVICE_ID_KEY, first.id);
    expect(await deviceIdOf(later)).to.deep.equal({ id: first.id, visitor: 'returning' });
  });

  it('replaces a stored value that is not an id', async () => {
    const store = memoryStore();
    await store.set(DEVICE_ID_KEY, 'ana@example.com');
    const made = await deviceIdOf(store);
    expect(made.visitor).to.equal('new');
    expect(made.id).to.match(/^[0-9a-f-]{36}$/);
  });
});
