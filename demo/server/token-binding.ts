import type { IncomingMessage } from 'node:http';
import type Provider from 'oidc-provider';
import { findAccessToken, type AccessTokenGrant } from './access-tokens.js';
import type { Clock } from './clock.js';
import type { BackendContext } from './context.js';
import { HttpError } from './http.js';

/** How old an access token may be to start a first-party session: the client presents it right after `/token`. */
export const SESSION_TOKEN_MAX_AGE_SECONDS = 60;

/**
 * The rules for turning an access token into a long first-party session (`POST /session`, docs/protocol.md
 * "Binding a token to a session"): the token must be
 * 1. for the client that asks: a browser names the page's origin in `Origin` (Fetch §3.1, which page
 *    script cannot set), and it must be the origin of one of the token client's registered redirect URIs;
 * 2. fresh: issued at most {@link SESSION_TOKEN_MAX_AGE_SECONDS} ago on the backend's clock;
 * 3. used once for this purpose (the token still works as a Bearer token for APIs until it expires).
 * A token stolen from a page, a log or a proxy is then worth a session only within a minute, once, and only
 * if nobody used it first. Used ids are kept in memory until they would be too old anyway.
 */
export class SessionTokenBinding {
  /** jti → epoch seconds after which the freshness rule refuses it regardless. */
  readonly #used = new Map<string, number>();

  constructor(
    readonly clock: Clock,
    /** The origins of a client's registered redirect URIs (empty for an unknown client). */
    readonly clientOrigins: (clientId: string) => Promise<string[]>,
  ) {}

  /** Checks the three rules and marks the token used; throws an RFC 6750 §3.1 error otherwise. */
  async bind(req: IncomingMessage, grant: AccessTokenGrant): Promise<void> {
    const origin = req.headers.origin;
    if (!origin) throw bearerError(400, 'invalid_request', 'send the request from the client page (Origin names the client)');
    if (!(await this.clientOrigins(grant.clientId)).includes(origin)) {
      throw bearerError(401, 'invalid_token', 'the access token was issued to another client');
    }
    const now = this.clock.nowSeconds();
    if (grant.issuedAt === undefined || now - grant.issuedAt > SESSION_TOKEN_MAX_AGE_SECONDS) {
      throw bearerError(401, 'invalid_token', 'the access token is too old to start a session; sign in again');
    }
    this.#prune(now);
    if (this.#used.has(grant.jti)) throw bearerError(401, 'invalid_token', 'the access token was already used to start a session');
    this.#used.set(grant.jti, grant.issuedAt + SESSION_TOKEN_MAX_AGE_SECONDS);
  }

  #prune(now: number): void {
    for (const [jti, deadline] of this.#used) if (deadline < now) this.#used.delete(jti);
  }
}

/** The live access token behind `POST /session`, once {@link SessionTokenBinding.bind} accepted it. */
export async function findSessionToken(ctx: BackendContext, req: IncomingMessage, token: string): Promise<AccessTokenGrant | undefined> {
  const grant = await findAccessToken(ctx, token);
  if (grant) await ctx.sessionTokens.bind(req, grant);
  return grant;
}

/** A client's origins: those of its registered redirect URIs, where its pages redeem codes. */
export function clientOriginsOf(provider: Provider): (clientId: string) => Promise<string[]> {
  return async (clientId) => ((await provider.Client.find(clientId))?.redirectUris ?? []).map((uri) => new URL(uri).origin);
}

/** RFC 6750 §3: the error in the body and in `WWW-Authenticate`. */
function bearerError(status: number, error: string, description: string): HttpError {
  return new HttpError(status, error, description, { 'WWW-Authenticate': `Bearer error="${error}", error_description="${description}"` });
}
