import type { SignedIn } from '../client/client.js';

/** Fired after a sign-in completed. `detail` has the user, the method and the RFC 8176 `amr`. */
export class LatchSignedInEvent extends Event {
  readonly detail: SignedIn;
  constructor(detail: SignedIn) {
    super('latch-signed-in', { bubbles: true, composed: true });
    this.detail = detail;
  }
}
