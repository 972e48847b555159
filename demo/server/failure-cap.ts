import type { Clock } from './clock.js';
import { HttpError } from './http.js';

/** NIST SP 800-63B-4 §3.2.2: at most 100 consecutive failed attempts on one account. */
export const ACCOUNT_FAILURE_CAP = 100;
/** How long an account at the cap refuses its guessable authenticators, and again after each later failure. */
export const ACCOUNT_LOCK_SECONDS = 60 * 60;

/**
 * Consecutive failed attempts per account across every guessable authenticator (password, emailed and
 * texted codes, authenticator app codes, recovery codes), reset only by a completed sign-in or step-up: a
 * proven password does not reset it, or whoever knows the password could guess the second factor forever.
 * At the cap the account is locked for {@link ACCOUNT_LOCK_SECONDS}; a passkey, which cannot be guessed,
 * still signs in. Keyed by the normalised address, so an address without an account counts and locks
 * exactly like one with (no enumeration), and kept in memory (a restart forgets it; docs/protocol.md).
 */
export class AccountFailures {
  readonly #entries = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    readonly clock: Clock,
    readonly cap = ACCOUNT_FAILURE_CAP,
    readonly lockSeconds = ACCOUNT_LOCK_SECONDS,
  ) {}

  /** Failures since the last completed sign-in (the `many_failures` risk rule reads it too). */
  count(address: string): number {
    return this.#entries.get(address)?.count ?? 0;
  }

  /** Throws `account_locked` while the account is locked; checked before any guess is judged. */
  refuseWhileLocked(address: string): void {
    const wait = Math.ceil(((this.#entries.get(address)?.lockedUntil ?? 0) - this.clock.now()) / 1000);
    if (wait > 0) throw accountLocked(wait);
  }

  /** Counts one failure; the one that reaches the cap (and each after it) locks and throws `account_locked`. */
  fail(address: string): void {
    const entry = this.#entries.get(address) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    this.#entries.set(address, entry);
    if (entry.count < this.cap) return;
    entry.lockedUntil = this.clock.now() + this.lockSeconds * 1000;
    throw accountLocked(this.lockSeconds);
  }

  /** A completed sign-in or step-up. */
  succeed(address: string): void {
    this.#entries.delete(address);
  }
}

function accountLocked(seconds: number): HttpError {
  return new HttpError(400, 'account_locked', 'too many failed attempts on this account; try later or use a passkey', {
    'Retry-After': String(seconds),
  });
}
