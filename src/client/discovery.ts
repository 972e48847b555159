import { AuthorizationServerMetadata, PROFILE_VERSIONS_SPOKEN, type Connection } from '../protocol/index.js';
import type { ClientContext } from './context.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { configError, invalidResponse, parseWith, readJSON, send } from './transport.js';
import type { CallOptions, LatchClient } from './types.js';

// T0 discovery (OIDC Discovery / RFC 8414): the backend's metadata, the profile endpoints it names, and
// the social and enterprise connections it lists.

/** The profile endpoints of the metadata that the client calls. */
export type ProfileEndpoint =
  | 'authorization_challenge_endpoint'
  | 'ciam_session_endpoint'
  | 'ciam_passkey_registration_endpoint'
  | 'ciam_passkeys_endpoint'
  | 'ciam_factors_endpoint'
  | 'ciam_email_endpoint'
  | 'ciam_sessions_endpoint'
  | 'ciam_activity_endpoint'
  | 'ciam_consent_endpoint'
  | 'ciam_privacy_endpoint';

/** Metadata of a backend with the OAuth endpoints that redirect sign-in and `tokens` completion need. */
export type OAuthMetadata = AuthorizationServerMetadata & { authorization_endpoint: string; token_endpoint: string };

/** The backend's metadata and what the client reads from it. */
export interface Discovery {
  /** The client's calls that this part answers. */
  calls: Pick<LatchClient, 'discover' | 'connections' | 'connectionForEmail'>;
  /** Fetches and checks the metadata (cached; retried after a failure). */
  discover(call?: CallOptions): Promise<AuthorizationServerMetadata>;
  /** A profile endpoint's URL; UNSUPPORTED_BACKEND when the backend lacks it, CONFIG_PROFILE_VERSION when it speaks no version this client does. */
  endpoint(key: ProfileEndpoint, call?: CallOptions): Promise<string>;
  /**
   * The metadata, for a call that needs the OAuth endpoints (a redirect or popup sign-in, a connection,
   * `tokens` completion); CONFIG_NO_OAUTH_ENDPOINTS for a backend that completes by session only (profile §1).
   */
  oauth(purpose: string, call?: CallOptions): Promise<OAuthMetadata>;
  /** Whether the backend takes in-widget steps (FiPA) of this profile version. */
  firstParty(call?: CallOptions): Promise<boolean>;
  /** The connections the client can use: none at a backend without an `authorization_endpoint`. */
  connections(call?: CallOptions): Promise<Connection[]>;
}

