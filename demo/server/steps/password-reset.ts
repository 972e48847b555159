import type { StepRequest, StepState } from '../../../src/protocol/index.js';
import type { UsedFactor } from '../assurance.js';
import type { AuthSession } from '../auth-sessions.js';
import type { RequestContext } from '../completion.js';
import type { BackendContext } from '../context.js';
import { HttpError } from '../http.js';
import { checkPendingCode, RESEND_AFTER_SECONDS } from '../one-time-codes.js';
import { endEverySession, sendPasswordChangedMail } from '../password-changed.js';
import { checkNewPassword, weakPassword } from '../password-policy.js';
import { hashPassword } from '../passwords.js';
import { EMAIL_CODE_TTL_SECONDS } from '../provider.js';
import { secondFactorsAfter } from '../risk.js';
import { emailOtpState, sendEmailCode } from './email-otp.js';
import { enterFactor } from './factors.js';
import type { StepOutcome } from './outcome.js';
import { requireLoginHint } from './password.js';

// The password reset (docs/protocol.md §19): prove the mailbox (here by an emailed code; L's links call
// mailboxProvenForReset too), then any second factor the account has, then choose the new password.

/**
 * `password_reset`: emails a code for the reset and answers `email_otp` with `purpose: "password_reset"`,
 * the same for every address. A sign-in code this auth_session emailed within the resend cooldown proves the
 * mailbox as well as a new one would: it becomes the reset's code, and no second mail is sent.
 */
export function startPasswordReset(session: AuthSession, ctx: BackendContext): StepState {
  const email = requireLoginHint(session);
  delete session.passwordReset;
  const pending = session.emailCode;
  const sentAt = pending ? pending.expiresAt - EMAIL_CODE_TTL_SECONDS * 1000 : 0;
  const wait = Math.ceil((sentAt + RESEND_AFTER_SECONDS * 1000 - ctx.clock.now()) / 1000);
  if (pending?.purpose === 'sign_in' && pending.codeHash && wait > 0) {
    pending.purpose = 'password_reset';
    pending.resetProof = ctx.passwordResets.issue(email);
    return { ...emailOtpState(pending, email, ctx), resend_after: wait };
  }
  return sendResetCode(session, email, ctx);
}

/** Emails a new reset code: from now on the only one that counts for the address. */
function sendResetCode(session: AuthSession, email: string, ctx: BackendContext): StepState {
  const state = sendEmailCode(session, ctx, { purpose: 'password_reset' });
  session.emailCode!.resetProof = ctx.passwordResets.issue(email);
  return state;
}

/** `email_otp` while a reset's code is pending: a new code (which outdates every older one), or its check. */
export async function resetCodeStep(
  session: AuthSession,
  step: Extract<StepRequest, { type: 'email_otp' }>,
  ctx: BackendContext,
  request: RequestContext,
): Promise<StepOutcome> {
  const email = requireLoginHint(session);
  if (step.action === 'send') return { kind: 'next', state: sendResetCode(session, email, ctx) };
  const pending = session.emailCode!;
  ctx.limits.accountFailures.refuseWhileLocked(email);
  // A newer code or link for the address, or a finished reset, made this code worthless (the same for every address).
  if (!ctx.passwordResets.isCurrent(email, pending.resetProof)) {
    throw new HttpError(400, 'expired_code', 'a newer code was sent, or the password was reset; ask for a new code');
  }
  await checkPendingCode(pending, step.code, ctx.clock.now(), () => ctx.limits.accountFailures.fail(email));
  delete session.emailCode;
  ctx.limits.emailResend.reset(email);
  return { kind: 'next', state: await mailboxProvenForReset(session, pending.resetProof!, ctx, request) };
}

/**
 * The mailbox is proven for this reset (by a code here, or a link): answers what comes next. A reset proves
 * only the mailbox, so an account with another factor (app, phone, passkey, recovery codes) passes one of them
 * first; then the `new_password` step. `proof` is the code's or link's number in password-resets.ts.
 */
export async function mailboxProvenForReset(session: AuthSession, proof: number, ctx: BackendContext, request: RequestContext): Promise<StepState> {
  const account = ctx.accounts.findByEmail(requireLoginHint(session));
  session.passwordReset = { proof, factors: ['email_otp'] };
  const factors = account ? secondFactorsAfter(account, 'email_otp') : [];
  if (!account || factors.length === 0) return newPasswordState(ctx);
  session.factorChallenge = {
    kind: 'second_factor',
    accountId: account.id,
    reason: 'mfa_enrolled',
    factors,
    first: { method: 'email_otp', factor: 'email_otp' },
    smsHost: request.smsHost,
  };
  return enterFactor(session, session.factorChallenge, factors[0]!, ctx);
}

/** The second factor of a reset passed: on to the new password instead of signing in. */
export function resetFactorPassed(session: AuthSession, factor: UsedFactor, ctx: BackendContext): StepOutcome {
  session.passwordReset!.factors.push(factor);
  delete session.factorChallenge;
  return { kind: 'next', state: newPasswordState(ctx) };
}

function newPasswordState(ctx: BackendContext): StepState {
  return { step: 'new_password', password_min_length: ctx.passwordMinLength };
}

/**
 * `new_password`: checks it (length, breached list), stores it, ends every other session and token of the
 * account and every outstanding reset proof, mails the confirmation with its "This wasn't me" link, and signs in.
 */
export async function setNewPassword(session: AuthSession, password: string, ctx: BackendContext): Promise<StepOutcome> {
  const email = requireLoginHint(session);
  const reset = session.passwordReset;
  if (!reset || session.factorChallenge) throw new HttpError(400, 'invalid_request', 'prove the mailbox with password_reset first');
  const problem = checkNewPassword(password, ctx.passwordMinLength);
  if (problem) throw weakPassword(problem, ctx.passwordMinLength);
  if (!ctx.passwordResets.isCurrent(email, reset.proof)) {
    delete session.passwordReset;
    throw new HttpError(400, 'invalid_session', 'this reset was replaced by a newer one; start again');
  }
  const hash = await hashPassword(password);
  delete session.passwordReset;
  ctx.passwordResets.endAll(email);
  ctx.limits.passwordFailures.succeed(email);
  let account = ctx.accounts.findByEmail(email);
  if (account) {
    account.password = hash;
    endEverySession(account, ctx);
    sendPasswordChangedMail(account, ctx);
  } else {
    // Only a sign-in code for an address without an account can have proven this mailbox (startPasswordReset
    // took it over), and that code would have created the account (sign-up on): so does its new password.
    if (!ctx.signUpEnabled) throw new HttpError(400, 'sign_up_disabled', 'accounts cannot be created here');
    account = await ctx.accounts.create({ email, password: hash, createdAt: ctx.clock.nowSeconds() });
  }
  return { kind: 'authenticated', accountId: account.id, method: 'email_otp', factors: reset.factors, remembered: 'password', mailed: true };
}
