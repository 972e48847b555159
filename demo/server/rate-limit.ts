import type { Clock } from './clock.js';

/**
 * Fixed-window counter: at most `limit` hits per key per `windowSeconds`. `hit` answers how many
 * seconds to wait (for `Retry-After`, RFC 9110 §10.2.3) or 0 when the hit is allowed.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly clock: Clock,
    readonly limit: number,
    readonly windowSeconds: number,
  ) {}

  hit(key: string): number {
    const now = this.clock.now();
    const windowMs = this.windowSeconds * 1000;
    let window = this.#windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
      this.#prune(now, windowMs);
    }
    if (window.count >= this.limit) return Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
    window.count += 1;
    return 0;
  }

  /** Forgets a key, e.g. the resend cooldown once its code was used: the owner proved the mailbox. */
  reset(key: string): void {
    this.#windows.delete(key);
  }

  #prune(now: number, windowMs: number): void {
    if (this.#windows.size < 10_000) return;
    for (const [key, window] of this.#windows) if (now - window.start >= windowMs) this.#windows.delete(key);
  }
}

/**
 * Consecutive password failures per identifier, with a lockout that doubles after the threshold
 * (NIST SP 800-63B-4 §3.2.2: at most 100 failures; OWASP ASVS 5 6.3.x). Keyed by the typed email, so an
 * unknown address locks exactly like a real one and the lockout reveals nothing.
 */
export class FailureLockout {
  readonly #failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    readonly clock: Clock,
    readonly threshold = 10,
    readonly baseLockSeconds = 30,
    readonly maxLockSeconds = 3600,
  ) {}

  /** Seconds until the identifier may try again, or 0. */
  retryAfter(key: string): number {
    const entry = this.#failures.get(key);
    if (!entry) return 0;
    return Math.max(0, Math.ceil((entry.lockedUntil - this.clock.now()) / 1000));
  }

  /** Records a failure; answers the lockout in seconds when this failure starts one, else 0. */
  fail(key: string): number {
    const entry = this.#failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    this.#failures.set(key, entry);
    if (entry.count < this.threshold) return 0;
    const seconds = Math.min(this.maxLockSeconds, this.baseLockSeconds * 2 ** (entry.count - this.threshold));
    entry.lockedUntil = this.clock.now() + seconds * 1000;
    return seconds;
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }
}
