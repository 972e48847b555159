import { normaliseEmail } from '../../identifiers.js';
import { nextStep, stepError } from '../answers.js';
import type { StepBody, StepContext } from '../context.js';

// `identifier` → `select_method` (profile §2.2, §2.3): the answer is the same for every address, with or
// without an account (§2.6); no lookup is made here at all.

/** The `select_method` state for the session's address: the methods the configured plugins make possible. */
export function selectMethod(step: StepContext): Response {
  const { options, session } = step;
  const methods = [
    ...(options.has.passkey ? ['passkey'] : []),
    ...(options.has.password ? ['password'] : []),
    ...(options.has.emailOtp ? ['email_otp'] : []),
  ];
  return nextStep(session, {
    step: 'select_method',
    login_hint: session.email,
    methods,
    sign_up: options.signUp,
    password_min_length: options.passwordMinLength,
  });
}

/** `{ type: "identifier", login_hint }`: who is signing in. A new address resets pending codes. */
export function identify(step: StepContext, body: StepBody): Response {
  const email = normaliseEmail(body['login_hint']);
  if (!email) return stepError(step.session, 'invalid_request', 'login_hint is not an email address');
  step.session.email = email;
  delete step.session.code;
  delete step.session.signUpPassword;
  return selectMethod(step);
}
