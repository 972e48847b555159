import type { LatchClient, StepOutcome } from '../client/client.js';
import { LatchError } from '../client/errors.js';
import type { CodeState } from './sign-in.controller.js';

/** What the reset needs of the sign-in flow: its code step's facts, and a way back to that step. */
export interface ResetFlowHost {
  readonly code: CodeState | undefined;
  /** Back on the code step with `code` (the countdown the backend gave), saying the code was already sent. */
  codeAlreadySent(code: CodeState): void;
}

/**
 * "Forgot password?" (docs/protocol.md §19) and the resend cooldown's "already sent": asking for a code of a
 * purpose whose code went out moments ago is refused with `429` and `Retry-After` (the customer went back
 * from the code step and chose the same again), which shows that code step again, not an error. Loaded with
 * the client (`LateParts`), so none of it comes before the form.
 */
export class PasswordResetFlow {
  constructor(private readonly host: ResetFlowHost) {}

  /** The reset's proof (a code, or a link): the next step, or `undefined` when its code is already on screen again. */
  requestReset(client: LatchClient, signal: AbortSignal): Promise<StepOutcome | undefined> {
    return client.requestPasswordReset({ signal }).catch((error: unknown) => this.sentAlready(error, 'password_reset'));
  }

  /** A sign-in code chosen from the methods: as {@link requestReset}. */
  requestCode(client: LatchClient, signal: AbortSignal): Promise<StepOutcome | undefined> {
    return client.requestEmailCode({ signal }).catch((error: unknown) => this.sentAlready(error, 'sign_in'));
  }

  private sentAlready(error: unknown, purpose: CodeState['purpose']): undefined {
    const code = this.host.code;
    if (!(error instanceof LatchError) || error.code !== 'LATCH_RATE_LIMITED' || code?.purpose !== purpose) throw error;
    this.host.codeAlreadySent({ ...code, resendAt: Date.now() + (error.retryAfter ?? 30) * 1000 });
    return undefined;
  }
}
