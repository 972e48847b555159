import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';

/** How long the "This wasn't me" link of a password-changed mail works. */
export const NOT_ME_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * What password resets leave outstanding, in memory: which proof of each address is the current one (a newer
 * code or link makes the older ones worthless, a finished reset all of them), and the "This wasn't me" links
 * of the confirmation mails (single use, only their hash kept).
 */
export class PasswordResets {
  readonly #current = new Map<string, number>();
  readonly #notMe = new Map<string, { accountId: string; expiresAt: number }>();
  #issued = 0;

  constructor(readonly clock: Clock) {}

  /** A new proof (code or link) for the address: the only one that counts from now on. Answers its number. */
  issue(email: string): number {
    this.#issued += 1;
    this.#current.set(email, this.#issued);
    return this.#issued;
  }

  /** Whether a proof is still the address's newest and no reset finished since. */
  isCurrent(email: string, proof: number | undefined): boolean {
    return proof !== undefined && this.#current.get(email) === proof;
  }

  /** A reset finished (or was reported): every outstanding proof for the address dies. */
  endAll(email: string): void {
    this.#current.delete(email);
  }

  /** Erasure: the address's proofs and the account's "This wasn't me" links are forgotten. */
  forgetAccount(email: string, accountId: string): void {
    this.#current.delete(email);
    for (const [key, entry] of this.#notMe) if (entry.accountId === accountId) this.#notMe.delete(key);
  }

  /** A single-use "This wasn't me" token for the account's confirmation mail. */
  notMeToken(accountId: string): string {
    const token = randomBytes(32).toString('base64url');
    this.#notMe.set(hash(token), { accountId, expiresAt: this.clock.now() + NOT_ME_TTL_SECONDS * 1000 });
    return token;
  }

  /** The account a live token names, without using it up (the page's GET). */
  peekNotMe(token: string): string | undefined {
    const entry = this.#notMe.get(hash(token));
    return entry && entry.expiresAt > this.clock.now() ? entry.accountId : undefined;
  }

  /** Uses the token up (the page's POST): answers the account it named, once. */
  takeNotMe(token: string): string | undefined {
    const accountId = this.peekNotMe(token);
    this.#notMe.delete(hash(token));
    return accountId;
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
