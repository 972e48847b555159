import { expect } from '@open-wc/testing';
import { assignVariations, bucketRanges, chooseVariation, targeted, type BucketRange } from '../../src/experiments/assign.js';
import { bucketOf } from '../../src/experiments/hash.js';
import type { AssignmentContext } from '../../src/experiments/types.js';
import type { Experiment, WidgetConfig } from '../../src/protocol/widget-config.js';

// Bucketing is GrowthBook's hash v2 (profile §28.2). The vectors are GrowthBook's published ones, copied from
// growthbook/growthbook packages/sdk-js/test/cases.json at commit 8f1db4456915a8e7b7faf23d5632ca7219d2f469
// (specVersion 0.8.0): every `hash` case of version 2, every `getBucketRange` and every `chooseVariation` case.

/** `hash`: [seed, value, version, expected] (version 2 only: the one scheme Latchkey defines). */
const HASH_V2: Array<[string, string, 2, number]> = [
  ['seed', 'a', 2, 0.0505],
  ['seed', 'b', 2, 0.2696],
  ['foo', 'ab', 2, 0.2575],
  ['foo', 'def', 2, 0.2019],
  ['89123klj', '8952klfjas09ujkasdf', 2, 0.124],
  ['90850943850283058242805', '123', 2, 0.7516],
  ['()**(%$##$%#$#', '___)((*":&', 2, 0.0128],
];

/** `getBucketRange`: [name, [variations, coverage, weights], expected ranges]. */
const BUCKET_RANGES: Array<[string, [number, number, number[] | null], BucketRange[]]> = [
  ['normal 50/50', [2, 1, null], [[0, 0.5], [0.5, 1]]],
  ['reduced coverage', [2, 0.5, null], [[0, 0.25], [0.5, 0.75]]],
  ['zero coverage', [2, 0, null], [[0, 0], [0.5, 0.5]]],
  ['4 variations', [4, 1, null], [[0, 0.25], [0.25, 0.5], [0.5, 0.75], [0.75, 1]]],
  ['uneven weights', [2, 1, [0.4, 0.6]], [[0, 0.4], [0.4, 1]]],
  ['uneven weights, 3 variations', [3, 1, [0.2, 0.3, 0.5]], [[0, 0.2], [0.2, 0.5], [0.5, 1]]],
  ['uneven weights, reduced coverage, 3 variations', [3, 0.2, [0.2, 0.3, 0.5]], [[0, 0.04], [0.2, 0.26], [0.5, 0.6]]],
  ['negative coverage', [2, -0.2, null], [[0, 0], [0.5, 0.5]]],
  ['coverage above 1', [2, 1.5, null], [[0, 0.5], [0.5, 1]]],
  ['weights sum below 1', [2, 1, [0.4, 0.1]], [[0, 0.5], [0.5, 1]]],
  ['weights sum above 1', [2, 1, [0.7, 0.6]], [[0, 0.5], [0.5, 1]]],
  ['weights.length not equal to num variations', [4, 1, [0.4, 0.4, 0.2]], [[0, 0.25], [0.25, 0.5], [0.5, 0.75], [0.75, 1]]],
  ['weights sum almost equals 1', [2, 1, [0.4, 0.5999]], [[0, 0.4], [0.4, 0.9999]]],
];

/** `chooseVariation`: [name, bucket, ranges, expected index]. */
const CHOOSE: Array<[string, number, BucketRange[], number]> = [
  ['even range, 0.2', 0.2, [[0, 0.5], [0.5, 1]], 0],
  ['even range, 0.4', 0.4, [[0, 0.5], [0.5, 1]], 0],
  ['even range, 0.6', 0.6, [[0, 0.5], [0.5, 1]], 1],
  ['even range, 0.8', 0.8, [[0, 0.5], [0.5, 1]], 1],
  ['even range, 0', 0, [[0, 0.5], [0.5, 1]], 0],
  ['even range, 0.5', 0.5, [[0, 0.5], [0.5, 1]], 1],
  ['reduced range, 0.2', 0.2, [[0, 0.25], [0.5, 0.75]], 0],
  ['reduced range, 0.4', 0.4, [[0, 0.25], [0.5, 0.75]], -1],
  ['reduced range, 0.6', 0.6, [[0, 0.25], [0.5, 0.75]], 1],
  ['reduced range, 0.8', 0.8, [[0, 0.25], [0.5, 0.75]], -1],
  ['reduced range, 0.25', 0.25, [[0, 0.25], [0.5, 0.75]], -1],
  ['reduced range, 0.5', 0.5, [[0, 0.25], [0.5, 0.75]], 1],
  ['zero range', 0.5, [[0, 0.5], [0.5, 0.5], [0.5, 1]], 2],
];

