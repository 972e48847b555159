import { callBetterAuth, pluginEndpoint } from '../../better-auth-calls.js';
import { findTwoFactor } from '../../account/two-factor-store.js';
import { destinationHint } from '../../identifiers.js';
import { RESEND_AFTER_SECONDS } from '../../options.js';
import type { FactorState } from '../../auth-sessions.js';
import { nextStep, outOfOrder, rateLimited, stepError } from '../answers.js';
import { completeSignIn } from '../completion.js';
import { checkTotpCode, rememberTotpStep, type TotpCodeCheck } from '../../totp-time-steps.js';
import type { StepContext } from '../context.js';

// Second factors where better-auth's twoFactor plugin asks for them (profile §13, §2.3 "Factor states"): after a
// password sign-in of an account with two-factor on. Its `twoFactorMethods` (`totp`, `otp`) become the factors
// `totp` and `email_otp`; backup codes are `recovery_code`. Each step calls the plugin's own verify endpoint with
// the `two_factor` cookie held in the auth session's jar.

type FactorName = FactorState['current'];

/** better-auth's method names → the profile's factors, strongest first (§2.3: alternatives strongest first). */
function offeredFactors(methods: unknown): FactorName[] {
  const names = Array.isArray(methods) ? methods : [];
  return [...(names.includes('totp') ? (['totp'] as const) : []), ...(names.includes('otp') ? (['email_otp'] as const) : []), 'recovery_code'];
}

/** Answers the first factor state after `twoFactorRedirect`, emailing a code if that is the first factor. */
export async function askSecondFactor(step: StepContext, methods: unknown): Promise<Response> {
  const offered = offeredFactors(methods);
  step.session.factor = { current: offered[0]!, offered };
  return enterFactor(step, offered[0]!);
}

/** The state of `factor`, with `reason` and the other offered factors as `alternatives`. */
async function enterFactor(step: StepContext, factor: FactorName): Promise<Response> {
  const state = step.session.factor!;
  state.current = factor;
  const common = { reason: 'mfa_enrolled', alternatives: state.offered.filter((other) => other !== factor) };
  if (factor === 'totp') return nextStep(step.session, { step: 'totp', code_length: 6, ...common });
  if (factor === 'recovery_code') return nextStep(step.session, { step: 'recovery_code', ...common });
  const refused = await sendFactorCode(step);
  return refused ?? nextStep(step.session, emailFactorState(step, common));
}

function emailFactorState(step: StepContext, common: Record<string, unknown>): Record<string, unknown> {
  return {
    step: 'email_otp',
    purpose: 'sign_in',
    destination_hint: destinationHint(step.session.email!),
    code_length: step.options.codeLength,
    expires_in: step.options.emailCodeTtl,
    resend_after: RESEND_AFTER_SECONDS,
    ...common,
  };
}

/** `/two-factor/send-otp`, under the same per-address cooldown as sign-in codes. */
async function sendFactorCode(step: StepContext): Promise<Response | undefined> {
  const { session, state, auth } = step;
  const wait = state.cooldown.retryAfter(session.email!);
  if (wait > 0) return rateLimited(session, wait);
  state.cooldown.record(session.email!);
  await callBetterAuth(auth, pluginEndpoint(auth, 'two-factor', 'sendTwoFactorOTP'), { method: 'POST', body: {}, jar: session.jar });
  return undefined;
}

/** Is this step a factor step, answered here while a factor is asked for? */
export function isFactorStep(type: string): boolean {
  return ['select_factor', 'totp', 'email_otp', 'recovery_code'].includes(type);
}

