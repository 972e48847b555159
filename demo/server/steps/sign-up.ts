import type { StepState } from '../../../src/protocol/index.js';
import type { AuthSession } from '../auth-sessions.js';
import type { BackendContext } from '../context.js';
import { HttpError } from '../http.js';
import { hashPassword, type PasswordHash } from '../passwords.js';
import { checkNewPassword, weakPassword } from '../password-policy.js';
import { sendEmailCode } from './email-otp.js';

/**
 * The sign_up step: check the optional password, then prove the address with an emailed code; the account
 * is created when the code is verified. For a taken address the answer is the same, and the mail says
 * "sign in instead" without a code (OWASP ASVS 5 6.3.8: no enumeration through sign-up). `send` mails the
 * proof: a code by default, a link where the backend prefers links (docs/protocol.md §20).
 */
export async function startSignUp(
  session: AuthSession,
  password: string | undefined,
  ctx: BackendContext,
  send: (request: { purpose: 'sign_up'; signUpPassword?: PasswordHash }) => StepState = (request) => sendEmailCode(session, ctx, request),
): Promise<StepState> {
  if (!ctx.signUpEnabled) throw new HttpError(400, 'sign_up_disabled', 'accounts cannot be created here');
  // NIST SP 800-63B-4 §3.1.1.2: a length minimum, no breached password, and no composition rules.
  const problem = password === undefined ? undefined : checkNewPassword(password, ctx.passwordMinLength);
  if (problem) throw weakPassword(problem, ctx.passwordMinLength);
  // Hash even for a taken address, so both answers take the same time.
  const signUpPassword = password === undefined ? undefined : await hashPassword(password);
  return send({ purpose: 'sign_up', ...(signUpPassword ? { signUpPassword } : {}) });
}