const ids = (count: number) => Array.from({ length: count }, (_, i) => `device-${i}`);

function context(deviceId: string, more: Partial<AssignmentContext> = {}): AssignmentContext {
  return { deviceId, visitor: 'returning', device: 'desktop', locale: 'en', forced: new Map(), ...more };
}

function experiment(more: Partial<Experiment> = {}): Experiment {
  return {
    key: 'passkey-first',
    status: 'running',
    variations: [
      { key: 'email-first', weight: 0.5, options: { lead: 'email' } },
      { key: 'passkey-first', weight: 0.5, options: { lead: 'passkey' } },
    ],
    ...more,
  };
}

const variationOf = (config: WidgetConfig, ctx: AssignmentContext) => assignVariations(config, ctx)[0]?.variation;

/** Pearson's chi-square statistic of observed counts against expected shares. */
function chiSquare(observed: number[], shares: number[]): number {
  const total = observed.reduce((sum, count) => sum + count, 0);
  return observed.reduce((sum, count, i) => sum + (count - total * shares[i]!) ** 2 / (total * shares[i]!), 0);
}

function counts(config: WidgetConfig, keys: string[], devices: string[]): number[] {
  const tally = new Map(keys.map((key) => [key, 0]));
  for (const id of devices) {
    const key = variationOf(config, context(id));
    if (key) tally.set(key, tally.get(key)! + 1);
  }
  return keys.map((key) => tally.get(key)!);
}