/** Handles a factor step (§2.2: while a factor is asked for, only these are accepted). */
export async function factorStep(step: StepContext, body: Record<string, unknown> & { type: string }): Promise<Response> {
  const state = step.session.factor;
  if (!state) return outOfOrder(step.session, 'no second factor is asked for');
  if (body.type === 'select_factor') {
    const wanted = body['factor'];
    if (!state.offered.includes(wanted as FactorName)) return outOfOrder(step.session, 'that factor is not offered');
    return enterFactor(step, wanted as FactorName);
  }
  if (body.type !== state.current) return outOfOrder(step.session, `answer the ${state.current} step or select another factor`);
  if (body.type === 'email_otp' && body['action'] === 'send') {
    const refused = await sendFactorCode(step);
    return refused ?? nextStep(step.session, emailFactorState(step, { reason: 'mfa_enrolled', alternatives: state.offered.filter((f) => f !== 'email_otp') }));
  }
  return verifyFactor(step, state.current, body['code']);
}

const VERIFY_ENDPOINT: Record<FactorName, string> = {
  totp: 'verifyTOTP',
  email_otp: 'verifyTwoFactorOTP',
  recovery_code: 'verifyBackupCode',
};

async function verifyFactor(step: StepContext, factor: FactorName, code: unknown): Promise<Response> {
  const { session, auth } = step;
  if (typeof code !== 'string' || code.length === 0 || code.length > 64) return outOfOrder(session, 'code must be a string');
  // Profile §14: a TOTP time step that already succeeded is a wrong code; refused here, better-auth never sees it.
  const totp = factor === 'totp' ? await checkTotp(step, code) : null;
  if (totp?.spent) return stepError(session, 'invalid_code', 'the code is wrong');
  const result = await callBetterAuth(auth, pluginEndpoint(auth, 'two-factor', VERIFY_ENDPOINT[factor]), {
    method: 'POST',
    body: { code: factor === 'recovery_code' ? code.trim() : code },
    jar: session.jar,
  });
  if (result.status === 200) {
    if (totp) await rememberTotpStep(auth, totp.rowId, totp.step);
    return completeSignIn(step, result, session.firstFactor ?? 'password');
  }
  if (result.status === 401 && /TWO_FACTOR|COOKIE/i.test(String(result.body?.['code']))) {
    return stepError(session, 'invalid_session', 'the sign-in took too long; start again');
  }
  // This wrong code may have been the one that locked the account; a locked account says so, with the wait.
  const locked = await lockedOut(step);
  if (locked) return locked;
  if (/TOO_MANY_ATTEMPTS|LOCKED/.test(String(result.body?.['code']))) return stepError(session, 'too_many_attempts', 'too many wrong codes', { attempts_remaining: 0 });
  return stepError(session, 'invalid_code', 'the code is wrong');
}

/** The TOTP code's time step on the signing-in account. */
async function checkTotp(step: StepContext, code: string): Promise<TotpCodeCheck | null> {
  const userId = await signingInUser(step);
  return userId ? checkTotpCode(step.auth, userId, code) : null;
}

/**
 * better-auth's account lock (twoFactor's `accountLockout`: consecutive wrong app, backup and emailed codes) is the
 * profile's `400 too_many_attempts` with `Retry-After` (§7, §14), the wait being what its `lockedUntil` has left;
 * `undefined` while the account is not locked.
 */
async function lockedOut(step: StepContext): Promise<Response | undefined> {
  const userId = await signingInUser(step);
  const row = userId ? ((await findTwoFactor(step.auth, userId)) as { lockedUntil?: Date | string | null } | null) : null;
  const wait = row?.lockedUntil ? Math.ceil((new Date(row.lockedUntil).getTime() - Date.now()) / 1000) : 0;
  if (wait <= 0) return undefined;
  return stepError(step.session, 'too_many_attempts', 'too many wrong codes; try later', { attempts_remaining: 0 }, 400, { 'Retry-After': String(wait) });
}

/** The account signing in (the address of the auth session; better-auth's two-factor cookie names the same user). */
async function signingInUser(step: StepContext): Promise<string | undefined> {
  return (await step.auth.internalAdapter.findUserByEmail(step.session.email!))?.user.id;
}
