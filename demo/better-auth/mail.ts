import { createClock } from '../server/clock.js';
import { Mailbox, type MailPurpose } from '../server/mailbox.js';

// The demo's outbox (in memory, `/dev/mailbox.json` in the reference backend's `DevMail` shape): better-auth's
// senders and the adapter's notices write here instead of delivering.

const SUBJECTS: Partial<Record<MailPurpose, string>> = {
  sign_up: 'Finish creating your account',
  step_up: 'Your verification code',
  email_change: 'Confirm your new email',
};

/** The senders the demo's better-auth configuration calls. */
export class DemoMail {
  readonly mailbox = new Mailbox(createClock());

  /** A mail carrying a code. */
  sendCode(to: string, code: string, purpose: MailPurpose): void {
    const subject = SUBJECTS[purpose] ?? 'Your sign-in code';
    this.mailbox.send({ to: to.toLowerCase(), subject, text: `Your code is ${code}. It expires in 10 minutes.`, code, purpose });
  }

  /** The code-less mails of profile §2.6. */
  sendNotice(to: string, kind: 'account_exists' | 'no_account'): void {
    const text =
      kind === 'account_exists'
        ? 'Someone tried to create an account with this address, but you already have one. Sign in instead.'
        : 'Someone asked to sign in with this address, but there is no account for it.';
    this.mailbox.send({ to: to.toLowerCase(), subject: kind === 'account_exists' ? 'You already have an account' : 'No account for this address', text, code: null, purpose: kind });
  }

  /** Profile §21.2: instead of a code, to a new address another account uses (better-auth sends it nothing). */
  sendAddressTaken(to: string): void {
    const text = 'Someone asked to move an account to this address, but another account already uses it, so it cannot be changed. If that was you, sign in with this address instead.';
    this.mailbox.send({ to: to.toLowerCase(), subject: 'This address already has an account', text, code: null, purpose: 'email_change' });
  }

  /** Profile §21.2: to the current address when a change starts, so its owner can react to a session thief. */
  sendEmailChangeNotice(to: string, newAddressHint: string): void {
    const text = `Someone signed in to your account asked to change its email to ${newAddressHint}. It changes only once a code sent there is entered. This wasn't you? Sign in and check your account's security settings.`;
    this.mailbox.send({ to: to.toLowerCase(), subject: 'Your email address is being changed', text, code: null, purpose: 'email_change_notice' });
  }
}
