import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  InitialChallengeRequest,
  StepRequestBody,
  type StepRequest,
  type StepState,
} from '../../src/protocol/index.js';
import type { UsedFactor } from './assurance.js';
import type { AuthSession } from './auth-sessions.js';
import { completeSignIn, type RequestContext } from './completion.js';
import type { BackendContext } from './context.js';
import { deviceInfo } from './device-info.js';
import { deviceIdFrom } from './devices.js';
import { clientIp, HttpError, mediaType, readBody, readCookies, readJson, requireJson, sendError, sendJson } from './http.js';
import { SUPPORTED_SCOPES } from './provider.js';
import { noteFailedStep } from './sign-ins.js';
import { secondFactorReason, secondFactorsAfter } from './risk.js';
import { SESSION_COOKIE } from './session.js';
import { smsHost } from './sms.js';
import { completeStepUp, startStepUp } from './step-up.js';
import { refuseForeignOrigin } from './user-auth.js';
import { readyRecovery, runRecoveryStep } from './steps/account-recovery.js';
import { resendEmailCode, verifyEmailCode } from './steps/email-otp.js';
import { confirmEmailLink, linkBinderOf, linkCookie, pollEmailLink, prefersLinks, resendEmailLink, sendEmailLink, startResetByLink } from './steps/email-link.js';
import { accountStepBefore, runAccountStep } from './steps/consent.js';
import { enterFactor, runFactorStep } from './steps/factors.js';
import { selectMethod } from './steps/identifier.js';
import type { StepOutcome } from './steps/outcome.js';
import { signInWithPassword } from './steps/password.js';
import { resetCodeStep, resetFactorPassed, setNewPassword, startPasswordReset } from './steps/password-reset.js';
import { startSignUp } from './steps/sign-up.js';
import { finishPasskeySignIn, startPasskeySignIn } from './steps/webauthn.js';
import { discoverableRequestOptions } from './webauthn.js';
import { relaxPkce } from './mutants.js';

/**
 * `POST /authorize-challenge` (draft-ietf-oauth-first-party-apps §5): the form-encoded initial request
 * opens an auth_session (a sign-in, or with `acr_values`/`max_age` a step-up of the signed-in user); JSON
 * intermediate requests (§5.3) carry one step each until an authorization code is issued (§5.2.1).
 */
export async function handleAuthorizationChallenge(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: BackendContext,
): Promise<void> {
  let session: AuthSession | undefined;
  let step: StepRequest | undefined;
  let requestContext: RequestContext | undefined;
  try {
    admit(req, ctx);
    requestContext = requestContextOf(req, ctx);

    if (mediaType(req) === 'application/x-www-form-urlencoded') {
      // A form post is CORS-simple: any page can send one. With cookies (a step-up of the session, the
      // remembered browser) it must come from one of our pages (docs/protocol.md "CSRF").
      if (req.headers.cookie) refuseForeignOrigin(req, ctx);
      const started = await startChallenge(req, ctx, requestContext);
      if ('body' in started) return sendJson(res, 200, started.body);
      session = started.session;
      return sendInsufficient(res, started.session, started.next);
    }
    requireJson(req);
    const parsed = StepRequestBody.safeParse(await readJson(req));
    if (!parsed.success) throw new HttpError(400, 'invalid_request', 'the step request is malformed');
    session = ctx.authSessions.find(parsed.data.auth_session);
    if (!session) throw new HttpError(400, 'invalid_session', 'the auth_session is unknown or has expired');

    step = parsed.data.step;
    const outcome = await beforeCompletion(session, await runStep(session, step, ctx, requestContext), ctx);
    if (outcome.kind === 'next') return sendInsufficient(res, session, outcome.state, [...(outcome.cookies ?? []), ...linkCookies(outcome.state, requestContext, ctx)]);
    // A poll with nothing new is not an error (docs/protocol.md §20.2).
    if (outcome.kind === 'pending') return sendJson(res, 200, { auth_session: session.id, ciam: outcome.state });
    const { body, cookies } = await finish(session, outcome, ctx, requestContext);
    sendJson(res, 200, body, { 'Set-Cookie': cookies });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    // Keep handing the auth_session back on step errors so the client can retry the step (FiPA §5.2.2).
    const live = session && ctx.authSessions.find(session.id);
    sendError(res, error, live ? { auth_session: live.id } : {});
    noteFailedStep(session, step, error, ctx, requestContext?.device);
  }
}

