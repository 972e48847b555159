import { createHash, randomBytes } from 'node:crypto';
import type { StepRequest, StepState } from '../../../src/protocol/index.js';
import type { AuthSession, FactorChallenge } from '../auth-sessions.js';
import type { RequestContext } from '../completion.js';
import type { BackendContext } from '../context.js';
import { hashDevice, nameDevice } from '../devices.js';
import { SITE_NAME } from '../html.js';
import { HttpError } from '../http.js';
import { destinationHint } from '../one-time-codes.js';
import type { Account } from '../store.js';
import { enterFactor } from './factors.js';
import type { StepOutcome } from './outcome.js';

// Getting back in after losing the only other factor (docs/protocol.md §22). A customer stuck at a second
// factor they cannot give (a lost passkey) has proven the mailbox with the first one; the backend decides the
// way back: the account's recovery codes when it has some, else the mailbox plus a waiting period, during which
// the mailbox is told (with a cancel link) and any use of the passkey cancels it. Only the browser that asked
// can finish, by proving the mailbox again once the period is over.

/** The reference waiting period (`LATCH_RECOVERY_WAIT`): a day, long enough for the owner to see the notice. */
export const RECOVERY_WAIT_SECONDS = 24 * 60 * 60;

/** `account_recovery` + `start`, inside a second factor: recovery codes, an email code, or the waiting period. */
async function startRecovery(
  session: AuthSession,
  challenge: FactorChallenge,
  ctx: BackendContext,
  request: RequestContext,
): Promise<StepOutcome> {
  const account = recoverable(challenge, ctx);
  // A factor the customer can still give is the way back: recovery codes, or an email code after a password.
  // Offered once: asking again (those are lost too) goes on to the waiting period.
  const other = challenge.factors.find((factor) => factor === 'recovery_code' || factor === 'email_otp');
  if (other && !challenge.recoveryOffered) {
    challenge.recoveryOffered = true;
    return { kind: 'next', state: await enterFactor(session, challenge, other, ctx) };
  }
  const { id, cookie } = nameDevice(request.deviceId, ctx.webSessions.secureCookies);
  const pending = account.recovery;
  if (!pending || pending.device_hash !== hashDevice(id)) await requestRecovery(account, hashDevice(id), ctx);
  return { kind: 'next', state: waitingState(account, challenge), cookies: request.deviceId ? [] : [cookie] };
}

/**
 * After an email code on a new browser: when this browser asked for a recovery whose period is over, the
 * answer is `ready` instead of the factor the customer lost. Otherwise `undefined` (the usual factor state).
 */
export function readyRecovery(account: Account, challenge: FactorChallenge, ctx: BackendContext, deviceId: string | undefined): StepState | undefined {
  if (challenge.first?.factor !== 'email_otp' || !isReady(account, deviceId, ctx)) return undefined;
  return { step: 'account_recovery', status: 'ready', reason: challenge.reason, alternatives: challenge.factors };
}

/** `account_recovery` + `finish`: only in the browser that asked, after the period, in a sign-in that proved the mailbox again. */
async function finishRecovery(challenge: FactorChallenge, ctx: BackendContext, request: RequestContext): Promise<StepOutcome> {
  const account = recoverable(challenge, ctx);
  if (challenge.first?.factor !== 'email_otp' || !isReady(account, request.deviceId, ctx)) {
    throw new HttpError(400, 'recovery_not_ready', 'this browser has no account recovery ready to finish');
  }
  delete account.recovery;
  await ctx.accounts.save();
  ctx.mailbox.send({
    to: account.email,
    purpose: 'account_recovery_completed',
    code: null,
    subject: `You got back into your ${SITE_NAME} account`,
    text: `You signed in to your ${SITE_NAME} account without its passkey, after the waiting period.\n\nIf this was you, create a new passkey and remove the lost one from your account's passkey list.\n\nIf it wasn't you, someone can read this mailbox: secure your email, then sign in with your passkey and remove any passkey you don't recognise.`,
  });
  return { kind: 'authenticated', accountId: account.id, method: 'email_otp', mailed: true };
}

/** One step of the recovery inside a second factor. */
export function runRecoveryStep(
  session: AuthSession,
  challenge: FactorChallenge,
  step: Extract<StepRequest, { type: 'account_recovery' }>,
  ctx: BackendContext,
  request: RequestContext,
): Promise<StepOutcome> {
  return step.action === 'start' ? startRecovery(session, challenge, ctx, request) : finishRecovery(challenge, ctx, request);
}

/** Ends a waiting recovery: its cancel link was confirmed, or the passkey it was meant to replace was used. */
export async function cancelRecovery(account: Account, ctx: BackendContext): Promise<void> {
  if (!account.recovery) return;
  delete account.recovery;
  await ctx.accounts.save();
}

/** The account whose recovery the cancel link's token names, if it is still waiting. */
export function findByCancelToken(token: string, ctx: BackendContext): Account | undefined {
  const hash = hashToken(token);
  return ctx.accounts.find((account) => account.recovery?.cancel_hash === hash);
}

function recoverable(challenge: FactorChallenge, ctx: BackendContext): Account {
  // A step-up proves the signed-in customer again: nothing to recover there.
  if (challenge.kind !== 'second_factor') throw new HttpError(400, 'invalid_request', 'account recovery is for signing in');
  const account = ctx.accounts.findById(challenge.accountId);
  if (!account) throw new HttpError(400, 'invalid_session', 'the account no longer exists');
  return account;
}

function isReady(account: Account, deviceId: string | undefined, ctx: BackendContext): boolean {
  const pending = account.recovery;
  return !!pending && !!deviceId && pending.device_hash === hashDevice(deviceId) && ctx.clock.nowSeconds() >= pending.available_at;
}

/** A new waiting period for this browser (replacing one another browser asked for), and the notice to the mailbox. */
async function requestRecovery(account: Account, deviceHash: string, ctx: BackendContext): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.nowSeconds();
  account.recovery = { device_hash: deviceHash, requested_at: now, available_at: now + ctx.recoveryWaitSeconds, cancel_hash: hashToken(token) };
  await ctx.accounts.save();
  const when = new Date(account.recovery.available_at * 1000).toISOString().replace('T', ' ').slice(0, 16);
  ctx.mailbox.send({
    to: account.email,
    purpose: 'account_recovery',
    code: null,
    subject: `Someone asked to get into your ${SITE_NAME} account without its passkey`,
    text: `Someone who can read this mailbox asked to sign in to your ${SITE_NAME} account without its passkey.\n\nIf it was you: from ${when} UTC, sign in again in the same browser with an email code to finish.\n\nIf it wasn't you, cancel it here (nothing changes until you confirm on that page):\n${ctx.issuer}/recovery/cancel?token=${token}\n\nSigning in with your passkey also cancels it.`,
  });
}

function waitingState(account: Account, challenge: FactorChallenge): StepState {
  return {
    step: 'account_recovery',
    status: 'waiting',
    available_at: account.recovery!.available_at,
    destination_hint: destinationHint(account.email),
    reason: challenge.reason,
    alternatives: challenge.factors,
  };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
