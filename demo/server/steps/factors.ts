import type { Factor, StepRequest, StepState } from '../../../src/protocol/index.js';
import type { AuthSession, FactorChallenge } from '../auth-sessions.js';
import type { BackendContext } from '../context.js';
import { HttpError } from '../http.js';
import { CODE_LENGTH, CODE_MAX_ATTEMPTS, checkPendingCode, destinationHint, generateCode, hashCode, RESEND_AFTER_SECONDS } from '../one-time-codes.js';
import { EMAIL_CODE_TTL_SECONDS } from '../provider.js';
import { hashRecoveryCode } from '../recovery-codes.js';
import { phoneHint, sendSmsCode } from '../sms.js';
import type { Account } from '../store.js';
import { matchTotp, TOTP_DIGITS } from '../totp.js';
import { accountRequestOptions } from '../webauthn.js';
import type { StepOutcome } from './outcome.js';
import { verifyPasskeyAssertion } from './webauthn.js';

/** The wire name of a factor's step. */
const STEP_OF: Record<Factor, StepRequest['type']> = {
  passkey: 'webauthn',
  totp: 'totp',
  sms_otp: 'sms_otp',
  email_otp: 'email_otp',
  recovery_code: 'recovery_code',
};

/**
 * Answers the step of one factor of a challenge, with its `reason` and the other factors as `alternatives`
 * (strongest first). Entering a code factor sends its code; when the resend cooldown stops that, a code
 * already sent in this auth_session and still valid is kept instead.
 */
export async function enterFactor(session: AuthSession, challenge: FactorChallenge, factor: Factor, ctx: BackendContext): Promise<StepState> {
  if (!challenge.factors.includes(factor)) {
    throw new HttpError(400, 'invalid_request', `${factor} is not one of the factors offered for this sign-in`);
  }
  const account = accountOf(challenge, ctx);
  const common = { reason: challenge.reason, alternatives: challenge.factors.filter((other) => other !== factor) };
  switch (factor) {
    case 'passkey': {
      const request_options = await accountRequestOptions(ctx.relyingParty, account.passkeys);
      session.webauthnChallenge = request_options.challenge;
      return { step: 'webauthn', request_options, ...common };
    }
    case 'totp':
      return { step: 'totp', code_length: TOTP_DIGITS, ...common };
    case 'recovery_code':
      return { step: 'recovery_code', ...common };
    case 'sms_otp':
      sendOrKeep(() => sendSms(session, challenge, account, ctx), liveCode(session.smsCode, ctx));
      return { ...smsState(session, ctx), ...common };
    case 'email_otp':
      sendOrKeep(() => sendEmail(session, challenge, account, ctx), liveCode(session.emailCode, ctx));
      return { ...emailState(session, account, ctx), ...common };
  }
}

