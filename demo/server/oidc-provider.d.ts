// The slice of oidc-provider 9's API this backend uses. The package ships JavaScript without types and
// @types/oidc-provider trails the 9.x line, so the surface is declared here from lib/ and the docs.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface AdapterPayload {
    [key: string]: unknown;
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
  }

  /** Storage for provider models (codes, grants, tokens, sessions). */
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface ClientMetadata {
    client_id: string;
    token_endpoint_auth_method?: string;
    redirect_uris?: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    id_token_signed_response_alg?: string;
    [key: string]: unknown;
  }

  /** The provider configuration keys this backend sets; see oidc-provider's docs/README.md for all. */
  export interface Configuration {
    adapter?: (name: string) => Adapter;
    clients?: ClientMetadata[];
    claims?: Record<string, null | string[]>;
    findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined> | Account | undefined;
    jwks?: { keys: Record<string, unknown>[] };
    cookies?: {
      keys?: string[];
      names?: { session?: string; interaction?: string; resume?: string };
      long?: Record<string, unknown>;
      short?: Record<string, unknown>;
    };
    features?: Record<string, { enabled: boolean; [key: string]: unknown }>;
    interactions?: { url?: (ctx: unknown, interaction: { uid: string }) => string; policy?: Prompt[] };
    /** Authorization request parameters kept on the interaction beyond the standard ones. */
    extraParams?: string[];
    discovery?: Record<string, unknown>;
    pkce?: { required?: () => boolean };
    ttl?: Record<string, number>;
    conformIdTokenClaims?: boolean;
    allowOmittingSingleRegisteredRedirectUri?: boolean;
    clientBasedCORS?: (ctx: unknown, origin: string, client: unknown) => boolean;
    renderError?: (ctx: { type: string; body: unknown }, out: Record<string, string>, error: Error) => void;
    [key: string]: unknown;
  }

  export interface Client {
    clientId: string;
    redirectUris: string[];
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface AuthorizationCodeInit {
    accountId: string;
    client: Client;
    grantId: string;
    scope: string;
    codeChallenge: string;
    codeChallengeMethod: 'S256';
    redirectUri: string;
    nonce?: string;
    acr?: string;
    amr?: string[];
    authTime?: number;
    claims?: { id_token?: Record<string, null>; userinfo?: Record<string, null> };
  }

  export interface AuthorizationCode {
    save(): Promise<string>;
  }

  /** What an interaction is about, from `provider.interactionDetails()`. */
  export interface Interaction {
    uid: string;
    prompt: { name: string; reasons: string[] };
    /** The authorization request parameters, `extraParams` included. */
    params: Record<string, string | undefined>;
    returnTo: string;
  }

  /** The outcome handed back to the provider: a sign-in with consent, or an error for the client. */
  export type InteractionResults =
    | { error: string; error_description?: string }
    | {
        login: { accountId: string; amr?: string[]; acr?: string; ts?: number };
        consent?: { grantId: string };
        [prompt: string]: unknown;
      };

  /** The state a check reads: the request parameters and, when resuming, the interaction's result. */
  export interface CheckContext {
    oidc: { params: Record<string, unknown>; result?: Record<string, unknown> };
  }

  export namespace interactionPolicy {
    class Check {
      constructor(reason: string, description: string, check: (ctx: CheckContext) => boolean);
    }
    class Prompt {
      constructor(options: { name: string; requestable: boolean }, ...checks: Check[]);
      readonly name: string;
      readonly checks: Check[] & { add(check: Check): void };
    }
    function base(): Prompt[] & { get(name: string): Prompt | undefined; add(prompt: Prompt): void };
  }

  /** An issued access token, as the provider stores it. */
  export interface AccessToken {
    accountId: string;
    /** The client the token was issued to. */
    clientId: string;
    /** The token's own id (its value, for opaque tokens). */
    jti: string;
    /** The provider session it came from (authorization-endpoint sign-ins only). */
    sessionUid?: string;
    isExpired: boolean;
    /** What `extraTokenClaims` added when the token was issued. */
    extra?: Record<string, unknown>;
  }

  /** A provider (single sign-on) session. */
  export interface Session {
    amr?: string[];
    acr?: string;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    readonly Grant: new (init: { accountId: string; clientId: string }) => Grant;
    readonly AccessToken: { find(token: string): Promise<AccessToken | undefined> };
    readonly Session: { findByUid(uid: string): Promise<Session | undefined> };
    readonly AuthorizationCode: (new (init: AuthorizationCodeInit) => AuthorizationCode) & {
      find(code: string): Promise<{ redirectUri?: string; sessionUid?: string } | undefined>;
    };
    readonly Client: { find(id: string): Promise<Client | undefined> };
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    /** Stores the result and answers the URL that resumes the authorization request. */
    interactionResult(req: IncomingMessage, res: ServerResponse, result: InteractionResults): Promise<string>;
    /** Stores the result and redirects (303) to resume the authorization request. */
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResults): Promise<void>;
  }
}
