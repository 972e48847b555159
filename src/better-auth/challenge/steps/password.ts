import { signInEmail } from 'better-auth/api';
import { callBetterAuth } from '../../better-auth-calls.js';
import { outOfOrder, stepError } from '../answers.js';
import { completeSignIn } from '../completion.js';
import type { StepContext } from '../context.js';
import { askSecondFactor } from './second-factor.js';

// `{ type: "password", password }` on better-auth's `/sign-in/email` (profile §2.5 "Password"). better-auth
// hashes a dummy password for an unknown address, so a wrong password and an unknown account take the same
// work; both answer the same `invalid_credentials`. With two-factor on, better-auth answers `twoFactorRedirect`
// and a signed `two_factor` cookie, which stays in the auth session's jar.

/** Signs in with the password, or asks for the second factor. */
export async function signInWithPassword(step: StepContext, password: unknown): Promise<Response> {
  const { session, auth } = step;
  if (!session.email) return outOfOrder(session, 'send the identifier first');
  if (typeof password !== 'string' || password.length === 0 || password.length > 1024) return outOfOrder(session, 'password must be a string');
  const result = await callBetterAuth(auth, signInEmail(), {
    method: 'POST',
    body: { email: session.email, password, rememberMe: true },
    jar: session.jar,
  });
  if (result.status !== 200) return stepError(session, 'invalid_credentials', 'the email or password is wrong');
  session.firstFactor = 'password';
  if (result.body?.['twoFactorRedirect'] === true) return askSecondFactor(step, result.body['twoFactorMethods']);
  return completeSignIn(step, result, 'password');
}
