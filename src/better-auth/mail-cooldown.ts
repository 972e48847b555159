import { RESEND_AFTER_SECONDS } from './options.js';

// Profile §2.5: one code per address per 30 s, at most 5 per 15 minutes, counted per normalised address whether
// it has an account or not (§2.6), so the cooldown itself tells nothing.

const WINDOW_MS = 15 * 60 * 1000;
const MAX_SENDS_PER_WINDOW = 5;

/** Send times per address, in memory. */
export class MailCooldown {
  readonly #sends = new Map<string, number[]>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Seconds to wait before `email` may get another code, or 0 when it may now. */
  retryAfter(email: string): number {
    const now = this.now();
    const recent = (this.#sends.get(email) ?? []).filter((at) => now - at < WINDOW_MS);
    this.#sends.set(email, recent);
    const last = recent.at(-1);
    if (last !== undefined && now - last < RESEND_AFTER_SECONDS * 1000) return Math.ceil((last + RESEND_AFTER_SECONDS * 1000 - now) / 1000);
    if (recent.length >= MAX_SENDS_PER_WINDOW) return Math.ceil((recent[0]! + WINDOW_MS - now) / 1000);
    return 0;
  }

  /** Records a send to `email`. */
  record(email: string): void {
    this.#sends.set(email, [...(this.#sends.get(email) ?? []), this.now()]);
  }

  /** A used code ends the 30 s cooldown (the mailbox's owner is present); the 15-minute cap still holds. */
  release(email: string): void {
    const sends = this.#sends.get(email);
    if (sends?.length) sends[sends.length - 1] = this.now() - RESEND_AFTER_SECONDS * 1000;
  }
}
