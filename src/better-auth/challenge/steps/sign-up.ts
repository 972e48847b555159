import { outOfOrder, stepError } from '../answers.js';
import type { StepContext } from '../context.js';
import { codeState, sendCode } from './email-code.js';

// `{ type: "sign_up", password? }` (profile §2.5 "Sign-up"): check the password's length in code points, then
// email a code; verifying it creates the account (better-auth's email-OTP sign-in does) and sets the password.
// A registered address gets the identical answer and an "already registered" mail without a code (§2.6).

/** Starts a sign-up. */
export async function signUp(step: StepContext, password: unknown): Promise<Response> {
  const { session, options, auth } = step;
  if (!session.email) return outOfOrder(session, 'send the identifier first');
  if (!options.signUp) return stepError(session, 'sign_up_disabled', 'this service does not create accounts here');
  if (password !== undefined && (typeof password !== 'string' || password.length > 1024)) return outOfOrder(session, 'password must be a string');
  if (typeof password === 'string' && [...password].length < options.passwordMinLength) {
    return stepError(session, 'weak_password', `use at least ${options.passwordMinLength} characters`, {
      field_errors: [{ field: 'password', code: 'too_short' }],
    });
  }
  const exists = Boolean(await auth.internalAdapter.findUserByEmail(session.email));
  const refused = await sendCode(step, 'sign_up', !exists);
  if (refused) return refused;
  if (typeof password === 'string') session.signUpPassword = password;
  else delete session.signUpPassword;
  return codeState(step, session.code!);
}
