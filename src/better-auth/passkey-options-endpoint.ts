import { createAuthEndpoint } from 'better-auth/api';
import type { AuthContext } from 'better-auth';
import { errorAnswer, jsonAnswer, withHeaders } from './http/answers.js';
import { corsHeaders } from './http/origins.js';
import { readLimitedBody } from './http/request-body.js';
import { parseInitialRequest } from './challenge/initial-request.js';
import { identifierState } from './challenge/endpoint.js';
import type { PluginState } from './challenge/context.js';
import type { ResolvedOptions } from './options.js';
import { AUTH_SESSION_TTL_SECONDS } from './options.js';

// `POST {ciam_passkey_options_endpoint}` (profile §2.1a): the page load's start, the initial request without
// `login_hint`, answered `200` with the identifier step and discoverable passkey options, so an ordinary page
// load logs no HTTP error.

/** The route under better-auth's base path. */
export const PASSKEY_OPTIONS_PATH = '/latchkey/passkey-options';

/** The endpoint record. */
export function passkeyOptionsEndpoints(getOptions: (auth: AuthContext) => ResolvedOptions, state: PluginState) {
  return {
    latchkeyPasskeyOptions: createAuthEndpoint(PASSKEY_OPTIONS_PATH, { method: 'POST', disableBody: true }, async (ctx) => {
      const request = ctx.request;
      if (!request) return errorAnswer(400, 'invalid_request', 'call this endpoint over HTTP');
      const options = getOptions(ctx.context);
      const answer = await startPageLoad(request, ctx.context, options, state);
      return withHeaders(answer, corsHeaders(options, request.headers.get('origin')));
    }),
  };
}

async function startPageLoad(request: Request, auth: AuthContext, options: ResolvedOptions, state: PluginState): Promise<Response> {
  const read = await readLimitedBody(request, 'application/x-www-form-urlencoded');
  if (!read.ok) return read.answer;
  const parsed = parseInitialRequest(new URLSearchParams(read.text), options, false);
  if (!parsed.ok) return parsed.answer;
  const session = state.sessions.open(parsed.start);
  return jsonAnswer(200, { auth_session: session.handle, expires_in: AUTH_SESSION_TTL_SECONDS, ciam: await identifierState(auth, options, session) });
}
