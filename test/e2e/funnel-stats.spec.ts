import { expect, test } from '@playwright/test';
import { funnelStats } from '../../demo/server/funnel-stats.js';
import { scriptedSignIns } from '../../demo/server/funnel-replay.js';
import { alwaysValidPValue, logGamma, probabilityToBeatControl, quantile } from '../../demo/server/statistics.js';
import { AnalyticsBatch, type AnalyticsEvent, type WidgetConfig } from '../../src/protocol/index.js';

// The funnel dashboard's statistics against values known from elsewhere (no browser): NumPy's percentiles, Γ,
// an integral computed numerically, a hand-worked mSPRT; then the dashboard's aggregation on a handful of events.

test.describe('dashboard statistics', () => {
  test('quantiles interpolate between ranks as NumPy and R (type 7) do', () => {
    const oneToTen = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(quantile(oneToTen, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantile(oneToTen, 0.9)).toBeCloseTo(9.1, 12); // numpy.percentile(range(1, 11), 90)
    expect(quantile([4200], 0.9)).toBe(4200);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([], 0.5)).toBeUndefined();
  });

  test('log-gamma matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    // Python math.lgamma: ln 170! and ln 1000!.
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 8);
    expect(logGamma(1001)).toBeCloseTo(5912.128178488163, 6);
  });

  test('the probability to beat control matches exact and numerically integrated values', () => {
    // Beta(2, 1) against Beta(1, 1): P(B > A) = E[B] = 2/3.
    expect(probabilityToBeatControl({ successes: 0, trials: 0 }, { successes: 1, trials: 1 })).toBeCloseTo(2 / 3, 12);
    expect(probabilityToBeatControl({ successes: 40, trials: 100 }, { successes: 40, trials: 100 })).toBeCloseTo(0.5, 10);
    // 20/100 against 30/100: ∫ f_B(x) F_A(x) dx by the midpoint rule on 200,000 steps gives 0.947603103.
    expect(probabilityToBeatControl({ successes: 20, trials: 100 }, { successes: 30, trials: 100 })).toBeCloseTo(0.947603103, 7);
    expect(probabilityToBeatControl({ successes: 30, trials: 100 }, { successes: 20, trials: 100 })).toBeCloseTo(1 - 0.947603103, 7);
  });

  test('the always-valid p-value is the mSPRT mixture ratio worked by hand, and 1 with no difference', () => {
    // 200/1000 against 250/1000, τ² = 0.0025: V = 0.0003475, Λ = √(V/(V+τ²))·exp(τ²θ²/(2V(V+τ²))) = 8.2187.
    expect(alwaysValidPValue({ successes: 200, trials: 1000 }, { successes: 250, trials: 1000 })).toBeCloseTo(0.121672201, 8);
    expect(alwaysValidPValue({ successes: 200, trials: 1000 }, { successes: 200, trials: 1000 })).toBe(1);
    expect(alwaysValidPValue({ successes: 0, trials: 0 }, { successes: 5, trials: 10 })).toBe(1);
    // A large, well-sampled difference is significant; the same difference on few visitors is not yet.
    expect(alwaysValidPValue({ successes: 1000, trials: 5000 }, { successes: 1250, trials: 5000 })).toBeLessThan(0.001);
    expect(alwaysValidPValue({ successes: 20, trials: 100 }, { successes: 25, trials: 100 })).toBe(1);
  });
});

