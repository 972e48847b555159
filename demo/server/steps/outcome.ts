import type { StepState } from '../../../src/protocol/index.js';
import type { UsedFactor } from '../assurance.js';
import type { SignInMethod } from '../session.js';

/**
 * What a step handler decided: show another step, the user passed a first factor (`authenticated`), or
 * proved the factor a second-factor or step-up challenge asked for (`factor`).
 */
export type StepOutcome =
  /** `cookies`: `Set-Cookie` values sent with the step (a browser named for an account recovery). */
  | { kind: 'next'; state: StepState; cookies?: string[] }
  | { kind: 'authenticated'; accountId: string; method: SignInMethod }
  | { kind: 'factor'; factor: UsedFactor };
