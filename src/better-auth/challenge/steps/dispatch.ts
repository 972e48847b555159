import { outOfOrder } from '../answers.js';
import type { StepBody, StepContext } from '../context.js';
import { sendSignInCode, verifySignInCode } from './email-code.js';
import { identify } from './identifier.js';
import { signInWithPassword } from './password.js';
import { passkeyOptions, verifyPasskey } from './passkey.js';
import { factorStep, isFactorStep } from './second-factor.js';
import { signUp } from './sign-up.js';
import { reauthenticationStep } from './step-up.js';

// One intermediate step (profile §2.2) to its handler. While a second factor is asked for only factor steps
// are accepted; a factor step outside one is out of order.

/** Runs the step `body` names in this transaction. */
export async function runStep(step: StepContext, body: StepBody): Promise<Response> {
  if (step.session.stepUp) return reauthenticationStep(step, body);
  if (step.session.factor) {
    return isFactorStep(body.type) ? factorStep(step, body) : outOfOrder(step.session, 'a second factor is asked for');
  }
  const options = step.options.has;
  switch (body.type) {
    case 'identifier':
      return identify(step, body);
    case 'email_otp':
      if (!options.emailOtp) break;
      if (body['action'] === 'send') return sendSignInCode(step);
      if (body['action'] === 'verify') return verifySignInCode(step, body['code']);
      return outOfOrder(step.session, 'action must be send or verify');
    case 'password':
      if (!options.password) break;
      return signInWithPassword(step, body['password']);
    case 'sign_up':
      if (!options.emailOtp) break;
      return signUp(step, body['password']);
    case 'webauthn':
      if (!options.passkey) break;
      if (body['action'] === 'options') return passkeyOptions(step);
      if (body['action'] === 'verify') return verifyPasskey(step, body['response']);
      return outOfOrder(step.session, 'action must be options or verify');
  }
  return outOfOrder(step.session, `step ${body.type} is not accepted here`);
}
