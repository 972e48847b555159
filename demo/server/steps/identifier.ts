import type { StepState } from '../../../src/protocol/index.js';
import type { AuthSession } from '../auth-sessions.js';
import type { BackendContext } from '../context.js';
import { normalizeEmail } from '../identifiers.js';
import { prefersLinks } from './email-link.js';

/**
 * The identifier step: remember who is signing in and offer every method. The answer is the same for
 * known and unknown addresses (OWASP ASVS 5 6.3.8: no account enumeration), so it never reads the store.
 */
export function selectMethod(session: AuthSession, loginHint: string, ctx: BackendContext): StepState {
  const normalized = normalizeEmail(loginHint);
  if (session.loginHint !== normalized) {
    // A new identifier starts over: codes and choices for the previous one must not carry across.
    delete session.emailCode;
  }
  session.loginHint = normalized;
  return {
    step: 'select_method',
    login_hint: normalized,
    // Where links are preferred, `email_link` stands in for `email_otp` (docs/protocol.md §20.1).
    methods: ['passkey', 'password', prefersLinks(ctx, normalized) ? 'email_link' : 'email_otp'],
    sign_up: ctx.signUpEnabled,
    password_min_length: ctx.passwordMinLength,
  };
}
