import type { Experiment, Targeting, WidgetConfig } from '../protocol/widget-config.js';
import { bucketOf } from './hash.js';
import type { Assignment, AssignmentContext } from './types.js';

// Which variation of each experiment a visitor sees (profile §28.3–28.5), GrowthBook's way: the bucket of the
// device id (hash v2, salted per experiment) falls in one variation's range, or in none (outside the coverage).

/** A half-open range [start, end) of buckets. */
export type BucketRange = [number, number];

/**
 * The ranges of `count` variations: each starts at its cumulative weight and spans `coverage × weight`, so a
 * higher coverage adds visitors without moving anyone already in. Weights that do not sum to 1 (± 0.01), or
 * that do not match the count, become equal weights; the coverage is clamped to [0, 1] (GrowthBook's rules).
 */
export function bucketRanges(count: number, coverage = 1, weights?: number[]): BucketRange[] {
  const clamped = Math.min(Math.max(coverage, 0), 1);
  const sum = weights?.reduce((total, weight) => total + weight, 0) ?? 0;
  const shares = weights?.length === count && sum >= 0.99 && sum <= 1.01 ? weights : Array<number>(count).fill(1 / count);
  let start = 0;
  return shares.map((share) => {
    const range: BucketRange = [start, start + clamped * share];
    start += share;
    return range;
  });
}

/** The index of the range `bucket` falls in, or -1 for none. */
export function chooseVariation(bucket: number, ranges: BucketRange[]): number {
  return ranges.findIndex(([start, end]) => bucket >= start && bucket < end);
}

/** Whether the context meets every condition the targeting gives. */
export function targeted(targeting: Targeting | undefined, context: AssignmentContext): boolean {
  const locale = context.locale.toLowerCase();
  const { locales, visitor, devices } = targeting ?? {};
  return (
    (!locales || locales.some((tag) => locale === tag.toLowerCase() || locale.startsWith(`${tag.toLowerCase()}-`))) &&
    (!visitor || visitor === context.visitor) &&
    (!devices || devices.includes(context.device))
  );
}

/** The assignment of one running experiment: forced where it allows it, else drawn; undefined for none. */
function assignOne(experiment: Experiment, context: AssignmentContext, heldOut: boolean): Assignment | undefined {
  const { key, variations } = experiment;
  const forcedKey = experiment.allow_force ? context.forced.get(key) : undefined;
  const forced = variations.find((variation) => variation.key === forcedKey);
  if (forced) return { experiment: key, variation: forced.key, options: forced.options, forced: true };
  if (heldOut || !targeted(experiment.targeting, context)) return undefined;
  const ranges = bucketRanges(variations.length, experiment.coverage, variations.map((variation) => variation.weight));
  const drawn = variations[chooseVariation(bucketOf(experiment.seed ?? key, context.deviceId), ranges)];
  return drawn && { experiment: key, variation: drawn.key, options: drawn.options };
}

/**
 * The experiments this view is in: every running one the visitor is targeted and covered by, unless the global
 * holdout keeps them out of all. A forced variation (QA) applies where the experiment allows it, holdout or not.
 */
export function assignVariations(config: WidgetConfig, context: AssignmentContext): Assignment[] {
  const { holdout } = config;
  const heldOut = !!holdout && bucketOf(holdout.seed, context.deviceId) < holdout.share;
  return (config.experiments ?? []).flatMap((experiment) => {
    const assignment = experiment.status === 'running' ? assignOne(experiment, context, heldOut) : undefined;
    return assignment ? [assignment] : [];
  });
}