test.describe('funnelStats', () => {
  const experiments = [{ key: 'lead', variations: [{ key: 'email', weight: 0.5, options: {} }, { key: 'passkey', weight: 0.5, options: {} }] }];
  let serial = 0;
  const event = (view: string, visitor: string, variation: string, fields: Record<string, unknown>): AnalyticsEvent =>
    ({ v: 1, id: `e${serial++}`, at: 1_000, view, visitor, experiments: [{ key: 'lead', variation }], ...fields }) as AnalyticsEvent;
  const exposure = (view: string, visitor: string, variation: string) => event(view, visitor, variation, { type: 'exposure', experiment: 'lead', variation });

  test('counts visitors, conversion, times, the funnel, passkey adoption and errors per variation', () => {
    const events = [
      // Control: three visitors; one signs in with a code after a wrong one, one leaves after typing the email, one never starts.
      exposure('v1', 'a', 'email'),
      event('v1', 'a', 'email', { type: 'viewed', mode: 'sign-in' }),
      event('v1', 'a', 'email', { type: 'identifier_submitted', elapsed_ms: 4_000 }),
      event('v1', 'a', 'email', { type: 'method_chosen', method: 'email_otp', elapsed_ms: 5_000 }),
      event('v1', 'a', 'email', { type: 'error_shown', code: 'LATCH_INVALID_CODE', step: 'email_otp', elapsed_ms: 20_000 }),
      event('v1', 'a', 'email', { type: 'signed_in', method: 'email_otp', elapsed_ms: 30_000, steps: 2, retries: 1 }),
      exposure('v2', 'b', 'email'),
      event('v2', 'b', 'email', { type: 'viewed', mode: 'sign-in' }),
      event('v2', 'b', 'email', { type: 'identifier_submitted', elapsed_ms: 6_000 }),
      event('v2', 'b', 'email', { type: 'abandoned', step: 'email_otp', elapsed_ms: 9_000 }),
      exposure('v3', 'c', 'email'),
      event('v3', 'c', 'email', { type: 'viewed', mode: 'sign-in' }),
      // Variant: two visitors, both sign in with a passkey; one of them twice (two views), counted once as a visitor.
      exposure('v4', 'd', 'passkey'),
      event('v4', 'd', 'passkey', { type: 'viewed', mode: 'sign-in' }),
      event('v4', 'd', 'passkey', { type: 'passkey_prompted', trigger: 'button', elapsed_ms: 2_000 }),
      event('v4', 'd', 'passkey', { type: 'signed_in', method: 'passkey', elapsed_ms: 6_000, steps: 1, retries: 0 }),
      exposure('v5', 'd', 'passkey'),
      event('v5', 'd', 'passkey', { type: 'viewed', mode: 'sign-in' }),
      event('v5', 'd', 'passkey', { type: 'signed_in', method: 'passkey', elapsed_ms: 4_000, steps: 1, retries: 0 }),
      exposure('v6', 'e', 'passkey'),
      event('v6', 'e', 'passkey', { type: 'viewed', mode: 'sign-in' }),
      event('v6', 'e', 'passkey', { type: 'identifier_submitted', elapsed_ms: 3_000 }),
      event('v6', 'e', 'passkey', { type: 'method_chosen', method: 'password', elapsed_ms: 4_000 }),
      event('v6', 'e', 'passkey', { type: 'signed_in', method: 'password', elapsed_ms: 14_000, steps: 2, retries: 0 }),
      // Another experiment's event, and a visitor who signed in without an exposure: neither counts here.
      { ...event('v7', 'f', 'passkey', { type: 'viewed', mode: 'sign-in' }), experiments: [{ key: 'other', variation: 'x' }] },
      event('v8', 'g', 'passkey', { type: 'signed_in', method: 'passkey', elapsed_ms: 1_000, steps: 1, retries: 0 }),
    ];
    const [lead] = funnelStats(experiments, events);
    const [control, variant] = lead!.variations;
    expect(control).toMatchObject({ key: 'email', control: true, exposed: 3, converted: 1, signIns: 1, passkeySignIns: 0, medianMs: 30_000, abandoned: 1 });
    expect(control!.conversion).toBeCloseTo(1 / 3, 12);
    expect(control!.errors).toEqual([{ code: 'LATCH_INVALID_CODE', count: 1 }]);
    expect(control!.funnel.map((step) => [step.key, step.views])).toEqual([
      ['viewed', 3],
      ['started', 2],
      ['method', 1],
      ['signed_in', 1],
    ]);
    expect(control!.funnel[2]!.dropOff).toBeCloseTo(0.5, 12);
    expect(control!.versusControl).toBeUndefined();
    // The unexposed sign-in (visitor g) is a sign-in of the variation's views but no conversion of an exposed visitor.
    expect(variant).toMatchObject({ key: 'passkey', exposed: 2, converted: 2, conversion: 1, signIns: 4, passkeySignIns: 3, passkeyAdoption: 0.75, abandoned: 0 });
    expect(variant!.medianMs).toBe(5_000); // 1, 4, 6, 14 s
    expect(variant!.p90Ms).toBeCloseTo(11_600, 6); // 6 + 0.7 × 8 s
    // Every variant view ended signed in, so it counts at every step, even one that sent only `signed_in`.
    expect(variant!.funnel.map((step) => step.views)).toEqual([4, 4, 4, 4]);
    // Beta(3, 1) against Beta(2, 3): 31/35 exactly.
    expect(variant!.versusControl?.probabilityToBeat).toBeCloseTo(31 / 35, 10);
    expect(variant!.versusControl?.difference).toBeCloseTo(2 / 3, 12);
  });

  test('a replay gives each variation of each experiment its visitors, as batches the collector accepts', () => {
    const config: WidgetConfig = {
      version: 'v-test',
      experiments: [
        { key: 'a', status: 'running', variations: [{ key: 'a0', weight: 0.5, options: { lead: 'email' } }, { key: 'a1', weight: 0.5, options: { lead: 'passkey' } }] },
        { key: 'b', status: 'running', variations: [{ key: 'b0', weight: 0.5, options: {} }, { key: 'b1', weight: 0.5, options: {} }] },
      ],
    };
    const batches = scriptedSignIns({ config, clientId: 'latchkey-demo', perVariation: 50, seed: 7, now: Date.UTC(2026, 11, 4) });
    for (const batch of batches) expect(AnalyticsBatch.safeParse(batch).success).toBe(true);
    const events = batches.flatMap((batch) => batch.events);
    const stats = funnelStats(config.experiments!, events);
    expect(stats.map((experiment) => experiment.variations.map((variation) => variation.exposed))).toEqual([
      [50, 50],
      [50, 50],
    ]);
    // The same seed replays the same visitors.
    expect(scriptedSignIns({ config, clientId: 'latchkey-demo', perVariation: 50, seed: 7, now: Date.UTC(2026, 11, 4) })).toEqual(batches);
    // A passkey-first form gets more passkey sign-ins than an email-first one.
    const [emailFirst, passkeyFirst] = stats[0]!.variations;
    expect(passkeyFirst!.passkeyAdoption!).toBeGreaterThan(emailFirst!.passkeyAdoption!);
  });
});
