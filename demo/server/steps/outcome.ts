import type { StepState } from '../../../src/protocol/index.js';
import type { UsedFactor } from '../assurance.js';
import type { SignInMethod } from '../session.js';

/**
 * What a step handler decided: show another step, the user passed a first factor (`authenticated`), or
 * proved the factor a second-factor or step-up challenge asked for (`factor`); or, for a poll, nothing yet
 * (`pending`: answered `200`, docs/protocol.md §20.2).
 */
export type StepOutcome =
  /** `cookies`: `Set-Cookie` values sent with the step (a browser named for an account recovery). */
  | { kind: 'next'; state: StepState; cookies?: string[] }
  | { kind: 'pending'; state: StepState }
  /**
   * `factors` when more than the method was proven (a reset's mailbox and second factor); `remembered`: the method
   * to prefer next time on this browser; `mailed`: the step already emailed the owner about it with its own "This
   * wasn't me" (a reset, a recovery), so a new device sends no second mail (new-device.ts).
   */
  | { kind: 'authenticated'; accountId: string; method: SignInMethod; factors?: UsedFactor[]; remembered?: SignInMethod; mailed?: true }
  | { kind: 'factor'; factor: UsedFactor };
