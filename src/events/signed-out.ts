/** Fired after the user signed out (local state is cleared even when the backend was unreachable). */
export class LatchSignedOutEvent extends Event {
  constructor() {
    super('latch-signed-out', { bubbles: true, composed: true });
  }
}
