import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';

/** Why a message was sent; the dev mailbox and tests filter on it. */
export type MailPurpose =
  | 'sign_in'
  | 'sign_up'
  | 'account_exists'
  | 'no_account'
  | 'step_up'
  | 'verify_phone'
  | 'email_change'
  | 'email_change_notice'
  | 'password_reset'
  | 'password_changed'
  /** Someone started getting back in without the passkey: when it can finish, and the cancel link. */
  | 'account_recovery'
  /** That recovery finished: the account was entered without the passkey. */
  | 'account_recovery_completed'
  /** An email link (docs/protocol.md §20): to sign in or sign up, or to reset the password. */
  | 'sign_in_link'
  | 'reset_link'
  /** A sign-in from a browser the account had not used before, with a "This wasn't me" link (profile §26.4). */
  | 'new_device';

export interface Mail {
  id: string;
  /** How it would have been delivered: an email, or a text message (SMS) to `to`, an E.164 number. */
  channel: 'email' | 'sms';
  to: string;
  /** Emails only. */
  subject?: string;
  text: string;
  /** The one-time code in the message, or `null` when the message deliberately carries none. */
  code: string | null;
  /** The sign-in or reset link in the message, if it carries one (docs/protocol.md §20). */
  link?: string | null;
  purpose: MailPurpose;
  /** Epoch seconds. */
  created_at: number;
}

/** The demo's outbox: mail and text messages are kept in memory and shown at `/dev/mailbox` instead of being delivered. */
export class Mailbox {
  readonly #mails: Mail[] = [];
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  send(mail: Omit<Mail, 'id' | 'created_at' | 'channel'> & { subject: string }): void {
    this.#push({ channel: 'email', ...mail });
  }

  sendSms(message: { to: string; text: string; code: string; purpose: MailPurpose }): void {
    this.#push({ channel: 'sms', ...message });
  }

  /** Newest first. */
  list(): Mail[] {
    return [...this.#mails].reverse();
  }

  #push(mail: Omit<Mail, 'id' | 'created_at'>): void {
    this.#mails.push({ id: randomUUID(), created_at: this.#clock.nowSeconds(), ...mail });
    // Bound memory: a demo left running should not grow without limit.
    if (this.#mails.length > 500) this.#mails.shift();
  }
}
