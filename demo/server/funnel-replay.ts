import { ANALYTICS_VERSION, type AnalyticsBatch, type AnalyticsEvent, type ExperimentRef, type WidgetConfig, type WidgetOptions } from '../../src/protocol/index.js';

// Scripted sign-ins for the funnel dashboard's "Replay" button (README "Funnel dashboard (demo)"): visitors who
// each see one variation of every experiment and go through the widget's funnel as the analytics vocabulary v1
// describes it (profile §29), as batches the collector checks and stores like any other. Seeded, so a test can
// replay the same visitors; behaviour depends on the options a variation sets (a passkey-first form gets more
// passkey sign-ins, the "faster" nudge a few more conversions), so the dashboard has differences to show.

/** What to replay. */
export interface ReplayOptions {
  config: WidgetConfig;
  clientId: string;
  /** Visitors per variation of each experiment. */
  perVariation: number;
  seed: number;
  /** Epoch milliseconds the scripted views end before. */
  now: number;
}

/** One event without what every event of a view shares. */
type Step = { type: AnalyticsEvent['type']; after: number } & Record<string, unknown>;

/** The batches of the scripted sign-ins, at most 100 events each (`AnalyticsBatch`). */
export function scriptedSignIns(options: ReplayOptions): AnalyticsBatch[] {
  const random = mulberry32(options.seed);
  const experiments = (options.config.experiments ?? []).filter((experiment) => experiment.status === 'running');
  const width = Math.max(1, ...experiments.map((experiment) => experiment.variations.length));
  const events: AnalyticsEvent[] = [];
  for (let index = 0; index < options.perVariation * width; index++) {
    // Mixed-radix over the experiments' variations: each variation of each experiment gets `perVariation` visitors.
    let rest = index;
    const refs: ExperimentRef[] = [];
    const chosen: WidgetOptions = {};
    for (const experiment of experiments) {
      const variation = experiment.variations[rest % experiment.variations.length]!;
      rest = Math.floor(rest / experiment.variations.length);
      refs.push({ key: experiment.key, variation: variation.key });
      Object.assign(chosen, variation.options);
    }
    events.push(...visit(random, refs, chosen, options));
  }
  const batches: AnalyticsBatch[] = [];
  for (let start = 0; start < events.length; start += 100) batches.push({ client_id: options.clientId, events: events.slice(start, start + 100) });
  return batches;
}

/** One visitor's view: exposures, then the funnel to a sign-in or an abandonment. */
function visit(random: () => number, refs: ExperimentRef[], options: WidgetOptions, replay: ReplayOptions): AnalyticsEvent[] {
  const steps = journey(random, options);
  const start = replay.now - Math.floor(random() * 6 * 3600_000) - 120_000;
  const common = {
    v: ANALYTICS_VERSION,
    view: hex(random, 16),
    visitor: hex(random, 16),
    experiments: refs,
    config_version: replay.config.version,
    locale: 'en',
  } as const;
  const exposures = refs.map((ref) => ({ ...common, id: hex(random, 16), at: start, type: 'exposure' as const, experiment: ref.key, variation: ref.variation }));
  const funnel = steps.map(({ after, ...fields }) => ({ ...common, id: hex(random, 16), at: start + after, ...fields }));
  return [...exposures, ...funnel] as AnalyticsEvent[];
}

/**
 * The scripted funnel of one view. The rates are the demo's invention, chosen so the variations differ: with a
 * passkey-first form more visitors try a passkey, which is also the fastest way in; the "faster" nudge wording
 * keeps a few more visitors from leaving at the start.
 */
function journey(random: () => number, options: WidgetOptions): Step[] {
  const passkeyFirst = options.lead === 'passkey';
  const steps: Step[] = [{ type: 'viewed', after: 0, mode: 'sign-in' }];
  let at = 0;
  let retries = 0;
  const next = (type: AnalyticsEvent['type'], seconds: number, fields: Record<string, unknown> = {}) => {
    at += Math.round((seconds * (0.6 + random() * 0.8)) * 1000);
    steps.push({ type, after: at, ...(type === 'viewed' ? {} : { elapsed_ms: at }), ...fields });
  };
  if (random() < (options.nudgeCopy === 'faster' ? 0.14 : 0.2)) {
    next('abandoned', 9, { step: 'identifier' });
    return steps;
  }
  if (random() < (passkeyFirst ? 0.55 : 0.22)) {
    next('passkey_prompted', passkeyFirst ? 3 : 5, { trigger: passkeyFirst ? 'button' : 'autofill' });
    if (random() < 0.85) {
      next('passkey_succeeded', 4);
      next('signed_in', 1, { method: 'passkey', steps: 1, retries });
      return steps;
    }
    next('passkey_cancelled', 2);
  }
  next('identifier_submitted', 8);
  if (random() < 0.06) {
    next('abandoned', 15, { step: 'select_method' });
    return steps;
  }
  const password = random() < 0.35;
  next('method_chosen', 3, { method: password ? 'password' : 'email_otp' });
  if (!password) next('code_sent', 1, { method: 'email_otp' });
  if (random() < (password ? 0.18 : 0.1)) {
    retries += 1;
    next('error_shown', password ? 12 : 25, { code: password ? 'LATCH_INVALID_CREDENTIALS' : 'LATCH_INVALID_CODE', step: password ? 'password' : 'email_otp' });
  }
  if (random() < 0.12) {
    next('abandoned', 20, { step: password ? 'password' : 'email_otp' });
    return steps;
  }
  if (!password) next('code_entered', 25);
  // Two screens: the email, then the password or the code (a wrong one is shown on the same screen).
  next('signed_in', password ? 10 : 2, { method: password ? 'password' : 'email_otp', steps: 2, retries });
  return steps;
}

/** A small seeded PRNG (Mulberry32): the same seed replays the same visitors. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `bytes` random bytes as hex: ids and visitor hashes the shape real ones have. */
function hex(random: () => number, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++) out += Math.floor(random() * 256).toString(16).padStart(2, '0');
  return out;
}
