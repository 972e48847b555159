import { randomBytes } from 'node:crypto';
import { callBetterAuth, errorCode, pluginEndpoint } from '../../better-auth-calls.js';
import { destinationHint } from '../../identifiers.js';
import { CODE_ATTEMPTS, RESEND_AFTER_SECONDS } from '../../options.js';
import type { PendingCode } from '../../auth-sessions.js';
import { nextStep, outOfOrder, rateLimited, stepError } from '../answers.js';
import { completeSignIn } from '../completion.js';
import type { StepContext } from '../context.js';

// Email codes as a first factor (profile §2.5 "Email code"), on better-auth's emailOTP plugin:
// `/email-otp/send-verification-otp` (type `sign-in`) and `/sign-in/email-otp`, which also creates the account of
// an unknown address. The adapter keeps the profile's rules around them: the 30 s cooldown, five wrong tries,
// and a code-less mail that still counts down like a real one (§2.6).

/** The request header through which the app's `sendVerificationOTP` learns why the code is sent. */
export const MAIL_PURPOSE_HEADER = 'x-latchkey-mail-purpose';

/** The `email_otp` state for the pending code. */
export function codeState(step: StepContext, code: PendingCode, extra: Record<string, unknown> = {}): Response {
  return nextStep(step.session, {
    step: 'email_otp',
    purpose: code.purpose,
    destination_hint: destinationHint(step.session.email!),
    code_length: step.options.codeLength,
    expires_in: step.options.emailCodeTtl,
    resend_after: RESEND_AFTER_SECONDS,
    ...extra,
  });
}

/**
 * Emails a code for `purpose` through better-auth, or a code-less notice when `usable` is false. The caller
 * decided which; both paths answer alike. Returns the `429` answer when the address is cooling down.
 */
export async function sendCode(step: StepContext, purpose: PendingCode['purpose'], usable: boolean): Promise<Response | undefined> {
  const { session, state, auth, options } = step;
  const email = session.email!;
  const wait = state.cooldown.retryAfter(email);
  if (wait > 0) return rateLimited(session, wait);
  state.cooldown.record(email);
  if (usable) {
    await callBetterAuth(auth, pluginEndpoint(auth, 'email-otp', 'sendVerificationOTP'), {
      method: 'POST',
      body: { email, type: 'sign-in' },
      headers: { [MAIL_PURPOSE_HEADER]: purpose },
    });
  } else {
    await storeDecoyCode(step);
    await options.sendNotice({ kind: purpose === 'sign_up' ? 'account_exists' : 'no_account', email });
  }
  session.code = { purpose, usable, wrongTries: 0 };
  return undefined;
}

/**
 * The code-less path does the database work of storing a code (a row written and removed), so it takes about as
 * long as better-auth's send: §2.6 counts response time too.
 */
async function storeDecoyCode(step: StepContext): Promise<void> {
  const identifier = `latchkey-decoy-${randomBytes(16).toString('hex')}`;
  await step.auth.internalAdapter.createVerificationValue({ identifier, value: randomBytes(16).toString('hex'), expiresAt: new Date(Date.now() + 60_000) });
  await step.auth.internalAdapter.deleteVerificationByIdentifier(identifier);
}

/** `{ type: "email_otp", action: "send" }` as a first factor. */
export async function sendSignInCode(step: StepContext): Promise<Response> {
  const { session, auth, options } = step;
  if (!session.email) return outOfOrder(session, 'send the identifier first');
  // A resend keeps the purpose of the pending code (a sign-up's code stays a sign-up's).
  const purpose = session.code?.purpose ?? 'sign_in';
  const exists = Boolean(await auth.internalAdapter.findUserByEmail(session.email));
  const usable = purpose === 'sign_up' ? !exists : exists || options.signUp;
  const refused = await sendCode(step, purpose, usable);
  return refused ?? codeState(step, session.code!);
}

/** `{ type: "email_otp", action: "verify", code }` as a first factor. */
export async function verifySignInCode(step: StepContext, typed: unknown): Promise<Response> {
  const { session, auth } = step;
  const code = session.code;
  if (!session.email || !code) return outOfOrder(session, 'send a code first');
  if (typeof typed !== 'string' || typed.length > 32) return outOfOrder(session, 'code must be a string');
  if (code.wrongTries >= CODE_ATTEMPTS) return tooManyAttempts(step);
  if (!code.usable) return wrongCode(step, code);
  const result = await callBetterAuth(auth, pluginEndpoint(auth, 'email-otp', 'signInEmailOTP'), {
    method: 'POST',
    body: { email: session.email, otp: typed },
    jar: session.jar,
  });
  if (result.status === 200) {
    await setSignUpPassword(step, result);
    return completeSignIn(step, result, 'email_otp');
  }
  const failure = errorCode(result);
  if (failure === 'OTP_EXPIRED') return stepError(session, 'expired_code', 'the code has expired; send a new one');
  if (failure === 'TOO_MANY_ATTEMPTS') return tooManyAttempts(step);
  return wrongCode(step, code);
}

/** A wrong code: tries 1–4 say how many are left, the 5th burns the code (§2.5). */
function wrongCode(step: StepContext, code: PendingCode): Response {
  code.wrongTries++;
  if (code.wrongTries >= CODE_ATTEMPTS) return tooManyAttempts(step);
  return stepError(step.session, 'invalid_code', 'the code is wrong', { attempts_remaining: CODE_ATTEMPTS - code.wrongTries });
}

function tooManyAttempts(step: StepContext): Response {
  return stepError(step.session, 'too_many_attempts', 'too many wrong codes; send a new one', { attempts_remaining: 0 });
}

/** A sign-up with a password: better-auth created a passwordless account from the code; give it the password. */
async function setSignUpPassword(step: StepContext, result: { body: Record<string, unknown> | null }): Promise<void> {
  const password = step.session.signUpPassword;
  const user = result.body?.['user'] as { id?: string } | undefined;
  if (!password || !user?.id) return;
  const accounts = await step.auth.internalAdapter.findAccounts(user.id);
  if (accounts.some((account) => account.providerId === 'credential')) return;
  await step.auth.internalAdapter.linkAccount({
    userId: user.id,
    providerId: 'credential',
    accountId: user.id,
    password: await step.auth.password.hash(password),
  });
}
