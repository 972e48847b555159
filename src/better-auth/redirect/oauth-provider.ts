import type { AuthContext } from 'better-auth';
import type { OAuthProviderApi } from '@better-auth/oauth-provider';
import { findPlugin } from '../better-auth-calls.js';

// The adapter's one door to @better-auth/oauth-provider: its own API (client lookup, token hashing, access-token
// validation) and its issuer, so redirect sign-in, code completion and the session from a token use the provider's
// records and checks rather than copies. Imported on first use: an app without the provider never loads it.

/** The part of an endpoint context oauth-provider's API reads (`context`, the request, the path). */
export type ProviderCallContext = Parameters<typeof import('@better-auth/oauth-provider').getOAuthProviderApi>[0];

/** oauth-provider's API bound to one request, and the issuer it puts in `iss` (RFC 9207) and in ID tokens. */
export interface OAuthProviderAccess {
  readonly api: OAuthProviderApi;
  readonly issuer: string;
}

/** oauth-provider's API and issuer for this request; throws when the plugin is missing (discovery prevents that). */
export async function oauthProviderAccess(ctx: ProviderCallContext): Promise<OAuthProviderAccess> {
  const plugin = findPlugin(ctx.context as AuthContext, 'oauth-provider');
  if (!plugin?.options) throw new Error('latchkey: @better-auth/oauth-provider is not configured');
  const provider = await import('@better-auth/oauth-provider');
  const options = plugin.options as unknown as Parameters<typeof provider.getOAuthProviderApi>[1];
  return { api: provider.getOAuthProviderApi(ctx, options), issuer: provider.getIssuer(ctx, options) };
}

/** The origins of a client's registered redirect URIs (where it redeems codes, profile §4's binding). */
export function redirectOrigins(client: { redirectUris?: readonly string[] | null }): string[] {
  return (client.redirectUris ?? []).flatMap((uri) => {
    try {
      return [new URL(uri).origin];
    } catch {
      return [];
    }
  });
}

/** Whether `redirectUri` is one of the client's registered ones (exact match, as oauth-provider compares). */
export async function isRegisteredRedirect(api: OAuthProviderApi, clientId: string | null, redirectUri: string | null): Promise<boolean> {
  if (!clientId || !redirectUri) return false;
  const client = await api.getClient(clientId);
  return Boolean(client && !client.disabled && (client.redirectUris ?? []).includes(redirectUri));
}

/** The client's redirect URI with an error (RFC 6749 §4.1.2.1), its `state`, and `iss` (RFC 9207 §2, profile §11.4.4). */
export function errorRedirect(redirectUri: string, error: string, description: string, state: string | null, issuer: string): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state) url.searchParams.set('state', state);
  url.searchParams.set('iss', issuer);
  return url.href;
}
