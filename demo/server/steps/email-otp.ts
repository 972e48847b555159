import { randomBytes } from 'node:crypto';
import type { StepState } from '../../../src/protocol/index.js';
import type { AuthSession, PendingEmailCode } from '../auth-sessions.js';
import type { BackendContext } from '../context.js';
import { HttpError } from '../http.js';
import type { MailPurpose } from '../mailbox.js';
import {
  CODE_LENGTH,
  CODE_MAX_ATTEMPTS,
  checkPendingCode,
  destinationHint,
  generateCode,
  hashCode,
  RESEND_AFTER_SECONDS,
} from '../one-time-codes.js';
import type { PasswordHash } from '../passwords.js';
import { EMAIL_CODE_TTL_SECONDS } from '../provider.js';
import type { StepOutcome } from './outcome.js';
import { requireLoginHint } from './password.js';

/**
 * Emails a fresh code, replacing any earlier one, and answers the `email_otp` state. What the mail says
 * depends on whether the account exists, but the answer never does (OWASP ASVS 5 6.3.8).
 */
export function sendEmailCode(
  session: AuthSession,
  ctx: BackendContext,
  request: { purpose: PendingEmailCode['purpose']; signUpPassword?: PasswordHash },
): StepState {
  const email = requireLoginHint(session);
  const wait = ctx.limits.emailResend.hit(email) || ctx.limits.emailSends.hit(email);
  if (wait > 0) {
    throw new HttpError(429, 'rate_limited', 'wait before asking for another code', { 'Retry-After': String(wait) });
  }

  const exists = ctx.accounts.findByEmail(email) !== undefined;
  const code = generateCode();
  let mailPurpose: Parameters<typeof mailText>[0] = request.purpose;
  if (request.purpose === 'sign_up' && exists) mailPurpose = 'account_exists';
  if (request.purpose === 'sign_in' && !exists && !ctx.signUpEnabled) mailPurpose = 'no_account';
  // A reset for an address without an account: the mail says so, and its code is none (profile §19.2).
  if (request.purpose === 'password_reset' && !exists) mailPurpose = 'no_account';
  const usable = mailPurpose === request.purpose;

  session.emailCode = {
    purpose: request.purpose,
    // A mail without a code still leaves a pending code that wrong tries burn like a real one, so verifying
    // after "no account" or "already registered" answers like verifying after a real code. It is the hash of
    // 32 random bytes, which no typed code matches.
    codeHash: hashCode(usable ? code : randomBytes(32).toString('base64url')),
    expiresAt: ctx.clock.now() + EMAIL_CODE_TTL_SECONDS * 1000,
    attemptsRemaining: CODE_MAX_ATTEMPTS,
    ...(request.signUpPassword ? { signUpPassword: request.signUpPassword } : {}),
  };
  ctx.mailbox.send({ to: email, purpose: mailPurpose, code: usable ? code : null, ...mailText(mailPurpose, code, request.purpose) });
  return emailOtpState(session.emailCode, email, ctx);
}

/** `email_otp` + `send`: a new code for the current purpose (a resend during sign-up stays a sign-up). */
export function resendEmailCode(session: AuthSession, ctx: BackendContext): StepState {
  const pending = session.emailCode;
  return sendEmailCode(session, ctx, {
    purpose: pending?.purpose ?? 'sign_in',
    ...(pending?.signUpPassword ? { signUpPassword: pending.signUpPassword } : {}),
  });
}

/**
 * `email_otp` + `verify`. A code works once, for {@link EMAIL_CODE_TTL_SECONDS}, and is burnt after
 * {@link CODE_MAX_ATTEMPTS} wrong tries. A right code for an address without an account creates it.
 */
export async function verifyEmailCode(session: AuthSession, code: string, ctx: BackendContext): Promise<StepOutcome> {
  const email = requireLoginHint(session);
  const pending = session.emailCode;
  if (!pending) throw new HttpError(400, 'invalid_request', 'no code was sent; send one first');
  ctx.limits.accountFailures.refuseWhileLocked(email);
  await checkPendingCode(pending, code, ctx.clock.now(), () => ctx.limits.accountFailures.fail(email));
  delete session.emailCode;
  // The cooldown guards the mailbox against floods; a used code ends it, so signing out and straight
  // back in works.
  ctx.limits.emailResend.reset(email);
  // The code proved control of the mailbox: sign in, or finish creating the account.
  const account =
    ctx.accounts.findByEmail(email) ??
    (await ctx.accounts.create({
      email,
      createdAt: ctx.clock.nowSeconds(),
      ...(pending.signUpPassword ? { password: pending.signUpPassword } : {}),
    }));
  return { kind: 'authenticated', accountId: account.id, method: 'email_otp' };
}

/** The `email_otp` state of a pending code. */
export function emailOtpState(pending: PendingEmailCode, email: string, ctx: BackendContext): Extract<StepState, { step: 'email_otp' }> {
  return {
    step: 'email_otp',
    purpose: pending.purpose,
    destination_hint: destinationHint(email),
    code_length: CODE_LENGTH,
    expires_in: Math.max(0, Math.round((pending.expiresAt - ctx.clock.now()) / 1000)),
    resend_after: RESEND_AFTER_SECONDS,
  };
}

const MINUTES = EMAIL_CODE_TTL_SECONDS / 60;
const IGNORE = 'If you did not ask for this, you can ignore this email.';

function mailText(
  purpose: Exclude<MailPurpose, 'step_up' | 'verify_phone' | 'password_changed' | 'sign_in_link' | 'reset_link'>,
  code: string,
  asked: PendingEmailCode['purpose'],
): { subject: string; text: string } {
  switch (purpose) {
    case 'sign_in':
      return {
        subject: 'Your Acme sign-in code',
        text: `Your sign-in code is ${code}. It expires in ${MINUTES} minutes.\n\n${IGNORE}`,
      };
    case 'sign_up':
      return {
        subject: 'Confirm your email for Acme',
        text: `Your code to finish creating your Acme account is ${code}. It expires in ${MINUTES} minutes.\n\n${IGNORE}`,
      };
    case 'account_exists':
      return {
        subject: 'You already have an Acme account',
        text: `Someone tried to create an Acme account with this address, but you already have one. Sign in instead; if you forgot how, sign in with an email code.\n\n${IGNORE}`,
      };
    case 'password_reset':
      return {
        subject: 'Reset your Acme password',
        text: `Your code to reset your Acme password is ${code}. It expires in ${MINUTES} minutes. Nobody from Acme will ever ask you for it.\n\n${IGNORE} Your password stays as it is.`,
      };
    case 'no_account':
      if (asked === 'password_reset') {
        return {
          subject: 'Password reset at Acme',
          text: `Someone asked to reset the password of an Acme account with this address, but there is no account for it.\n\n${IGNORE}`,
        };
      }
      return {
        subject: 'Sign-in attempt at Acme',
        text: `Someone tried to sign in to Acme with this address, but there is no account for it.\n\n${IGNORE}`,
      };
  }
}
