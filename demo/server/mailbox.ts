import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';

/** Why a mail was sent; the dev mailbox and tests filter on it. */
export type MailPurpose = 'sign_in' | 'sign_up' | 'account_exists' | 'no_account';

export interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** The one-time code in the mail, or `null` when the mail deliberately carries none. */
  code: string | null;
  purpose: MailPurpose;
  /** Epoch seconds. */
  created_at: number;
}

/** The demo's outbox: mail is kept in memory and shown at `/dev/mailbox` instead of being delivered. */
export class Mailbox {
  readonly #mails: Mail[] = [];
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  send(mail: Omit<Mail, 'id' | 'created_at'>): void {
    this.#mails.push({ id: randomUUID(), created_at: this.#clock.nowSeconds(), ...mail });
    // Bound memory: a demo left running should not grow without limit.
    if (this.#mails.length > 500) this.#mails.shift();
  }

  /** Newest first. */
  list(): Mail[] {
    return [...this.#mails].reverse();
  }
}
