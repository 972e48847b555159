import type { SignOutReason } from '../client/session-channel.js';

/** Fired when `<latch-session-timeout>` opens its idle warning. `detail.expiresAt`: the deadline, this page's epoch ms. */
export class LatchSessionWarningEvent extends Event {
  readonly detail: { expiresAt: number };
  constructor(expiresAt: number) {
    super('latch-session-warning', { bubbles: true, composed: true });
    this.detail = { expiresAt };
  }
}

/** Fired after the user chose "Stay signed in" and the backend pushed the idle timeout back. */
export class LatchSessionExtendedEvent extends Event {
  readonly detail: { expiresAt: number };
  constructor(expiresAt: number) {
    super('latch-session-extended', { bubbles: true, composed: true });
    this.detail = { expiresAt };
  }
}

/**
 * Fired after the session a page was watching ended: `reason` `idle` (timed out), `user` (signed out, in
 * another tab when `remote`), or `ended` (the backend ended it: revoked, expired, signed out elsewhere).
 * The client's state is already cleared; the page should drop what it shows of the user (ASVS 5 14.3.1).
 */
export class LatchSessionEndedEvent extends Event {
  readonly detail: { reason: SignOutReason; remote: boolean };
  constructor(reason: SignOutReason, remote: boolean) {
    super('latch-session-ended', { bubbles: true, composed: true });
    this.detail = { reason, remote };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'latch-session-warning': LatchSessionWarningEvent;
    'latch-session-extended': LatchSessionExtendedEvent;
    'latch-session-ended': LatchSessionEndedEvent;
  }
}