/** One step of a factor challenge: switch factor, (re)send a code, or prove a factor. */
export async function runFactorStep(session: AuthSession, challenge: FactorChallenge, step: StepRequest, ctx: BackendContext): Promise<StepOutcome> {
  const next = (state: StepState): StepOutcome => ({ kind: 'next', state });
  const account = accountOf(challenge, ctx);
  switch (step.type) {
    case 'select_factor':
      return next(await enterFactor(session, challenge, step.factor, ctx));
    case 'webauthn':
      allow(challenge, 'passkey');
      if (step.action === 'options') return next(await enterFactor(session, challenge, 'passkey', ctx));
      await verifyPasskeyAssertion(session, step.response, ctx, account.id);
      return { kind: 'factor', factor: 'passkey' };
    case 'totp':
      allow(challenge, 'totp');
      await verifyTotp(account, step.code, ctx);
      return { kind: 'factor', factor: 'totp' };
    case 'sms_otp':
      allow(challenge, 'sms_otp');
      if (step.action === 'send') {
        sendSms(session, challenge, account, ctx);
        return next({ ...smsState(session, ctx), reason: challenge.reason, alternatives: others(challenge, 'sms_otp') });
      }
      await verifyPendingCode(session, 'smsCode', step.code, account, ctx);
      // As for email: a used code ends the cooldown.
      ctx.limits.smsResend.reset(account.phone?.number ?? '');
      return { kind: 'factor', factor: 'sms_otp' };
    case 'email_otp':
      allow(challenge, 'email_otp');
      if (step.action === 'send') {
        sendEmail(session, challenge, account, ctx);
        return next({ ...emailState(session, account, ctx), reason: challenge.reason, alternatives: others(challenge, 'email_otp') });
      }
      await verifyPendingCode(session, 'emailCode', step.code, account, ctx);
      ctx.limits.emailResend.reset(account.email);
      return { kind: 'factor', factor: 'email_otp' };
    case 'recovery_code':
      allow(challenge, 'recovery_code');
      await useRecoveryCode(account, step.code, ctx);
      return { kind: 'factor', factor: 'recovery_code' };
    default:
      throw new HttpError(400, 'invalid_request', `finish the ${challenge.kind === 'step_up' ? 'step-up' : 'second factor'} first`);
  }
}

function accountOf(challenge: FactorChallenge, ctx: BackendContext): Account {
  const account = ctx.accounts.findById(challenge.accountId);
  if (!account) throw new HttpError(400, 'invalid_session', 'the account no longer exists');
  return account;
}

function allow(challenge: FactorChallenge, factor: Factor): void {
  if (!challenge.factors.includes(factor)) {
    throw new HttpError(400, 'invalid_request', `the ${STEP_OF[factor]} step is not offered for this sign-in`);
  }
}

function others(challenge: FactorChallenge, factor: Factor): Factor[] {
  return challenge.factors.filter((other) => other !== factor);
}

function liveCode<T extends { codeHash: Buffer | null; expiresAt: number; attemptsRemaining: number }>(pending: T | undefined, ctx: BackendContext): boolean {
  return !!pending && pending.codeHash !== null && pending.expiresAt > ctx.clock.now() && pending.attemptsRemaining > 0;
}

/** Sends, unless the cooldown refuses and a live code is already out (switching back and forth sends nothing new). */
function sendOrKeep(send: () => void, hasLiveCode: boolean): void {
  try {
    send();
  } catch (error) {
    if (!(error instanceof HttpError && error.status === 429 && hasLiveCode)) throw error;
  }
}

function sendSms(session: AuthSession, challenge: FactorChallenge, account: Account, ctx: BackendContext): void {
  if (!account.phone) throw new HttpError(400, 'invalid_request', 'no verified phone');
  session.smsCode = sendSmsCode(ctx, { to: account.phone.number, host: challenge.smsHost, purpose: challenge.kind === 'step_up' ? 'step_up' : 'sign_in' });
}

function smsState(session: AuthSession, ctx: BackendContext): Extract<StepState, { step: 'sms_otp' }> {
  const pending = session.smsCode!;
  return {
    step: 'sms_otp',
    destination_hint: phoneHint(pending.to),
    code_length: CODE_LENGTH,
    expires_in: Math.max(0, Math.round((pending.expiresAt - ctx.clock.now()) / 1000)),
    resend_after: RESEND_AFTER_SECONDS,
  };
}

