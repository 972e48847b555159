import type { StepState } from '../../../src/protocol/index.js';
import type { SignInMethod } from '../session.js';

/** What a step handler decided: show another step, or the user is authenticated. */
export type StepOutcome =
  | { kind: 'next'; state: StepState }
  | { kind: 'authenticated'; accountId: string; method: SignInMethod; amr: string[] };

/** RFC 8176 §2 values per method. */
export const AMR = {
  password: ['pwd'],
  email_otp: ['otp'],
  // A passkey is a hardware-bound key plus user verification ("user" is the UV gesture).
  passkey: ['hwk', 'user'],
} as const satisfies Record<SignInMethod, readonly string[]>;