describe('experiment bucketing (GrowthBook hash v2)', () => {
  it("matches GrowthBook's published hash vectors", () => {
    for (const [seed, value, , expected] of HASH_V2) expect(bucketOf(seed, value), `${seed} ${value}`).to.equal(expected);
  });

  it("matches GrowthBook's published bucket ranges", () => {
    for (const [name, [count, coverage, weights], expected] of BUCKET_RANGES) {
      const ranges = bucketRanges(count, coverage, weights ?? undefined);
      expect(ranges.map(([start, end]) => [+start.toFixed(8), +end.toFixed(8)]), name).to.deep.equal(expected);
    }
  });

  it("matches GrowthBook's published variation choices", () => {
    for (const [name, bucket, ranges, expected] of CHOOSE) expect(chooseVariation(bucket, ranges), name).to.equal(expected);
  });

  it('gives the same device the same variation every time, and reshuffles with a new seed', () => {
    const config: WidgetConfig = { version: 'v1', experiments: [experiment()] };
    const first = ids(200).map((id) => variationOf(config, context(id)));
    expect(ids(200).map((id) => variationOf(config, context(id)))).to.deep.equal(first);
    const reseeded: WidgetConfig = { version: 'v2', experiments: [experiment({ seed: 'passkey-first-2' })] };
    const moved = ids(200).filter((id, i) => variationOf(reseeded, context(id)) !== first[i]).length;
    expect(moved).to.be.within(60, 140);
  });

  it('splits 10,000 devices by the weights, within a chi-square bound (p = 0.001)', () => {
    const devices = ids(10_000);
    const even = counts({ version: 'v1', experiments: [experiment()] }, ['email-first', 'passkey-first'], devices);
    expect(chiSquare(even, [0.5, 0.5]), `50/50: ${even}`).to.be.below(10.83);
    const uneven: Experiment = experiment({
      key: 'nudge-copy',
      variations: [
        { key: 'standard', weight: 0.2, options: {} },
        { key: 'faster', weight: 0.3, options: { nudgeCopy: 'faster' } },
        { key: 'safer', weight: 0.5, options: { nudgeCopy: 'safer' } },
      ],
    });
    const three = counts({ version: 'v1', experiments: [uneven] }, ['standard', 'faster', 'safer'], devices);
    expect(chiSquare(three, [0.2, 0.3, 0.5]), `20/30/50: ${three}`).to.be.below(13.82);
    const random = counts({ version: 'v1', experiments: [experiment()] }, ['email-first', 'passkey-first'], devices.map(() => crypto.randomUUID()));
    expect(chiSquare(random, [0.5, 0.5]), `random ids: ${random}`).to.be.below(15.14); // p = 0.0001: a random sample
  });

  it('puts only the covered share of visitors in the experiment, and a higher coverage keeps everyone in', () => {
    const devices = ids(10_000);
    const half: WidgetConfig = { version: 'v1', experiments: [experiment({ coverage: 0.5 })] };
    const inHalf = devices.filter((id) => variationOf(half, context(id)));
    expect(inHalf.length).to.be.within(4800, 5200);
    const more: WidgetConfig = { version: 'v2', experiments: [experiment({ coverage: 0.8 })] };
    expect(inHalf.every((id) => variationOf(more, context(id)) === variationOf(half, context(id)))).to.equal(true);
    expect(devices.filter((id) => variationOf({ version: 'v0', experiments: [experiment({ coverage: 0 })] }, context(id)))).to.have.length(0);
  });

  it('keeps the holdout share out of every experiment', () => {
    const config: WidgetConfig = {
      version: 'v1',
      holdout: { seed: 'global-holdout', share: 0.1 },
      experiments: [experiment(), experiment({ key: 'nudge-copy' })],
    };
    const devices = ids(10_000);
    const heldOut = devices.filter((id) => assignVariations(config, context(id)).length === 0);
    expect(heldOut.length).to.be.within(900, 1100);
    expect(heldOut.every((id) => bucketOf('global-holdout', id) < 0.1)).to.equal(true);
    expect(devices.filter((id) => assignVariations(config, context(id)).length === 1)).to.have.length(0);
  });

  it('assigns only running experiments', () => {
    const config: WidgetConfig = { version: 'v1', experiments: [experiment({ status: 'stopped' }), experiment({ key: 'nudge-copy' })] };
    expect(assignVariations(config, context('device-1')).map((a) => a.experiment)).to.deep.equal(['nudge-copy']);
  });

  it('targets by locale (a language covers its regions), by new or returning visitor, and by device class', () => {
    const only = (targeting: Experiment['targeting']) => ({ version: 'v1', experiments: [experiment({ targeting })] });
    expect(targeted({ locales: ['de'] }, context('d', { locale: 'de-AT' }))).to.equal(true);
    expect(targeted({ locales: ['de-CH'] }, context('d', { locale: 'de-AT' }))).to.equal(false);
    expect(targeted({ locales: ['pt-BR'] }, context('d', { locale: 'pt-br' }))).to.equal(true);
    expect(targeted({ locales: ['de'] }, context('d', { locale: 'den' }))).to.equal(false);
    expect(assignVariations(only({ visitor: 'new' }), context('d', { visitor: 'returning' }))).to.deep.equal([]);
    expect(assignVariations(only({ visitor: 'new' }), context('d', { visitor: 'new' }))).to.have.length(1);
    expect(assignVariations(only({ devices: ['mobile', 'tablet'] }), context('d', { device: 'desktop' }))).to.deep.equal([]);
    expect(assignVariations(only({ devices: ['mobile'], locales: ['fr'] }), context('d', { device: 'mobile', locale: 'fr-CA' }))).to.have.length(1);
  });

  it('forces a variation only where the experiment allows it, past targeting, coverage and holdout, and marks it forced', () => {
    const forced = new Map([['passkey-first', 'passkey-first']]);
    const locked: WidgetConfig = { version: 'v1', experiments: [experiment({ coverage: 0 })] };
    expect(assignVariations(locked, context('d', { forced }))).to.deep.equal([]);
    const open: WidgetConfig = {
      version: 'v1',
      holdout: { seed: 'h', share: 1 },
      experiments: [experiment({ coverage: 0, allow_force: true, targeting: { locales: ['ja'] } })],
    };
    expect(assignVariations(open, context('d', { forced }))).to.deep.equal([
      { experiment: 'passkey-first', variation: 'passkey-first', options: { lead: 'passkey' }, forced: true },
    ]);
    // A variation the experiment does not have forces nothing; the visitor is drawn as usual.
    const unknown = new Map([['passkey-first', 'nope']]);
    const drawn = assignVariations({ version: 'v1', experiments: [experiment({ allow_force: true })] }, context('device-7', { forced: unknown }));
    expect(drawn).to.have.length(1);
    expect(drawn[0]!.forced).to.equal(undefined);
  });
});
