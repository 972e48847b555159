import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  InitialChallengeRequest,
  StepRequestBody,
  type StepRequest,
  type StepState,
} from '../../src/protocol/index.js';
import type { AuthSession } from './auth-sessions.js';
import { completeSignIn } from './completion.js';
import type { BackendContext } from './context.js';
import { clientIp, HttpError, mediaType, readBody, readJson, requireJson, sendError, sendJson } from './http.js';
import { SUPPORTED_SCOPES } from './provider.js';
import { resendEmailCode, verifyEmailCode } from './steps/email-otp.js';
import { selectMethod } from './steps/identifier.js';
import type { StepOutcome } from './steps/outcome.js';
import { signInWithPassword } from './steps/password.js';
import { startSignUp } from './steps/sign-up.js';
import { finishPasskeySignIn, startPasskeySignIn } from './steps/webauthn.js';
import { discoverableRequestOptions } from './webauthn.js';

/**
 * `POST /authorize-challenge` (draft-ietf-oauth-first-party-apps §5): the form-encoded initial request
 * opens an auth_session; JSON intermediate requests (§5.3) carry one step each until an authorization
 * code is issued (§5.2.1).
 */
export async function handleAuthorizationChallenge(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: BackendContext,
): Promise<void> {
  let session: AuthSession | undefined;
  try {
    if (req.method !== 'POST') throw new HttpError(405, 'invalid_request', 'use POST', { Allow: 'POST' });
    // FiPA §9.3 asks for rate limiting; a generous per-IP ceiling stops scripted abuse, not people.
    const wait = ctx.limits.challengeRequests.hit(clientIp(req));
    if (wait > 0) throw new HttpError(429, 'rate_limited', 'too many requests', { 'Retry-After': String(wait) });

    if (mediaType(req) === 'application/x-www-form-urlencoded') {
      const state = await startChallenge(req, ctx);
      session = state.session;
      return sendInsufficient(res, state.session, state.next);
    }
    requireJson(req);
    const parsed = StepRequestBody.safeParse(await readJson(req));
    if (!parsed.success) throw new HttpError(400, 'invalid_request', 'the step request is malformed');
    session = ctx.authSessions.find(parsed.data.auth_session);
    if (!session) throw new HttpError(400, 'invalid_session', 'the auth_session is unknown or has expired');

    const outcome = await runStep(session, parsed.data.step, ctx);
    if (outcome.kind === 'next') return sendInsufficient(res, session, outcome.state);
    const { body, cookie } = await completeSignIn(session, outcome, ctx);
    sendJson(res, 200, body, { 'Set-Cookie': cookie });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    // Keep handing the auth_session back on step errors so the client can retry the step (FiPA §5.2.2).
    const live = session && ctx.authSessions.find(session.id);
    sendError(res, error, live ? { auth_session: live.id } : {});
  }
}

/** FiPA §5.2.2: "more is needed" is a 400 `insufficient_authorization` carrying the next step in `ciam`. */
function sendInsufficient(res: ServerResponse, session: AuthSession, next: StepState): void {
  sendJson(res, 400, { error: 'insufficient_authorization', auth_session: session.id, ciam: next });
}

async function startChallenge(req: IncomingMessage, ctx: BackendContext): Promise<{ session: AuthSession; next: StepState }> {
  const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
  const parsed = InitialChallengeRequest.safeParse(form);
  if (!parsed.success) throw new HttpError(400, 'invalid_request', 'the challenge request is malformed');
  const request = parsed.data;
  if (!(await ctx.provider.Client.find(request.client_id))) throw new HttpError(400, 'invalid_client', 'unknown client');

  const scopes = new Set((request.scope ?? 'openid').split(' ').filter((scope) => (SUPPORTED_SCOPES as readonly string[]).includes(scope)));
  scopes.add('openid');
  const session = ctx.authSessions.create({
    clientId: request.client_id,
    scope: [...scopes].join(' '),
    codeChallenge: request.code_challenge,
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  if (request.login_hint) return { session, next: selectMethod(session, request.login_hint, ctx) };

  // Passkey options up front let the identifier field offer passkey autofill (WebAuthn L3 conditional mediation).
  const request_options = await discoverableRequestOptions(ctx.relyingParty);
  session.webauthnChallenge = request_options.challenge;
  return { session, next: { step: 'identifier', webauthn: { request_options } } };
}

async function runStep(session: AuthSession, step: StepRequest, ctx: BackendContext): Promise<StepOutcome> {
  const next = (state: StepState): StepOutcome => ({ kind: 'next', state });
  switch (step.type) {
    case 'identifier':
      return next(selectMethod(session, step.login_hint, ctx));
    case 'password':
      return signInWithPassword(session, step.password, ctx);
    case 'sign_up':
      return next(await startSignUp(session, step.password, ctx));
    case 'email_otp':
      return step.action === 'send' ? next(resendEmailCode(session, ctx)) : verifyEmailCode(session, step.code, ctx);
    case 'webauthn':
      return step.action === 'options'
        ? next(await startPasskeySignIn(session, ctx))
        : finishPasskeySignIn(session, step.response, ctx);
    default:
      throw new HttpError(400, 'invalid_request', `the ${step.type} step is not enabled for this sign-in`);
  }
}