function sendEmail(session: AuthSession, challenge: FactorChallenge, account: Account, ctx: BackendContext): void {
  const wait = ctx.limits.emailResend.hit(account.email) || ctx.limits.emailSends.hit(account.email);
  if (wait > 0) throw new HttpError(429, 'rate_limited', 'wait before asking for another code', { 'Retry-After': String(wait) });
  const code = generateCode();
  session.emailCode = {
    purpose: 'sign_in',
    codeHash: hashCode(code),
    expiresAt: ctx.clock.now() + EMAIL_CODE_TTL_SECONDS * 1000,
    attemptsRemaining: CODE_MAX_ATTEMPTS,
  };
  const minutes = EMAIL_CODE_TTL_SECONDS / 60;
  const stepUp = challenge.kind === 'step_up';
  ctx.mailbox.send({
    to: account.email,
    purpose: stepUp ? 'step_up' : 'sign_in',
    code,
    subject: stepUp ? 'Your Acme confirmation code' : 'Your Acme sign-in code',
    text: stepUp
      ? `Your code to confirm it's you is ${code}. It expires in ${minutes} minutes.\n\nIf you did not ask for this, someone may be using your account: change your password.`
      : `Your sign-in code is ${code}. It expires in ${minutes} minutes.\n\nIf you did not ask for this, you can ignore this email.`,
  });
}

function emailState(session: AuthSession, account: Account, ctx: BackendContext): Extract<StepState, { step: 'email_otp' }> {
  const pending = session.emailCode!;
  return {
    step: 'email_otp',
    purpose: 'sign_in',
    destination_hint: destinationHint(account.email),
    code_length: CODE_LENGTH,
    expires_in: Math.max(0, Math.round((pending.expiresAt - ctx.clock.now()) / 1000)),
    resend_after: RESEND_AFTER_SECONDS,
  };
}

/** A texted or emailed code: works once, until it expires, and is burnt after five wrong tries. */
async function verifyPendingCode(
  session: AuthSession,
  key: 'smsCode' | 'emailCode',
  code: string,
  account: Account,
  ctx: BackendContext,
): Promise<void> {
  const pending = session[key];
  if (!pending) throw new HttpError(400, 'invalid_request', 'no code was sent; send one first');
  ctx.limits.accountFailures.refuseWhileLocked(account.email);
  await checkPendingCode(pending, code, ctx.clock.now(), () => ctx.limits.accountFailures.fail(account.email));
  delete session[key];
}

/**
 * An authenticator app code at the backend's clock, ±1 step, each time step accepted once. Wrong codes lock
 * the account's app codes and recovery codes like wrong passwords do (five, then a doubling wait).
 */
async function verifyTotp(account: Account, code: string, ctx: BackendContext): Promise<void> {
  const totp = account.totp;
  if (!totp) throw new HttpError(400, 'invalid_request', 'no authenticator app is set up');
  checkLockout(account, ctx);
  const step = matchTotp(totp.secret, code, ctx.clock.now());
  if (step === null || step <= totp.last_step) return failFactor(account, ctx);
  totp.last_step = step;
  ctx.limits.factorFailures.succeed(account.id);
  await ctx.accounts.save();
}

/** A recovery code, spelled any way (case, spaces, hyphen), used up by this sign-in. */
async function useRecoveryCode(account: Account, code: string, ctx: BackendContext): Promise<void> {
  checkLockout(account, ctx);
  const hash = hashRecoveryCode(code);
  const codes = account.recovery_codes ?? [];
  if (!codes.includes(hash)) return failFactor(account, ctx);
  account.recovery_codes = codes.filter((stored) => stored !== hash);
  ctx.limits.factorFailures.succeed(account.id);
  await ctx.accounts.save();
}

function checkLockout(account: Account, ctx: BackendContext): void {
  ctx.limits.accountFailures.refuseWhileLocked(account.email);
  const wait = ctx.limits.factorFailures.retryAfter(account.id);
  if (wait > 0) throw new HttpError(400, 'too_many_attempts', 'too many wrong codes; try later', { 'Retry-After': String(wait) });
}

async function failFactor(account: Account, ctx: BackendContext): Promise<never> {
  ctx.limits.accountFailures.fail(account.email);
  const wait = ctx.limits.factorFailures.fail(account.id);
  if (wait > 0) throw new HttpError(400, 'too_many_attempts', 'too many wrong codes; try later', { 'Retry-After': String(wait) });
  throw new HttpError(400, 'invalid_code', 'the code is wrong');
}
