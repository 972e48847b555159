import type { LatchError, LatchErrorCode } from '../client/errors.js';

/** Fired after a failure was shown to the user. `detail.code` is stable; `detail.error` keeps the cause. */
export class LatchErrorEvent extends Event {
  readonly detail: { code: LatchErrorCode; error: LatchError };
  constructor(error: LatchError) {
    super('latch-error', { bubbles: true, composed: true });
    this.detail = { code: error.code, error };
  }
}
