import type { StepState } from '../../../src/protocol/index.js';
import type { AuthSession } from '../auth-sessions.js';
import type { BackendContext } from '../context.js';
import { preferredMethod } from '../devices.js';
import { normalizeEmail } from '../identifiers.js';
import { leakAccount } from '../mutants.js';
import { prefersLinks } from './email-link.js';

/**
 * The identifier step: remember who is signing in and offer every method. The answer is the same for
 * known and unknown addresses (OWASP ASVS 5 6.3.8: no account enumeration): the only thing read from the
 * store is `preferred_method`, and only for a browser whose `latch_device` cookie completed a sign-in to this
 * very account (profile §19.1), which a browser that never did gets for no address.
 */
export function selectMethod(session: AuthSession, loginHint: string, ctx: BackendContext, deviceId?: string): StepState {
  const normalized = normalizeEmail(loginHint);
  if (session.loginHint !== normalized) {
    // A new identifier starts over: codes and choices for the previous one must not carry across.
    delete session.emailCode;
    delete session.passwordReset;
    delete session.signUpConsents;
  }
  session.loginHint = normalized;
  // Only `password` changes what the widget shows, so only it is said: less for a shared browser to tell.
  const preferred = preferredMethod(deviceId ? ctx.accounts.findByEmail(normalized) : undefined, deviceId) === 'password' ? 'password' : undefined;
  const policies = ctx.signUpEnabled ? ctx.accountPolicies.offered() : [];
  return {
    step: 'select_method',
    login_hint: normalized,
    // Where links are preferred, `email_link` stands in for `email_otp` (docs/protocol.md §20.1).
    methods: leakAccount(ctx.mutant, ctx.accounts.findByEmail(normalized) !== undefined, ['passkey', 'password', prefersLinks(ctx, normalized) ? 'email_link' : 'email_otp']),
    sign_up: ctx.signUpEnabled,
    password_min_length: ctx.passwordMinLength,
    ...(preferred ? { preferred_method: preferred } : {}),
    // The same for every address (profile §24.1): what a new account would accept.
    ...(policies.length ? { policies } : {}),
  };
}