/**
 * `POST /passkey-options` (docs/protocol.md §2.1a): the page load's start. The same form as FiPA's initial
 * request opens a transaction at the identifier step with discoverable passkey options, answered `200`: an
 * ordinary page load gets no HTTP error status for the browser to log. Its steps go on at `/authorize-challenge`.
 */
export async function handlePasskeyOptions(req: IncomingMessage, res: ServerResponse, ctx: BackendContext): Promise<void> {
  try {
    admit(req, ctx);
    if (mediaType(req) !== 'application/x-www-form-urlencoded') throw new HttpError(415, 'invalid_request', 'send the form of FiPA §5.1');
    // The same CSRF rule as the initial request's form post (docs/protocol.md "CSRF").
    if (req.headers.cookie) refuseForeignOrigin(req, ctx);
    const { request, authorization } = await readInitialRequest(req, ctx);
    if (request.login_hint || request.acr_values !== undefined || request.max_age !== undefined) {
      throw new HttpError(400, 'invalid_request', 'only a sign-in without login_hint, acr_values or max_age starts here');
    }
    const session = ctx.authSessions.create(authorization);
    sendJson(res, 200, { auth_session: session.id, ciam: await identifierStep(session, ctx) });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

/** Only POST, and FiPA §9.3 asks for rate limiting: a generous per-IP ceiling stops scripted abuse, not people. */
function admit(req: IncomingMessage, ctx: BackendContext): void {
  if (req.method !== 'POST') throw new HttpError(405, 'invalid_request', 'use POST', { Allow: 'POST' });
  const wait = ctx.limits.challengeRequests.hit(clientIp(req));
  if (wait > 0) throw new HttpError(429, 'rate_limited', 'too many requests', { 'Retry-After': String(wait) });
}

function requestContextOf(req: IncomingMessage, ctx: BackendContext): RequestContext {
  const deviceId = deviceIdFrom(req);
  const sessionId = readCookies(req).get(SESSION_COOKIE);
  return { ...(deviceId ? { deviceId } : {}), ...(sessionId ? { sessionId } : {}), smsHost: smsHost(req, ctx), linkBinder: linkBinderOf(req), device: deviceInfo(req) };
}

/** Every `email_link` state (re)binds the link to this browser with its cookie (docs/protocol.md §20.3). */
function linkCookies(state: StepState, requestContext: RequestContext, ctx: BackendContext): string[] {
  if (state.step !== 'email_link' || !requestContext.linkBinder) return [];
  return [linkCookie(requestContext.linkBinder, state, ctx.webSessions.secureCookies)];
}

/** FiPA §5.2.2: "more is needed" is a 400 `insufficient_authorization` carrying the next step in `ciam`. */
function sendInsufficient(res: ServerResponse, session: AuthSession, next: StepState, cookies: string[] = []): void {
  sendJson(res, 400, { error: 'insufficient_authorization', auth_session: session.id, ciam: next }, cookies.length ? { 'Set-Cookie': cookies } : {});
}

async function startChallenge(req: IncomingMessage, ctx: BackendContext, requestContext: RequestContext) {
  const { request, authorization } = await readInitialRequest(req, ctx);
  // RFC 9470 §4: asking for a level or a recent authentication is a step-up of the signed-in user.
  if (request.acr_values !== undefined || request.max_age !== undefined) {
    return startStepUp(request, authorization, ctx, requestContext);
  }
  const session = ctx.authSessions.create(authorization);
  if (request.login_hint) return { session, next: identify(session, request.login_hint, ctx, requestContext) };
  return { session, next: await identifierStep(session, ctx) };
}

/** Parses and checks FiPA §5.1's form: the request, and what the authorization code it leads to will carry. */
async function readInitialRequest(req: IncomingMessage, ctx: BackendContext) {
  const form = relaxPkce(ctx.mutant, Object.fromEntries(new URLSearchParams(await readBody(req))));
  const parsed = InitialChallengeRequest.safeParse(form);
  if (!parsed.success) throw new HttpError(400, 'invalid_request', 'the challenge request is malformed');
  const request = parsed.data;
  if (!(await ctx.provider.Client.find(request.client_id))) throw new HttpError(400, 'invalid_client', 'unknown client');

  const scopes = new Set((request.scope ?? 'openid').split(' ').filter((scope) => (SUPPORTED_SCOPES as readonly string[]).includes(scope)));
  scopes.add('openid');
  const authorization = {
    clientId: request.client_id,
    scope: [...scopes].join(' '),
    codeChallenge: request.code_challenge,
    ...(request.nonce ? { nonce: request.nonce } : {}),
    ...(request.state ? { state: request.state } : {}),
    ...(request.redirect_uri ? { redirectUri: request.redirect_uri } : {}),
  };
  return { request, authorization };
}

/** The identifier step, unless the sandbox's step this profile does not define comes first (web-steps.ts). */
function identify(session: AuthSession, loginHint: string, ctx: BackendContext, requestContext: RequestContext): StepState {
  ctx.webSteps.check(session, loginHint.toLowerCase());
  return selectMethod(session, loginHint, ctx, requestContext.deviceId);
}

/** Passkey options up front let the identifier field offer passkey autofill (WebAuthn L3 conditional mediation). */
async function identifierStep(session: AuthSession, ctx: BackendContext): Promise<StepState> {
  const request_options = await discoverableRequestOptions(ctx.relyingParty);
  session.webauthnChallenge = request_options.challenge;
  return { step: 'identifier', webauthn: { request_options } };
}

async function runStep(session: AuthSession, step: StepRequest, ctx: BackendContext, requestContext: RequestContext): Promise<StepOutcome> {
  // The credentials passed; the account's own step comes first (steps/consent.ts).
  if (session.pendingSignIn) return runAccountStep(session, session.pendingSignIn, step, ctx);
  if (session.factorChallenge) {
    // Getting back in without the factor asked for (docs/protocol.md §22).
    if (step.type === 'account_recovery') return runRecoveryStep(session, session.factorChallenge, step, ctx, requestContext);
    const outcome = await runFactorStep(session, session.factorChallenge, step, ctx);
    // A reset's second factor leads to the new password, not to a sign-in (password-reset.ts).
    return session.passwordReset && outcome.kind === 'factor' ? resetFactorPassed(session, outcome.factor, ctx) : outcome;
  }
  const next = (state: StepState): StepOutcome => ({ kind: 'next', state });
  switch (step.type) {
    case 'identifier':
      return next(identify(session, step.login_hint, ctx, requestContext));
    case 'password':
      return secondFactorCheck(session, await signInWithPassword(session, step.password, ctx), ctx, requestContext);
    case 'sign_up': {
      if (ctx.accountPolicies.enabled) session.signUpConsents = ctx.accountPolicies.checkSignUp(step.consents, ctx.clock.now());
      const binder = requestContext.linkBinder!;
      const byLink = session.loginHint !== undefined && prefersLinks(ctx, session.loginHint);
      return next(await startSignUp(session, step.password, ctx, byLink ? (request) => sendEmailLink(session, ctx, { ...request, binder }) : undefined));
    }
    case 'password_reset':
      // Where links are preferred, the reset's proof is a link (docs/protocol.md §20.1).
      if (session.loginHint !== undefined && prefersLinks(ctx, session.loginHint)) return next(startResetByLink(session, ctx, requestContext.linkBinder!));
      return next(startPasswordReset(session, ctx));
    case 'new_password':
      return setNewPassword(session, step.password, ctx);
    case 'email_link':
      if (step.action === 'send') return next(resendEmailLink(session, ctx, requestContext.linkBinder!));
      return secondFactorCheck(
        session,
        await (step.action === 'poll' ? pollEmailLink(session, ctx, requestContext) : confirmEmailLink(session, step.code, ctx, requestContext)),
        ctx,
        requestContext,
      );
    case 'email_otp':
      if (session.emailCode?.purpose === 'password_reset') return resetCodeStep(session, step, ctx, requestContext);
      return step.action === 'send'
        ? next(resendEmailCode(session, ctx))
        : secondFactorCheck(session, await verifyEmailCode(session, step.code, ctx), ctx, requestContext);
    case 'webauthn':
      // A passkey is phishing-resistant and user-verifying on its own: never a second factor after it.
      return step.action === 'options'
        ? next(await startPasskeySignIn(session, ctx))
        : finishPasskeySignIn(session, step.response, ctx);
    default:
      throw new HttpError(400, 'invalid_request', `the ${step.type} step is not enabled for this sign-in`);
  }
}

/**
 * After a successful first factor, the adaptive rules (risk.ts) may ask for a second one: the auth_session
 * becomes a factor challenge offering the strongest other factor, with the rule's `reason`.
 */
async function secondFactorCheck(
  session: AuthSession,
  outcome: StepOutcome,
  ctx: BackendContext,
  requestContext: RequestContext,
): Promise<StepOutcome> {
  if (outcome.kind !== 'authenticated') return outcome;
  const account = ctx.accounts.findById(outcome.accountId);
  const reason = account && secondFactorReason(account, requestContext.deviceId, ctx.limits.accountFailures.count(account.email));
  const factors = reason ? secondFactorsAfter(account, outcome.method) : [];
  // No other factor: the first one has to do (docs/protocol.md §13); the rule still held, so nothing is remembered
  // until the sign-in completes.
  if (!account || !reason || factors.length === 0) return outcome;
  session.factorChallenge = {
    kind: 'second_factor',
    accountId: account.id,
    reason,
    factors,
    first: { method: outcome.method, factor: outcome.method },
    smsHost: requestContext.smsHost,
  };
  // After a password, a code the identifier step already emailed for this sign-in still proves the mailbox:
  // kept, it is the second factor's code while the resend cooldown holds a new one back (else the customer
  // who picked "Use my password" right after the first mail was refused as rate limited).
  if (outcome.method !== 'password') delete session.emailCode;
  // This browser asked to get back in without the lost factor, and its waiting period is over (§22).
  const ready = readyRecovery(account, session.factorChallenge, ctx, requestContext.deviceId);
  if (ready) return { kind: 'next', state: ready };
  return { kind: 'next', state: await enterFactor(session, session.factorChallenge, factors[0]!, ctx) };
}

/**
 * A sign-in whose credentials passed: a factor that finished a second-factor challenge becomes the sign-in it
 * completes, which the account's own step may still hold (profile §24: `consent_required`, `profile`).
 */
async function beforeCompletion(session: AuthSession, outcome: StepOutcome, ctx: BackendContext): Promise<StepOutcome> {
  const signIn = signInOf(session, outcome);
  if (!signIn) return outcome;
  const state = await accountStepBefore(session, signIn, ctx);
  return state ? { kind: 'next', state } : signIn;
}

function signInOf(session: AuthSession, outcome: StepOutcome): Extract<StepOutcome, { kind: 'authenticated' }> | undefined {
  if (outcome.kind === 'authenticated') return outcome;
  const challenge = session.factorChallenge;
  if (outcome.kind !== 'factor' || !challenge || challenge.kind === 'step_up') return undefined;
  const first = challenge.first!;
  const factors: UsedFactor[] = [first.factor, outcome.factor];
  return { kind: 'authenticated', accountId: challenge.accountId, method: first.method, factors };
}

async function finish(session: AuthSession, outcome: Exclude<StepOutcome, { kind: 'next' | 'pending' }>, ctx: BackendContext, requestContext: RequestContext) {
  if (outcome.kind === 'factor') return completeStepUp(session, outcome.factor, ctx, requestContext);
  const { accountId, method, factors = [method], remembered, mailed } = outcome;
  const { receipts } = session;
  const done = await completeSignIn(session, { accountId, method, factors, ...(remembered ? { remembered } : {}), ...(mailed ? { mailed } : {}) }, ctx, requestContext);
  // The consents given in this transaction, as recorded (profile §24.4).
  return receipts?.length ? { ...done, body: { ...done.body, receipts } } : done;
}
