import { WEB_STEP_PARAM } from './web-steps.js';
import Provider, { interactionPolicy, type Account as ProviderAccount } from 'oidc-provider';
import { PROFILE_VERSIONS_SPOKEN } from '../../src/protocol/index.js';
import { ACR_VALUES_SUPPORTED } from './assurance.js';
import type { Clock } from './clock.js';
import { CONNECTIONS } from './connections.js';
import { SITE_NAME } from './html.js';
import type { ProviderKeys } from './keys.js';
import { logoutPages } from './logout-pages.js';
import type { MemoryAdapterFactory } from './oidc-adapter.js';
import type { AccountStore } from './store.js';

/** The demo's public client: a browser app, so no secret (RFC 9700 §2.1.1: PKCE instead). */
export const DEMO_CLIENT_ID = 'latchkey-demo';
/** Scopes the demo provider knows; others in a request are ignored (RFC 6749 §3.3). */
export const SUPPORTED_SCOPES = ['openid', 'email', 'profile'] as const;
/** One-time-code lifetime, advertised as `ciam_email_code_ttl`. */
export const EMAIL_CODE_TTL_SECONDS = 600;

export interface ProviderOptions {
  issuer: string;
  /** The backend's clock: each access token records when it was issued on it (token-binding.ts). */
  clock: Clock;
  /** Where the widget's pages live: the redirect and post-logout URIs are there. */
  siteOrigin: string;
  /** Further app origins with their own redirect and post-logout URIs (`LATCH_APP_ORIGINS`). */
  appOrigins?: readonly string[];
  /** Origins whose pages may call the token endpoint from a browser. */
  allowedOrigins: readonly string[];
  keys: ProviderKeys;
  accounts: AccountStore;
  passwordMinLength: number;
  signUpEnabled: boolean;
  /** Where the provider keeps its models (oidc-adapter.ts). */
  adapter: MemoryAdapterFactory;
}

/** The single registered redirect URI, on the site, which lets FiPA token requests omit `redirect_uri` (FiPA §6). */
export function redirectUriFor(siteOrigin: string): string {
  return `${siteOrigin}/callback`;
}

