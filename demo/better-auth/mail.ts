import { createClock } from '../server/clock.js';
import { Mailbox, type MailPurpose } from '../server/mailbox.js';

// The demo's outbox (in memory, `/dev/mailbox.json` in the reference backend's `DevMail` shape): better-auth's
// senders and the adapter's notices write here instead of delivering.

/** The senders the demo's better-auth configuration calls. */
export class DemoMail {
  readonly mailbox = new Mailbox(createClock());

  /** A mail carrying a code. */
  sendCode(to: string, code: string, purpose: MailPurpose): void {
    const subject = purpose === 'sign_up' ? 'Finish creating your account' : purpose === 'step_up' ? 'Your verification code' : 'Your sign-in code';
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
}
