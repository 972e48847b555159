import { AuthorizationServerMetadata, PROFILE_VERSION, type Connection } from '../protocol/index.js';
import type { ClientContext } from './context.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { invalidResponse, parseWith, readJSON, send } from './transport.js';
import type { CallOptions, LatchClient } from './types.js';

// T0 discovery (OIDC Discovery / RFC 8414): the backend's metadata, the profile endpoints it names, and
// the social and enterprise connections it lists.

/** The profile endpoints of the metadata that the client calls. */
export type ProfileEndpoint =
  | 'authorization_challenge_endpoint'
  | 'ciam_session_endpoint'
  | 'ciam_passkey_registration_endpoint'
  | 'ciam_passkeys_endpoint'
  | 'ciam_factors_endpoint';

/** The backend's metadata and what the client reads from it. */
export interface Discovery {
  /** The client's calls that this part answers. */
  calls: Pick<LatchClient, 'discover' | 'connections' | 'connectionForEmail'>;
  /** Fetches and checks the metadata (cached; retried after a failure). */
  discover(call?: CallOptions): Promise<AuthorizationServerMetadata>;
  /** A profile endpoint's URL; UNSUPPORTED_BACKEND when the backend lacks it or this profile version. */
  endpoint(key: ProfileEndpoint, call?: CallOptions): Promise<string>;
  /** Whether the backend takes in-widget steps (FiPA) of this profile version. */
  firstParty(call?: CallOptions): Promise<boolean>;
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
    if (!response.ok) throw invalidResponse(`Discovery failed (HTTP ${response.status})`);
    const parsed = parseWith(AuthorizationServerMetadata, await readJSON(response));
    // OIDC Discovery §4.3: the issuer in the document must be the one it was fetched for.
    if (parsed.issuer.replace(/\/$/, '') !== ctx.issuer) throw invalidResponse('Discovery issuer mismatch');
    return parsed;
  }

  async function endpoint(key: ProfileEndpoint, call?: CallOptions): Promise<string> {
    const found = await discover(call);
    const url = found[key];
    if (!url || !speaksProfile(found)) {
      throw new LatchError(LatchErrorCode.UNSUPPORTED_BACKEND, `The backend does not offer ${key} (profile ${PROFILE_VERSION})`);
    }
    return url;
  }

  async function firstParty(call?: CallOptions): Promise<boolean> {
    const found = await discover(call);
    return Boolean(found.authorization_challenge_endpoint && speaksProfile(found));
  }

  async function connections(call?: CallOptions): Promise<Connection[]> {
    return (await discover(call)).ciam_connections ?? [];
  }

  async function connectionForEmail(email: string, call?: CallOptions): Promise<Connection | undefined> {
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    const found = await connections(call);
    return found.find((connection) => connection.domains?.some((candidate) => candidate.toLowerCase() === domain));
  }

  return { discover, endpoint, firstParty, connections, calls: { discover, connections, connectionForEmail } };
}

function speaksProfile(metadata: AuthorizationServerMetadata): boolean {
  return (metadata.ciam_profile_versions_supported ?? []).includes(PROFILE_VERSION);
}
