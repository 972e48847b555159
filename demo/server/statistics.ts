// The statistics the funnel dashboard shows (README "Funnel dashboard (demo)", where each method's assumptions are
// stated for readers): percentiles, a Bayesian probability to beat control, and an always-valid p-value from a
// mixture sequential probability ratio test, which stays valid however often the dashboard is looked at.

/**
 * The `p` quantile (0–1) of `values` by linear interpolation between closest ranks (Hyndman & Fan type 7, the
 * default of R, NumPy and spreadsheets), or `undefined` for no values.
 */
export function quantile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

/** Successes out of trials: one arm of a test. */
export interface Proportion {
  successes: number;
  trials: number;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine coefficients: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < c.length; i++) sum += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * P(rate of `variant` > rate of `control`) with independent uniform priors, Beta(1, 1), on each rate, so each
 * posterior is Beta(1 + successes, 1 + failures). Exact, by Evan Miller's closed form ("Formulas for Bayesian
 * A/B testing", 2015): a sum over the variant's successes.
 */
export function probabilityToBeatControl(control: Proportion, variant: Proportion): number {
  const alphaA = 1 + control.successes;
  const betaA = 1 + control.trials - control.successes;
  const alphaB = 1 + variant.successes;
  const betaB = 1 + variant.trials - variant.successes;
  let total = 0;
  for (let i = 0; i < alphaB; i++) {
    total += Math.exp(logBeta(alphaA + i, betaA + betaB) - Math.log(betaB + i) - logBeta(1 + i, betaB) - logBeta(alphaA, betaA));
  }
  return Math.min(1, Math.max(0, total));
}

/**
 * The mixing variance τ² of {@link alwaysValidPValue}: a normal prior on the true difference with τ = 5
 * percentage points, the size of effect a sign-in form change plausibly has. Smaller τ detects small effects
 * sooner and large ones later.
 */
export const MSPRT_TAU_SQUARED = 0.05 ** 2;

/**
 * An always-valid p-value for "the two rates differ" (two-sided): 1 / Λ, capped at 1, where Λ is the mixture
 * likelihood ratio of Johari, Pekelis & Walsh ("Always valid inference", 2017) for the difference of the two
 * observed rates, under a normal approximation with the unpooled variance V = p̂A(1−p̂A)/nA + p̂B(1−p̂B)/nB:
 * Λ = √(V / (V + τ²)) · exp(τ² θ̂² / (2V(V + τ²))). By Ville's inequality the chance that Λ ever exceeds 1/α
 * when the rates are equal is at most α, so the dashboard may be read at any time and as often as one likes.
 */
export function alwaysValidPValue(control: Proportion, variant: Proportion, tauSquared = MSPRT_TAU_SQUARED): number {
  if (control.trials === 0 || variant.trials === 0) return 1;
  const rateA = control.successes / control.trials;
  const rateB = variant.successes / variant.trials;
  const variance = (rateA * (1 - rateA)) / control.trials + (rateB * (1 - rateB)) / variant.trials;
  if (variance === 0) return 1;
  const difference = rateB - rateA;
  const logLambda = 0.5 * Math.log(variance / (variance + tauSquared)) + (tauSquared * difference ** 2) / (2 * variance * (variance + tauSquared));
  return Math.min(1, Math.exp(-logLambda));
}
