import { createAuthEndpoint } from 'better-auth/api';
import { errorAnswer, withHeaders } from '../http/answers.js';
import { corsHeaders } from '../http/origins.js';
import { mediaType, readLimitedBody } from '../http/request-body.js';
import { normaliseEmail } from '../identifiers.js';
import type { ResolvedOptions } from '../options.js';
import type { PluginState, StepBody, StepContext } from './context.js';
import { parseInitialRequest } from './initial-request.js';
import { passkeyRequestOptions } from './steps/passkey.js';
import { selectMethod } from './steps/identifier.js';
import { nextStep } from './answers.js';
import { runStep } from './steps/dispatch.js';
import { startReauthentication } from './steps/step-up.js';
import type { AuthContext } from 'better-auth';

// `POST {authorization_challenge_endpoint}` (profile §2): a form-encoded initial request opens an auth session,
// JSON intermediate requests carry one step each. The body is read here (better-call's parser is off), so the
// limits and media types are the profile's.

/** The route under better-auth's base path. */
export const CHALLENGE_PATH = '/latchkey/authorize-challenge';

/** The challenge endpoint as a better-auth endpoint record. */
export function challengeEndpoints(getOptions: (auth: AuthContext) => ResolvedOptions, state: PluginState) {
  return {
    latchkeyAuthorizeChallenge: createAuthEndpoint(CHALLENGE_PATH, { method: 'POST', disableBody: true }, async (ctx) => {
      const request = ctx.request;
      if (!request) return errorAnswer(400, 'invalid_request', 'call this endpoint over HTTP');
      const options = getOptions(ctx.context);
      const answer = await answerChallenge(request, ctx.context, options, state);
      return withHeaders(answer, corsHeaders(options, request.headers.get('origin')));
    }),
  };
}

async function answerChallenge(request: Request, auth: AuthContext, options: ResolvedOptions, state: PluginState): Promise<Response> {
  if (mediaType(request) === 'application/x-www-form-urlencoded') return initialRequest(request, auth, options, state);
  const read = await readLimitedBody(request, 'application/json');
  if (!read.ok) return read.answer;
  const parsed = parseStepBody(read.text);
  if (!parsed) return errorAnswer(400, 'invalid_request', 'the body must be {auth_session, step: {type, …}}');
  const session = state.sessions.find(parsed.auth_session);
  if (!session) return errorAnswer(400, 'invalid_session', 'the sign-in expired or is unknown; start again');
  const step: StepContext = { auth, options, state, session, origin: request.headers.get('origin') };
  return runStep(step, parsed.step);
}

/** Profile §2.1: opens the auth session; `identifier` (with passkey options) or, with `login_hint`, `select_method`. */
async function initialRequest(request: Request, auth: AuthContext, options: ResolvedOptions, state: PluginState): Promise<Response> {
  const read = await readLimitedBody(request, 'application/x-www-form-urlencoded');
  if (!read.ok) return read.answer;
  const parsed = parseInitialRequest(new URLSearchParams(read.text), options, true);
  if (!parsed.ok) return parsed.answer;
  const email = parsed.loginHint === undefined ? undefined : normaliseEmail(parsed.loginHint);
  if (parsed.loginHint !== undefined && !email) return errorAnswer(400, 'invalid_request', 'login_hint is not an email address');
  const session = state.sessions.open(parsed.start);
  const step: StepContext = { auth, options, state, session, origin: request.headers.get('origin') };
  if (parsed.maxAge !== undefined) return startReauthentication(step, request.headers.get('cookie'), parsed.maxAge);
  if (email) {
    session.email = email;
    return selectMethod(step);
  }
  return nextStep(session, await identifierState(auth, options, session));
}

/** The `identifier` state, with discoverable passkey options when the passkey plugin is there. */
export async function identifierState(auth: AuthContext, options: ResolvedOptions, session: StepContext['session']): Promise<Record<string, unknown>> {
  if (!options.has.passkey) return { step: 'identifier' };
  return { step: 'identifier', webauthn: { request_options: await passkeyRequestOptions(auth, session) } };
}

function parseStepBody(text: string): { auth_session: unknown; step: StepBody } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { auth_session: handle, step } = value as { auth_session?: unknown; step?: unknown };
  if (typeof step !== 'object' || step === null || typeof (step as { type?: unknown }).type !== 'string') return undefined;
  return { auth_session: handle, step: step as StepBody };
}
