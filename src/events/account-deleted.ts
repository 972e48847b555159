import type { AccountDeletion } from '../protocol/index.js';

/** Fired by `<latch-privacy>` after the backend erased the account (GDPR Art. 17); `latch-signed-out` follows. */
export class LatchAccountDeletedEvent extends Event {
  readonly detail: AccountDeletion;
  constructor(detail: AccountDeletion) {
    super('latch-account-deleted', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'latch-account-deleted': LatchAccountDeletedEvent;
  }
}
