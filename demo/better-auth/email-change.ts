import type { AccountEmail, EmailChangeStarted } from '../../src/protocol/index.js';
import { MailCooldown } from '../../src/better-auth/mail-cooldown.js';
import { RESEND_AFTER_SECONDS } from '../../src/better-auth/options.js';
import { HttpError } from '../server/http.js';
import { destinationHint } from '../server/one-time-codes.js';
import { EMAIL_CODE, type DemoAuth } from './auth.js';
import type { DemoMail } from './mail.js';

// Profile §21.2's email change on better-auth's own mechanism: emailOTP's `changeEmail` (`/email-otp/request-email-change`
// mails a code to the new address, `/email-otp/change-email` proves it and switches the address). better-auth keys
// the code by both addresses and its verify step wants the new one again, which the profile's `verify` does not
// send: the change waiting for its code is kept here, with the tries left, so an address another account uses
// (better-auth stores no code for it) counts down and expires exactly like any other.

/** Who asks: better-auth's user and the request headers (its session cookie) to call better-auth with. */
export interface EmailChanger {
  readonly user: { readonly id: string; readonly email: string; readonly emailVerified: boolean };
  readonly headers: Headers;
}

/** A change waiting for its code: the new address, its expiry (epoch ms), the wrong tries left. */
interface PendingChange {
  readonly email: string;
  readonly expiresAt: number;
  attemptsRemaining: number;
}

/** An answer and the `Set-Cookie` lines better-auth sent with it (the session cookie, renewed with the new address). */
export interface Changed {
  readonly body: AccountEmail;
  readonly setCookies: string[];
}

/** The account's email changes, one waiting per account (memory only, as the reference backend's). */
export class EmailChanges {
  readonly #pending = new Map<string, PendingChange>();
  // Profile §7: 30 s between codes to one address, counted whether another account uses it or not.
  readonly #cooldown = new MailCooldown();

  constructor(
    private readonly auth: DemoAuth,
    private readonly mail: DemoMail,
  ) {}

  /** `GET`: the account's address and, if one waits for its code, the change (AccountEmail). */
  current(caller: EmailChanger): AccountEmail {
    const pending = this.#pending.get(caller.user.id);
    const left = pending ? Math.round((pending.expiresAt - Date.now()) / 1000) : 0;
    return {
      email: caller.user.email,
      // Sign-up and sign-in through the profile prove the address; one made by `/sign-up/email` alone has not.
      email_verified: caller.user.emailVerified,
      ...(pending && left > 0 ? { pending: { email: pending.email, expires_in: left, resend_after: RESEND_AFTER_SECONDS } } : {}),
    };
  }

  /** `{action:"start", email}`: a code to the new address, a notice to the current one; the address stays. */
  async start(caller: EmailChanger, email: string): Promise<EmailChangeStarted> {
    if (email === caller.user.email.toLowerCase()) throw fieldError('unchanged', 'this is already your address');
    const wait = this.#cooldown.retryAfter(email);
    if (wait > 0) throw new HttpError(429, 'rate_limited', 'wait before asking for another code', { 'Retry-After': String(wait) });
    const asked = await this.auth.api.requestEmailChangeEmailOTP({ headers: caller.headers, body: { newEmail: email }, asResponse: true });
    if (!asked.ok) throw await refusal(asked);
    this.#cooldown.record(email);
    // better-auth answers the same for an address another account uses but mails it nothing; the profile says why.
    const context = await this.auth.$context;
    if (await context.internalAdapter.findUserByEmail(email)) this.mail.sendAddressTaken(email);
    this.mail.sendEmailChangeNotice(caller.user.email, destinationHint(email));
    // A newer start replaces the older change (better-auth's older code, keyed by the other address, goes unused).
    this.#pending.set(caller.user.id, { email, expiresAt: Date.now() + EMAIL_CODE.expiresIn * 1000, attemptsRemaining: EMAIL_CODE.allowedAttempts });
    return { destination_hint: destinationHint(email), code_length: EMAIL_CODE.length, expires_in: EMAIL_CODE.expiresIn, resend_after: RESEND_AFTER_SECONDS };
  }

  /** `{action:"verify", code}`: better-auth checks the code and switches the address; code errors as §2.7. */
  async verify(caller: EmailChanger, code: string): Promise<Changed> {
    const pending = this.#pending.get(caller.user.id);
    if (!pending || pending.expiresAt <= Date.now()) {
      this.#pending.delete(caller.user.id);
      throw new HttpError(400, 'expired_code', 'no change is waiting; ask for a new code');
    }
    if (pending.attemptsRemaining <= 0) throw burnt();
    const changed = await this.auth.api.changeEmailEmailOTP({ headers: caller.headers, body: { newEmail: pending.email, otp: code }, asResponse: true });
    if (changed.ok) {
      this.#pending.delete(caller.user.id);
      this.#cooldown.release(pending.email);
      return { body: { email: pending.email, email_verified: true }, setCookies: changed.headers.getSetCookie() };
    }
    const failure = (await changed.json()) as { code?: string; message?: string };
    if (failure.code === 'INVALID_OTP' || failure.code === 'TOO_MANY_ATTEMPTS') {
      pending.attemptsRemaining -= 1;
      if (pending.attemptsRemaining <= 0) throw burnt();
      throw new HttpError(400, 'invalid_code', 'the code is wrong', {}, { attempts_remaining: pending.attemptsRemaining });
    }
    this.#pending.delete(caller.user.id);
    if (failure.code === 'OTP_EXPIRED') throw new HttpError(400, 'expired_code', 'the code has expired; ask for a new one');
    // Only after a right code (better-auth checks it first): the address was taken since, which only its owner can see.
    if (failure.message === 'Email already in use') throw new HttpError(409, 'email_taken', 'another account uses this address');
    throw new Error(`better-auth refused the email change: ${changed.status} ${JSON.stringify(failure)}`);
  }
}

function fieldError(code: 'invalid' | 'unchanged', description: string): HttpError {
  return new HttpError(400, 'invalid_request', description, {}, { field_errors: [{ field: 'email', code }] });
}

function burnt(): HttpError {
  return new HttpError(400, 'too_many_attempts', 'too many wrong codes; ask for a new one', {}, { attempts_remaining: 0 });
}

/** better-auth's refusal of a start: an address it does not take as one is the profile's `invalid`. */
async function refusal(answer: Response): Promise<Error> {
  const failure = (await answer.json()) as { code?: string };
  if (failure.code === 'INVALID_EMAIL') return fieldError('invalid', 'enter an email address');
  return new Error(`better-auth refused to start the email change: ${answer.status} ${JSON.stringify(failure)}`);
}
