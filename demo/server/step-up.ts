import type { ChallengeSuccessResponse, InitialChallengeRequest, StepState } from '../../src/protocol/index.js';
import { acrFor, acrSatisfies, factorsFromAmr, isSupportedAcr, type UsedFactor } from './assurance.js';
import type { AuthSession, AuthorizationRequest } from './auth-sessions.js';
import { issueAuthorizationCode, signInSucceeded, type RequestContext } from './completion.js';
import type { BackendContext } from './context.js';
import { HttpError } from './http.js';
import { accountFactors } from './risk.js';
import type { WebSession } from './session.js';
import type { Account } from './store.js';
import { enterFactor } from './steps/factors.js';

/** What a step-up must reach: one of `acrValues` (the supported ones asked for), and/or `maxAge`. */
export interface StepUpRequirement {
  acrValues: string[];
  maxAge?: number;
}

/**
 * Whether a session reaches the requirement: its level satisfies one of the `acr_values` ({@link acrSatisfies}),
 * and the user authenticated at most `max_age` seconds ago (OIDC Core §3.1.2.1; `max_age=0` always asks again).
 */
export function satisfies(session: Pick<WebSession, 'acr' | 'authTime'>, requirement: StepUpRequirement, now: number): boolean {
  if (requirement.acrValues.length > 0 && !acrSatisfies(session.acr, requirement.acrValues)) return false;
  if (requirement.maxAge !== undefined && (requirement.maxAge === 0 || now - session.authTime > requirement.maxAge)) return false;
  return true;
}

/**
 * Whether one more of the account's factors would lift a session with this `amr` to `acr` (the step-up's own
 * rule, below). A customer who signed in by email code and has nothing else cannot reach multi-factor: asking
 * for it would be refused, so a resource asks such a customer for a recent sign-in only.
 */
export function canReachLevel(amr: readonly string[], account: Account, acr: string): boolean {
  const used = factorsFromAmr(amr);
  return accountFactors(account).some((factor) => acrSatisfies(acrFor([...used, factor]), [acr]));
}

/**
 * The initial request of a step-up (RFC 9470 §4 over FiPA §5.1: `acr_values` and/or `max_age`, the session
 * cookie names the user). Answers the user's strongest factor that reaches the requirement, with
 * `reason: "step_up"` and the others as `alternatives`; a passkey answers with request options at once, so
 * the whole step-up is two round trips. A session that already satisfies the requirement gets its code
 * straight away.
 */
export async function startStepUp(
  request: InitialChallengeRequest,
  authorization: AuthorizationRequest,
  ctx: BackendContext,
  requestContext: RequestContext,
): Promise<{ session: AuthSession; next: StepState } | { body: ChallengeSuccessResponse }> {
  const web = requestContext.sessionId ? ctx.webSessions.get(requestContext.sessionId) : undefined;
  const account = web && ctx.accounts.findById(web.accountId);
  if (!web || !account) throw new HttpError(400, 'login_required', 'sign in first');

  const requested = (request.acr_values ?? '').split(' ').filter(Boolean);
  const acrValues = requested.filter(isSupportedAcr);
  // OpenID Connect Core §3.1.2.6: a level this backend cannot reach is "unmet", not a reason to sign in again.
  if (requested.length > 0 && acrValues.length === 0) throw unmet('none of the requested acr_values is supported');
  const requirement: StepUpRequirement = { acrValues, ...(request.max_age !== undefined ? { maxAge: Number(request.max_age) } : {}) };

  const session = ctx.authSessions.create(authorization);
  if (satisfies(web, requirement, ctx.clock.nowSeconds())) {
    return { body: { authorization_code: await issueAuthorizationCode(session, web, ctx) } };
  }
  // The factors whose proof, added to the session's, reaches the level; the freshness comes with any of them.
  const factors = accountFactors(account).filter((factor) =>
    satisfies({ acr: acrFor([...web.factors, factor]), authTime: Number.MAX_SAFE_INTEGER }, { acrValues }, 0),
  );
  if (factors.length === 0) {
    ctx.authSessions.delete(session.id);
    throw unmet('this account has no factor that reaches the requested level');
  }
  // One step-up per web session at a time: an abandoned one ends here, and its codes carry over so a code
  // it sent still works while the resend cooldown holds a new one back (enterFactor keeps a live code).
  for (const earlier of ctx.authSessions.takeStepUps(web.id)) {
    if (earlier.emailCode) session.emailCode = earlier.emailCode;
    if (earlier.smsCode) session.smsCode = earlier.smsCode;
  }
  session.loginHint = account.email;
  session.factorChallenge = {
    kind: 'step_up',
    accountId: account.id,
    reason: 'step_up',
    factors,
    webSessionId: web.id,
    smsHost: requestContext.smsHost,
  };
  try {
    return { session, next: await enterFactor(session, session.factorChallenge, factors[0]!, ctx) };
  } catch (error) {
    ctx.authSessions.delete(session.id);
    throw error;
  }
}

/**
 * The step-up's factor is proven: the web session is upgraded in place (new id, amr ∪ factor, acr
 * recomputed, auth_time now) and the code carries the new level. The finishing request must come with the
 * same session cookie the step-up started with.
 */
export async function completeStepUp(
  session: AuthSession,
  factor: UsedFactor,
  ctx: BackendContext,
  requestContext: RequestContext,
): Promise<{ body: ChallengeSuccessResponse; cookies: string[] }> {
  const challenge = session.factorChallenge!;
  const web = challenge.webSessionId ? ctx.webSessions.get(challenge.webSessionId) : undefined;
  const account = web && ctx.accounts.findById(web.accountId);
  if (!web || !account || requestContext.sessionId !== web.id) {
    ctx.authSessions.delete(session.id);
    throw new HttpError(400, 'login_required', 'the session ended during the step-up; sign in again');
  }
  const deviceCookie = await signInSucceeded(account, ctx, requestContext);
  const upgraded = ctx.webSessions.upgrade(web, factor);
  const authorization_code = await issueAuthorizationCode(session, upgraded.session, ctx);
  return { body: { authorization_code }, cookies: [upgraded.cookie, deviceCookie] };
}

function unmet(description: string): HttpError {
  return new HttpError(400, 'unmet_authentication_requirements', description);
}