/** Discovery for one client's issuer. Nothing is fetched until the first call. */
export function createDiscovery(ctx: ClientContext): Discovery {
  let metadata: Promise<AuthorizationServerMetadata> | undefined;

  function discover(call?: CallOptions): Promise<AuthorizationServerMetadata> {
    metadata ??= fetchMetadata(call).catch((error: unknown) => {
      metadata = undefined;
      throw error;
    });
    return metadata;
  }

  async function fetchMetadata(call?: CallOptions): Promise<AuthorizationServerMetadata> {
    const url = `${ctx.issuer}/.well-known/openid-configuration`;
    // Public metadata: no cookies, so a provider answering `Access-Control-Allow-Origin: *` works (profile §1).
    const response = await send(url, { headers: { accept: 'application/json' }, credentials: 'omit' }, ctx.request(call));
    if (response.status >= 500) throw invalidResponse(`Discovery failed (HTTP ${response.status})`);
    const parsed = await readMetadata(url, response);
    // OIDC Discovery §4.3: the issuer in the document must be the one it was fetched for.
    if (parsed.issuer.replace(/\/$/, '') !== ctx.issuer) {
      throw configError(
        LatchErrorCode.CONFIG_ISSUER_MISMATCH,
        `The discovery document at ${url} names the issuer ${parsed.issuer}, but this page is configured with the issuer ${ctx.issuer} (OIDC Discovery §4.3). Give the element the backend's issuer, or make the backend's public issuer the address this page uses (behind a dev-server proxy: LATCH_ISSUER=${ctx.issuer} for the reference backend).`,
        { issuer: ctx.issuer, discoveredIssuer: parsed.issuer },
      );
    }
    return parsed;
  }

  /** The metadata of a discovery answer; anything else at that address means the issuer is not the backend's. */
  async function readMetadata(url: string, response: Response): Promise<AuthorizationServerMetadata> {
    try {
      if (!response.ok) throw invalidResponse(`HTTP ${response.status}`);
      return parseWith(AuthorizationServerMetadata, await readJSON(response));
    } catch (cause) {
      if (!(cause instanceof LatchError) || cause.code !== LatchErrorCode.INVALID_RESPONSE) throw cause;
      throw configError(
        LatchErrorCode.CONFIG_DISCOVERY_UNREACHABLE,
        `No discovery document at ${url} (${cause.message}). Check the issuer ${ctx.issuer}: it must be the backend's address (or this page's, with the backend's paths forwarded by the dev server's proxy).`,
        { issuer: ctx.issuer },
        cause,
      );
    }
  }

  async function endpoint(key: ProfileEndpoint, call?: CallOptions): Promise<string> {
    const found = await discover(call);
    const url = found[key];
    if (!url) throw new LatchError(LatchErrorCode.UNSUPPORTED_BACKEND, `The backend does not offer ${key}`);
    if (!speaksProfile(found)) throw versionError(found);
    return url;
  }

  /** The backend has the profile's endpoints but not this version of it. */
  function versionError(found: AuthorizationServerMetadata): LatchError {
    const versions = found.ciam_profile_versions_supported ?? [];
    return configError(
      LatchErrorCode.CONFIG_PROFILE_VERSION,
      `The backend at ${ctx.issuer} offers the Latchkey profile endpoints but none of the profile versions ${PROFILE_VERSIONS_SPOKEN.join(', ')} (its ciam_profile_versions_supported: ${versions.length ? versions.join(', ') : 'none'}). Update the backend, or use a Latchkey release that speaks one of its versions.`,
      { issuer: ctx.issuer, version: PROFILE_VERSIONS_SPOKEN.join(' or '), versions },
    );
  }

  async function firstParty(call?: CallOptions): Promise<boolean> {
    const found = await discover(call);
    return Boolean(found.authorization_challenge_endpoint && speaksProfile(found));
  }

  async function oauth(purpose: string, call?: CallOptions): Promise<OAuthMetadata> {
    const found = await discover(call);
    if (hasOAuthEndpoints(found)) return found;
    throw configError(
      LatchErrorCode.CONFIG_NO_OAUTH_ENDPOINTS,
      `The backend at ${ctx.issuer} names no ${found.authorization_endpoint ? 'token_endpoint' : 'authorization_endpoint'}, so ${purpose} cannot work: it completes sign-ins by session only (profile §1, §3). Use completion: 'session' and the in-widget sign-in, or add an OAuth authorization server to the backend.`,
      { issuer: ctx.issuer },
    );
  }

  async function connections(call?: CallOptions): Promise<Connection[]> {
    const found = await discover(call);
    // A connection is a redirect sign-in: without the authorization endpoint its button could not work.
    return found.authorization_endpoint ? (found.ciam_connections ?? []) : [];
  }

  async function connectionForEmail(email: string, call?: CallOptions): Promise<Connection | undefined> {
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    const found = await connections(call);
    return found.find((connection) => connection.domains?.some((candidate) => candidate.toLowerCase() === domain));
  }

  return { discover, endpoint, oauth, firstParty, connections, calls: { discover, connections, connectionForEmail } };
}

/** The backend lists a profile version this client speaks (profile §10: the newest shared one is used). */
function speaksProfile(metadata: AuthorizationServerMetadata): boolean {
  const versions = metadata.ciam_profile_versions_supported ?? [];
  return PROFILE_VERSIONS_SPOKEN.some((version) => versions.includes(version));
}

/** Both OAuth endpoints are there (profile 2026-12 lets a session-completion backend leave them out, §1). */
function hasOAuthEndpoints(metadata: AuthorizationServerMetadata): metadata is OAuthMetadata {
  return Boolean(metadata.authorization_endpoint && metadata.token_endpoint);
}