/** oidc-provider (OpenID Certified) configured as the demo's authorization server, plus the profile's discovery keys. */
export function createProvider(options: ProviderOptions): Provider {
  const { issuer, siteOrigin, accounts } = options;
  // The site's redirect URI first: challenge-endpoint codes are bound to it (completion.ts).
  const appOrigins = [siteOrigin, ...(options.appOrigins ?? []).filter((origin) => origin !== siteOrigin)];
  const provider = new Provider(issuer, {
    adapter: options.adapter,
    clients: [
      {
        client_id: DEMO_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: appOrigins.map(redirectUriFor),
        post_logout_redirect_uris: appOrigins.map((origin) => `${origin}/`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    // OIDC Core §5.4 scope claims; `amr` (RFC 8176) is listed so it can reach the ID token.
    claims: {
      acr: null,
      amr: null,
      auth_time: null,
      sid: null,
      iss: null,
      // amr and acr in every ID token, so a client can tell a federated sign-in (`fed`) or its level without asking.
      openid: ['sub', 'amr', 'acr'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    async findAccount(_ctx, id) {
      const account = accounts.findById(id);
      if (!account) return undefined;
      const found: ProviderAccount = {
        accountId: account.id,
        // Every address an account holds was proven by a code: at sign-up, by a verified upstream provider, or
        // by a change (account-credentials.ts), which keeps the old address until the new one's code is entered.
        claims: () => ({ sub: account.id, email: account.email, email_verified: true, name: account.name }),
      };
      return found;
    },
    // OIDC Discovery §3 `acr_values_supported`; the session's level is computed in assurance.ts.
    acrValues: [...ACR_VALUES_SUPPORTED],
    // Access tokens are opaque; their record keeps acr, amr and auth_time so a resource server can apply
    // RFC 9470 (step-up) to a Bearer token as well as to the session cookie.
    async extraTokenClaims(ctx: { oidc?: { entities?: { AuthorizationCode?: { acr?: string; amr?: string[]; authTime?: number } } } }, token: { kind: string }) {
      const code = ctx?.oidc?.entities?.AuthorizationCode;
      if (token.kind !== 'AccessToken' || !code) return undefined;
      // `latch_issued_at` is on the backend's (test) clock, which POST /session judges freshness by.
      return { acr: code.acr, amr: code.amr, auth_time: code.authTime, latch_issued_at: options.clock.nowSeconds() };
    },
    jwks: options.keys.jwks,
    cookies: { keys: options.keys.cookieKeys },
    features: {
      devInteractions: { enabled: false },
      // Branded pages under the strict CSP; a valid id_token_hint skips the prompt (logout-pages.ts).
      rpInitiatedLogout: { enabled: true, ...logoutPages(SITE_NAME) },
      userinfo: { enabled: true },
    },
    // The login UI of redirect sign-in (T1): the widget, or the broker when a connection is asked for.
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}`, policy: promptPolicy({ connectionForcesLogin: true }) },
    // Picks the upstream provider (`ciam_connections[].authorization_params`).
    extraParams: ['connection', WEB_STEP_PARAM],
    // OAuth 2.1 §4.1: only the code flow; no implicit or hybrid response types.
    responseTypes: ['code'],
    pkce: { required: () => true },
    allowOmittingSingleRegisteredRedirectUri: true,
    // Put the scope claims (email, name) in the ID token too, so a public client needs no userinfo call.
    conformIdTokenClaims: false,
    // Only the allowed origins (the site's and the issuer's) may call the token and userinfo endpoints from a browser.
    clientBasedCORS: (_ctx, origin) => options.allowedOrigins.includes(origin),
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Grant: 14 * 24 * 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
    },
    discovery: {
      authorization_challenge_endpoint: `${issuer}/authorize-challenge`,
      ciam_passkey_options_endpoint: `${issuer}/passkey-options`,
      // Both: 2026-12 only relaxed what a backend must name, and this one names everything (profile §10).
      ciam_profile_versions_supported: [...PROFILE_VERSIONS_SPOKEN],
      ciam_step_types_supported: STEP_TYPES,
      ciam_session_endpoint: `${issuer}/session`,
      ciam_passkey_registration_endpoint: `${issuer}/passkeys/register`,
      ciam_passkeys_endpoint: `${issuer}/passkeys`,
      ciam_factors_endpoint: `${issuer}/factors`,
      ciam_email_endpoint: `${issuer}/email`,
      ciam_consent_endpoint: `${issuer}/consent`,
      ciam_privacy_endpoint: `${issuer}/privacy`,
      ciam_sessions_endpoint: `${issuer}/account/sessions`,
      ciam_activity_endpoint: `${issuer}/account/activity`,
      ciam_branding_endpoint: `${issuer}/branding`,
      ciam_widget_config_endpoint: `${issuer}/widget-config`,
      ciam_events_endpoint: `${issuer}/events`,
      ciam_password_min_length: options.passwordMinLength,
      ciam_sign_up_enabled: options.signUpEnabled,
      ciam_email_code_ttl: EMAIL_CODE_TTL_SECONDS,
      ciam_connections: CONNECTIONS,
      prompt_values_supported: PROMPT_VALUES,
    },
  });
  return provider;
}

/** Every step type of the challenge endpoint (`ciam_step_types_supported`). */
export const STEP_TYPES = ['identifier', 'password', 'email_otp', 'webauthn', 'sign_up', 'select_factor', 'totp', 'sms_otp', 'recovery_code', 'password_reset', 'new_password', 'account_recovery', 'email_link'];

/** Prompt values accepted (OIDC Core §3.1.2.1, and `create` from Prompt Create §4.1). */
export const PROMPT_VALUES = ['none', 'login', 'consent', 'create'];

/**
 * oidc-provider's login and consent prompts plus a requestable `create` (Prompt Create §4.1). An interaction
 * that answers `create` must put a `create` key in its result, or the provider asks again.
 * With `connectionForcesLogin`, a request naming a connection always goes through it, even when the user
 * already has a session here: the user picked that upstream provider on purpose.
 */
export function promptPolicy({ connectionForcesLogin = false } = {}): ReturnType<typeof interactionPolicy.base> {
  const policy = interactionPolicy.base();
  if (connectionForcesLogin) {
    policy.get('login')?.checks.add(
      new interactionPolicy.Check('connection_requested', 'a connection was requested', (ctx) =>
        Boolean(ctx.oidc.params.connection) && !ctx.oidc.result?.login,
      ),
    );
  }
  policy.add(new interactionPolicy.Prompt({ name: 'create', requestable: true }));
  return policy;
}

/** Whether the authorization request asked for sign-up (`prompt=create`). */
export function wantsCreate(params: { prompt?: string }): boolean {
  return (params.prompt ?? '').split(' ').includes('create');
}

/** Paths oidc-provider answers; everything else is ours. */
export function isProviderPath(pathname: string): boolean {
  return (
    pathname === '/.well-known/openid-configuration' ||
    ['/auth', '/token', '/jwks', '/me', '/session/end', '/request'].some(
      (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`),
    )
  );
}
