import type { AnalyticsEvent, AnalyticsEventType, Experiment } from '../../src/protocol/index.js';
import { alwaysValidPValue, probabilityToBeatControl, quantile, type Proportion } from './statistics.js';

// The funnel dashboard's numbers (dashboard.ts), per experiment and variation, from the stored events alone
// (profile §29). Visitors are the events' `visitor` hashes, views their `view` ids; an event belongs to a
// variation when its `experiments` name it. The page states each definition beside the numbers.

/** The funnel's steps, each reached by a view with any of its events or any later step's. */
export const FUNNEL_STEPS: ReadonlyArray<{ key: string; label: string; events: readonly AnalyticsEventType[] }> = [
  { key: 'viewed', label: 'Saw the form', events: ['viewed'] },
  { key: 'started', label: 'Entered an email or chose a passkey', events: ['identifier_submitted', 'passkey_prompted'] },
  {
    key: 'method',
    label: 'Used a sign-in method',
    events: ['method_chosen', 'code_sent', 'code_entered', 'passkey_prompted', 'passkey_succeeded', 'passkey_cancelled', 'second_factor'],
  },
  { key: 'signed_in', label: 'Signed in', events: ['signed_in'] },
];

/** One step of one variation's funnel. */
export interface FunnelStepStats {
  key: string;
  label: string;
  /** Views that reached this step. */
  views: number;
  /** The share of the previous step's views that did not reach this one (0 for the first step). */
  dropOff: number;
}

/** How a variation compares with the experiment's control (its first variation). */
export interface VersusControl {
  /** The variation's conversion minus the control's, in rate points (0.05 = five percentage points). */
  difference: number;
  /** Bayesian probability that its conversion rate beats the control's (statistics.ts). */
  probabilityToBeat: number;
  /** Always-valid p-value of "the rates differ" (mSPRT, statistics.ts). */
  pValue: number;
  /** `pValue` below {@link SIGNIFICANCE_LEVEL}. */
  significant: boolean;
}

export interface VariationStats {
  key: string;
  control: boolean;
  /** Distinct visitors shown this variation (its `exposure` events). */
  exposed: number;
  /** Of those, the visitors with a `signed_in` event in a view of this variation. */
  converted: number;
  /** `converted / exposed`, 0 with nobody exposed. */
  conversion: number;
  /** `signed_in` events of this variation. */
  signIns: number;
  /** Of those, the ones with the method `passkey`. */
  passkeySignIns: number;
  /** `passkeySignIns / signIns`, undefined with no sign-in. */
  passkeyAdoption: number | undefined;
  /** Median and 90th percentile of `signed_in.elapsed_ms`. */
  medianMs: number | undefined;
  p90Ms: number | undefined;
  funnel: FunnelStepStats[];
  /** `error_shown` events by code, most frequent first. */
  errors: Array<{ code: string; count: number }>;
  /** `abandoned` events. */
  abandoned: number;
  versusControl: VersusControl | undefined;
}

export interface ExperimentStats {
  key: string;
  variations: VariationStats[];
}

/** The always-valid p-value under which a difference is called significant. */
export const SIGNIFICANCE_LEVEL = 0.05;

/**
 * The dashboard's numbers for each experiment of the config, its variations in the config's order (the first is
 * the control), from `events` in any order.
 */
export function funnelStats(experiments: readonly Pick<Experiment, 'key' | 'variations'>[], events: readonly AnalyticsEvent[]): ExperimentStats[] {
  return experiments.map((experiment) => {
    const variations = experiment.variations.map((variation, index) => variationStats(experiment.key, variation.key, index === 0, events));
    const control = variations[0];
    for (const variation of variations.slice(1)) variation.versusControl = control && compare(control, variation);
    return { key: experiment.key, variations };
  });
}

function variationStats(experiment: string, variation: string, control: boolean, all: readonly AnalyticsEvent[]): VariationStats {
  const events = all.filter((event) => event.experiments.some((ref) => ref.key === experiment && ref.variation === variation));
  const exposedVisitors = new Set(
    events.filter((event) => event.type === 'exposure' && event.experiment === experiment && event.variation === variation).map((event) => event.visitor),
  );
  const signIns = events.filter((event) => event.type === 'signed_in');
  const converted = new Set(signIns.map((event) => event.visitor).filter((visitor) => exposedVisitors.has(visitor))).size;
  const passkeySignIns = signIns.filter((event) => event.method === 'passkey').length;
  const times = signIns.map((event) => event.elapsed_ms);
  return {
    key: variation,
    control,
    exposed: exposedVisitors.size,
    converted,
    conversion: exposedVisitors.size === 0 ? 0 : converted / exposedVisitors.size,
    signIns: signIns.length,
    passkeySignIns,
    passkeyAdoption: signIns.length === 0 ? undefined : passkeySignIns / signIns.length,
    medianMs: quantile(times, 0.5),
    p90Ms: quantile(times, 0.9),
    funnel: funnelOf(events),
    errors: errorsByCode(events),
    abandoned: events.filter((event) => event.type === 'abandoned').length,
    versusControl: undefined,
  };
}

/** Views reaching each step: a view's furthest step counts for every step before it. */
function funnelOf(events: readonly AnalyticsEvent[]): FunnelStepStats[] {
  const furthest = new Map<string, number>();
  for (const event of events) {
    const step = FUNNEL_STEPS.findLastIndex((candidate) => candidate.events.includes(event.type));
    if (step >= 0) furthest.set(event.view, Math.max(step, furthest.get(event.view) ?? -1));
  }
  const reached = FUNNEL_STEPS.map((_, index) => [...furthest.values()].filter((step) => step >= index).length);
  return FUNNEL_STEPS.map((step, index) => ({
    key: step.key,
    label: step.label,
    views: reached[index]!,
    dropOff: index === 0 || reached[index - 1] === 0 ? 0 : 1 - reached[index]! / reached[index - 1]!,
  }));
}

function errorsByCode(events: readonly AnalyticsEvent[]): Array<{ code: string; count: number }> {
  const counts = new Map<string, number>();
  for (const event of events) if (event.type === 'error_shown') counts.set(event.code, (counts.get(event.code) ?? 0) + 1);
  return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

function compare(control: VariationStats, variant: VariationStats): VersusControl {
  const a: Proportion = { successes: control.converted, trials: control.exposed };
  const b: Proportion = { successes: variant.converted, trials: variant.exposed };
  const pValue = alwaysValidPValue(a, b);
  return {
    difference: variant.conversion - control.conversion,
    probabilityToBeat: probabilityToBeatControl(a, b),
    pValue,
    significant: pValue < SIGNIFICANCE_LEVEL,
  };
}
