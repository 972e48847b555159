import { createAuthEndpoint, signInSocial } from 'better-auth/api';
import type { AuthContext } from 'better-auth';
import { callBetterAuth } from '../better-auth-calls.js';
import { errorAnswer } from '../http/answers.js';
import type { LatchkeyConnection, ResolvedOptions } from '../options.js';
import { errorRedirect, isRegisteredRedirect, oauthProviderAccess, type ProviderCallContext } from './oauth-provider.js';
import { UPSTREAM_ERROR_PATH, type PendingReturns } from './upstream-errors.js';

// oauth-provider's `loginPage` (profile §11.4): its authorization endpoint sends a browser without a session here
// with the request's parameters, signed. The page picks the connection (its `authorization_params`, or the
// `login_hint`'s domain), checks the upstream is reachable, and starts better-auth's own social sign-in with the
// signed request as `oauth_query`: oauth-provider verifies the signature in a before hook and carries the request
// through the upstream round trip, so better-auth's callback, once it has signed the user in, finishes the
// authorization request and answers the client with `code`, `state` and `iss`. Every failure before that goes to
// the client's redirect URI too, but only a URI registered for the client (no open redirect).

/** The route under better-auth's base path; the app names `{base}/latchkey/oauth/login` as oauth-provider's `loginPage`. */
export const LOGIN_PAGE_PATH = '/latchkey/oauth/login';

/** How long the upstream's discovery may take before the provider counts as down. */
const REACHABILITY_TIMEOUT_MS = 3000;

/** The connection a request names (`connection`) or whose `domains` hold the `login_hint`'s domain (§11.2). */
export function pickConnection(connections: readonly LatchkeyConnection[], query: URLSearchParams): LatchkeyConnection | undefined {
  const named = query.get('connection');
  if (named !== null) return connections.find((connection) => connection.id === named);
  const domain = query.get('login_hint')?.split('@').pop()?.toLowerCase();
  return domain ? connections.find((connection) => connection.domains?.includes(domain)) : undefined;
}

/**
 * Whether the provider's discovery answers: the profile's `temporarily_unavailable` instead of a dead upstream page.
 * One request per connection sign-in, and the only way to know: better-auth builds the upstream's authorization URL
 * from the discovery it read at start, so an upstream that went down since would leave the browser on an error page
 * of its own, which no callback reports. (An upstream down at start is not among better-auth's providers at all.)
 */
async function reachable(auth: AuthContext, providerId: string): Promise<boolean> {
  const providers = (await Promise.resolve(auth.socialProviders)) as readonly { id: string; issuer?: string }[];
  const provider = providers.find((candidate) => candidate.id === providerId);
  if (!provider) return false;
  if (!provider.issuer) return true;
  try {
    const answer = await fetch(`${provider.issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(REACHABILITY_TIMEOUT_MS) });
    return answer.ok;
  } catch {
    return false;
  }
}

/** A request the login page will broker: its connection, and the way back to the client with an error. */
interface BrokeredRequest {
  readonly query: URLSearchParams;
  readonly connection: LatchkeyConnection;
  /** better-auth's id of the connection's social provider. */
  readonly providerId: string;
  readonly redirectUri: string;
  readonly back: (error: string, description: string) => Response;
}

/** The endpoint record. */
export function loginPageEndpoints(getOptions: (auth: AuthContext) => ResolvedOptions, returns: PendingReturns) {
  return {
    latchkeyOAuthLogin: createAuthEndpoint(LOGIN_PAGE_PATH, { method: 'GET', disableBody: true }, async (ctx) => {
      const request = ctx.request;
      if (!request) return errorAnswer(400, 'invalid_request', 'call this endpoint over HTTP');
      const options = getOptions(ctx.context);
      const checked = await checkRequest(ctx, options, new URL(request.url).searchParams);
      if (checked instanceof Response) return checked;
      if (!(await reachable(ctx.context, checked.providerId))) return checked.back('temporarily_unavailable', `${checked.connection.name} cannot be reached`);
      return startUpstream(ctx.context, options, request, checked, returns);
    }),
  };
}

/**
 * The signed request's client and redirect URI (registered: no open redirect), then what it asks: an error answer,
 * an error sent back to the client, or the request to broker.
 */
async function checkRequest(ctx: ProviderCallContext, options: ResolvedOptions, query: URLSearchParams): Promise<BrokeredRequest | Response> {
  const { api, issuer } = await oauthProviderAccess(ctx);
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri || !(await isRegisteredRedirect(api, query.get('client_id'), redirectUri))) {
    return errorAnswer(400, 'invalid_request', 'unknown client or redirect_uri');
  }
  const back = (error: string, description: string) =>
    new Response(null, { status: 302, headers: { Location: errorRedirect(redirectUri, error, description, query.get('state'), issuer), 'Cache-Control': 'no-store' } });
  if (query.get('prompt')?.split(' ').includes('none')) return back('login_required', 'the user must sign in');
  const connection = pickConnection(options.connections, query);
  // The widget signs in on the page itself (§2); this page only brokers connections.
  if (!connection) return back('invalid_request', 'name a connection: this authorization endpoint signs in through one only');
  return { query, connection, providerId: connection.providerId ?? connection.id, redirectUri, back };
}

/** better-auth's own social sign-in with the signed request as `oauth_query`: a redirect to the upstream. */
async function startUpstream(
  auth: AuthContext,
  options: ResolvedOptions,
  request: Request,
  { query, providerId, redirectUri, back }: BrokeredRequest,
  returns: PendingReturns,
): Promise<Response> {
  const upstream = {
    ...(query.get('prompt')?.split(' ').includes('create') ? { prompt: 'create' } : {}),
    ...(query.get('ui_locales') ? { ui_locales: query.get('ui_locales')! } : {}),
  };
  const started = await callBetterAuth(auth, signInSocial(), {
    method: 'POST',
    cookie: request.headers.get('cookie'),
    origin: new URL(options.issuer).origin,
    body: {
      provider: providerId,
      disableRedirect: true,
      callbackURL: `${options.issuer}/`,
      errorCallbackURL: `${options.base}${UPSTREAM_ERROR_PATH}?handle=${returns.open(redirectUri, query.get('state'))}`,
      ...(query.get('login_hint') ? { loginHint: query.get('login_hint')! } : {}),
      ...(Object.keys(upstream).length ? { additionalParams: upstream } : {}),
      // oauth-provider checks the signature and carries the authorization request through the round trip.
      oauth_query: query.toString(),
    },
  });
  const location = started.body?.['url'];
  if (started.status !== 200 || typeof location !== 'string') return back('server_error', 'the sign-in could not start');
  return new Response(null, { status: 302, headers: [['Location', location], ['Cache-Control', 'no-store'], ...started.setCookies.map((line): [string, string] => ['Set-Cookie', line])] });
}
