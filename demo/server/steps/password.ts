import { HttpError } from '../http.js';
import { verifyPassword } from '../passwords.js';
import type { AuthSession } from '../auth-sessions.js';
import type { BackendContext } from '../context.js';
import type { StepOutcome } from './outcome.js';

/**
 * The password step. Wrong password and unknown account give the same `invalid_credentials` after the
 * same scrypt work (OWASP ASVS 5 6.3.8); failures are counted per typed address and lock it out after ten,
 * and count toward the account-level cap (failure-cap.ts).
 */
export async function signInWithPassword(session: AuthSession, password: string, ctx: BackendContext): Promise<StepOutcome> {
  const email = requireLoginHint(session);
  const lockout = ctx.limits.passwordFailures;
  const locked = lockout.retryAfter(email);
  if (locked > 0) throw tooManyAttempts(locked);
  ctx.limits.accountFailures.refuseWhileLocked(email);

  const account = ctx.accounts.findByEmail(email);
  if (await verifyPassword(password, account?.password)) {
    lockout.succeed(email);
    return { kind: 'authenticated', accountId: account!.id, method: 'password' };
  }
  ctx.limits.accountFailures.fail(email);
  const lockSeconds = lockout.fail(email);
  if (lockSeconds > 0) throw tooManyAttempts(lockSeconds);
  throw new HttpError(400, 'invalid_credentials', 'the email address or password is wrong');
}

function tooManyAttempts(seconds: number): HttpError {
  return new HttpError(400, 'too_many_attempts', 'too many wrong passwords; try later or use another method', {
    'Retry-After': String(seconds),
  });
}

/** Steps after the identifier need one; sending them first is a client bug. */
export function requireLoginHint(session: AuthSession): string {
  if (!session.loginHint) throw new HttpError(400, 'invalid_request', 'send the identifier step first');
  return session.loginHint;
}
