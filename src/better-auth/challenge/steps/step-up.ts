import { getSession } from 'better-auth/api';
import { callBetterAuth, pluginEndpoint } from '../../better-auth-calls.js';
import { errorAnswer, jsonAnswer } from '../../http/answers.js';
import type { AuthSession, StepUpState } from '../../auth-sessions.js';
import { nextStep, outOfOrder, stepError } from '../answers.js';
import type { StepContext } from '../context.js';
import { issueCode } from '../completion.js';
import { codeState, sendCode, verifySignInCode } from './email-code.js';
import { verifyPasskey } from './passkey.js';

// Re-authentication by `max_age` (profile §12.2) for a signed-in user, without levels (better-auth has no `acr`):
// a session younger than `max_age` gets a code at once; an older one proves a factor again, the strongest the
// user has (a passkey of theirs, else an emailed code). Proving it signs in anew through better-auth, and the
// old session ends (completion.ts), so `auth_time` is now and the session id rotates.

/** better-auth's session as `/get-session` answers it. */
interface SignedInSession {
  readonly session: { token: string; createdAt: string; latchkeyMethod?: string | null; latchkeyAmr?: string | null };
  readonly user: { id: string; email: string };
}

/** Starts a re-authentication for the session the request's cookie names. */
export async function startReauthentication(step: StepContext, cookie: string | null, maxAge: number): Promise<Response> {
  const { auth, session, state } = step;
  const result = await callBetterAuth(auth, getSession(), { method: 'GET', cookie, query: { disableRefresh: 'true' } });
  const current = result.body as SignedInSession | null;
  if (result.status !== 200 || !current?.session || !current.user) {
    state.sessions.end(session);
    return errorAnswer(400, 'login_required', 'sign in first');
  }
  const age = Date.now() / 1000 - new Date(current.session.createdAt).getTime() / 1000;
  if (maxAge > 0 && age <= maxAge) return freshEnough(step, current);
  const offered = [...((await hasPasskey(step, current.user.id)) ? (['passkey'] as const) : []), ...(step.options.has.emailOtp ? (['email_otp'] as const) : [])];
  if (offered.length === 0) {
    state.sessions.end(session);
    return errorAnswer(400, 'unmet_authentication_requirements', 'no factor can confirm this user');
  }
  session.email = current.user.email;
  session.stepUp = {
    sessionToken: current.session.token,
    userId: current.user.id,
    method: current.session.latchkeyMethod ?? undefined,
    amr: current.session.latchkeyAmr?.split(' ') ?? [],
    current: offered[0]!,
    offered,
  };
  return enterFactor(step, offered[0]!, cookie);
}

/** The session already satisfies `max_age`: a code at once, the session unchanged (§12.2). */
async function freshEnough(step: StepContext, current: SignedInSession): Promise<Response> {
  const { session, state } = step;
  const code = await issueCode(step, {
    clientId: session.clientId,
    codeChallenge: session.codeChallenge,
    nonce: session.nonce,
    scope: session.scope,
    userId: current.user.id,
    sessionToken: current.session.token,
  });
  state.sessions.end(session);
  return jsonAnswer(200, { authorization_code: code });
}

async function hasPasskey(step: StepContext, userId: string): Promise<boolean> {
  if (!step.options.has.passkey) return false;
  return (await step.auth.adapter.count({ model: 'passkey', where: [{ field: 'userId', value: userId }] })) > 0;
}

/** The state of a re-authentication factor, `reason: "step_up"`, with the others as alternatives. */
async function enterFactor(step: StepContext, factor: StepUpState['current'], cookie: string | null): Promise<Response> {
  const stepUp = step.session.stepUp!;
  stepUp.current = factor;
  const common = { reason: 'step_up', alternatives: stepUp.offered.filter((other) => other !== factor) };
  if (factor === 'passkey') return nextStep(step.session, { step: 'webauthn', request_options: await userPasskeyOptions(step, cookie), ...common });
  const refused = await sendCode(step, 'sign_in', true);
  return refused ?? codeState(step, step.session.code!, common);
}

/** Request options that name the user's own passkeys (§2.3: the user is known), asked with their session. */
async function userPasskeyOptions(step: StepContext, cookie: string | null): Promise<Record<string, unknown>> {
  const session: AuthSession = step.session;
  const result = await callBetterAuth(step.auth, pluginEndpoint(step.auth, 'passkey', 'generatePasskeyAuthenticationOptions'), {
    method: 'GET',
    jar: session.jar,
    cookie: [cookie, session.jar.header()].filter(Boolean).join('; ') || null,
  });
  return { ...(result.body ?? {}), userVerification: 'required' };
}

/** A step of a re-authentication: `select_factor`, the passkey's `verify`, the emailed code's `send` / `verify`. */
export async function reauthenticationStep(step: StepContext, body: Record<string, unknown> & { type: string }): Promise<Response> {
  const stepUp = step.session.stepUp!;
  if (body.type === 'select_factor') {
    const wanted = body['factor'];
    if (!stepUp.offered.includes(wanted as StepUpState['current'])) return outOfOrder(step.session, 'that factor is not offered');
    return enterFactor(step, wanted as StepUpState['current'], null);
  }
  if (body.type === 'webauthn' && stepUp.current === 'passkey' && body['action'] === 'verify') return verifyOwnPasskey(step, body['response']);
  if (body.type === 'email_otp' && stepUp.current === 'email_otp') {
    if (body['action'] === 'send') return (await sendCode(step, 'sign_in', true)) ?? codeState(step, step.session.code!, { reason: 'step_up' });
    if (body['action'] === 'verify') return verifySignInCode(step, body['code']);
  }
  return outOfOrder(step.session, `answer the ${stepUp.current} step or select another factor`);
}

/** The passkey must be one of this user's: better-auth's verify signs in whoever owns it. */
async function verifyOwnPasskey(step: StepContext, response: unknown): Promise<Response> {
  const credentialId = (response as { id?: unknown } | null)?.id;
  const owned = typeof credentialId === 'string'
    ? await step.auth.adapter.count({ model: 'passkey', where: [{ field: 'credentialID', value: credentialId }, { field: 'userId', value: step.session.stepUp!.userId }] })
    : 0;
  if (owned === 0) return stepError(step.session, 'unknown_credential', 'use a passkey of this account');
  return verifyPasskey(step, response);
}
