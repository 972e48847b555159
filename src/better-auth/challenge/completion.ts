import { jsonAnswer } from '../http/answers.js';
import type { CallResult } from '../better-auth-calls.js';
import type { StepContext } from './context.js';
import { saveProviderCode } from '../redirect/provider-codes.js';
import type { IssuedCode } from '../authorization-codes.js';

// A sign-in is done when a better-auth call set its session cookie. The adapter records how the user signed in
// on that session (better-auth keeps no `amr`), mints the authorization code, ends the auth session and hands the
// browser better-auth's `Set-Cookie` lines: session completion (profile §2.4, §3). With oauth-provider the code
// is also stored where its token endpoint redeems it (`tokens` completion).

/** RFC 8176 values per first factor (profile §2.5). */
const AMR: Record<string, string[]> = { password: ['pwd'], email_otp: ['otp'], passkey: ['hwk', 'user'] };
/** RFC 8176 values per second factor. */
const FACTOR_AMR: Record<string, string> = { totp: 'otp', email_otp: 'otp', recovery_code: 'kba' };

/** The `200 {authorization_code}` of a finished sign-in. */
export async function completeSignIn(step: StepContext, result: CallResult, firstFactor: 'password' | 'email_otp' | 'passkey'): Promise<Response> {
  const { session, auth, state } = step;
  const token = sessionToken(result);
  const user = result.body?.['user'] as { id?: string } | undefined;
  const amr = [...(session.stepUp?.amr ?? []), ...AMR[firstFactor]!];
  if (session.factor) amr.push(FACTOR_AMR[session.factor.current]!);
  const method = session.stepUp ? session.stepUp.method : firstFactor;
  if (token) await auth.internalAdapter.updateSession(token, { latchkeyMethod: method ?? null, latchkeyAmr: [...new Set(amr)].join(' ') });
  // A re-authentication signed in anew: the old session ends, so the id rotates on the privilege change (§12.2).
  if (session.stepUp && token !== session.stepUp.sessionToken) await auth.internalAdapter.deleteSession(session.stepUp.sessionToken);
  const grant = {
    clientId: session.clientId,
    codeChallenge: session.codeChallenge,
    nonce: session.nonce,
    scope: session.scope,
    userId: user?.id ?? '',
    sessionToken: token,
  };
  const code = await issueCode(step, grant);
  if (session.email) state.cooldown.release(session.email);
  state.sessions.end(session);
  return jsonAnswer(200, { authorization_code: code }, { 'Set-Cookie': result.setCookies });
}

/** Mints the code of a finished sign-in; with oauth-provider it is also redeemable at its token endpoint. */
export async function issueCode(step: StepContext, grant: Omit<IssuedCode, 'expiresAt'>): Promise<string> {
  const code = step.state.codes.issue(grant);
  if (step.options.has.oauthProvider) await saveProviderCode(step.auth, code, grant);
  return code;
}

/** The new session's token: sign-in endpoints answer `{ token }`, the passkey one `{ session: { token } }`. */
function sessionToken(result: CallResult): string | undefined {
  const direct = result.body?.['token'];
  if (typeof direct === 'string') return direct;
  const nested = (result.body?.['session'] as { token?: unknown } | undefined)?.token;
  return typeof nested === 'string' ? nested : undefined;
}
