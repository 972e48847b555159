import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as oauth from 'oauth4webapi';
import type { Connection } from '../../src/protocol/index.js';
import type { Clock } from './clock.js';
import { sendPage } from './html.js';
import type { UpstreamFetch } from './loopback-fetch.js';
import { readCookies } from './http.js';
import { BROKER_CLIENT_ID, type Sandboxes } from './sandboxes.js';
import type { AccountStore } from './store.js';

/** The cookie that ties an upstream callback to the browser that left for it (RFC 9700 §4.7.1). */
const BROKER_COOKIE = 'latch_broker';
const TRANSACTION_TTL_SECONDS = 10 * 60;
const UPSTREAM_TIMEOUT_MS = 5000;

/** How a brokered sign-in ended, kept for the interaction to act on. */
export type BrokerOutcome =
  | { kind: 'error'; error: 'access_denied' | 'temporarily_unavailable'; description: string }
  /** `created`: this sign-in made the account (a sign-up), so its terms are asked as at a sign-up. */
  | { kind: 'signed_in'; accountId: string; created?: boolean }
  /** An account already uses the upstream email: the user must prove that account before it is linked. */
  | { kind: 'link'; connection: Connection; sub: string; accountId: string; email: string };

/** One trip to an upstream provider; its secrets never leave the server. */
interface Transaction {
  uid: string;
  connection: Connection;
  as: oauth.AuthorizationServer;
  state: string;
  nonce: string;
  verifier: string;
  expiresAt: number;
}

/** What the authorization request passes on upstream. */
export interface UpstreamHints {
  login_hint?: string;
  ui_locales?: string;
  /** `prompt=create` is passed as a hint the upstream may ignore. */
  create: boolean;
}

/** The upstream could not be reached or answered 5xx. */
export class UpstreamUnavailable extends Error {}

/**
 * The relying-party side of the reference backend: sends a user to a connection's upstream provider
 * (code flow, PKCE S256, state, nonce) and turns the answer into an account, on oauth4webapi.
 */
export class Broker {
  readonly #transactions = new Map<string, Transaction>();
  readonly #outcomes = new Map<string, BrokerOutcome>();

  constructor(
    private readonly deps: { sandboxes: Sandboxes; accounts: AccountStore; clock: Clock; redirectUri: string; fetch?: UpstreamFetch },
  ) {}

  /** The upstream authorization URL for interaction `uid`, and the cookie binding the trip to this browser. */
  async start(uid: string, connection: Connection, hints: UpstreamHints): Promise<{ location: string; cookie: string }> {
    const as = await this.#discover(connection);
    const verifier = oauth.generateRandomCodeVerifier();
    const transaction: Transaction = {
      uid,
      connection,
      as,
      state: oauth.generateRandomState(),
      nonce: oauth.generateRandomNonce(),
      verifier,
      expiresAt: this.deps.clock.nowSeconds() + TRANSACTION_TTL_SECONDS,
    };
    this.#prune();
    const id = randomBytes(32).toString('base64url');
    this.#transactions.set(id, transaction);

    const url = new URL(as.authorization_endpoint!);
    url.search = new URLSearchParams({
      client_id: BROKER_CLIENT_ID,
      redirect_uri: this.deps.redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
      ...(hints.login_hint ? { login_hint: hints.login_hint } : {}),
      ...(hints.ui_locales ? { ui_locales: hints.ui_locales } : {}),
      ...(hints.create ? { prompt: 'create' } : {}),
    }).toString();
    const cookie = `${BROKER_COOKIE}=${id}; Path=/broker/callback; Max-Age=${TRANSACTION_TTL_SECONDS}; HttpOnly; SameSite=Lax`;
    return { location: url.href, cookie };
  }

  /**
   * `GET /broker/callback`: checks `iss` (RFC 9207), then `state`, then the error, redeems the code and
   * validates the ID token, resolves the account, and sends the browser back to its interaction.
   */
  async callback(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = readCookies(req).get(BROKER_COOKIE) ?? '';
    const transaction = this.#transactions.get(id);
    // Single use: a replayed callback (reload, back button) finds nothing.
    this.#transactions.delete(id);
    if (!transaction || transaction.expiresAt <= this.deps.clock.nowSeconds()) {
      return sendPage(res, 400, {
        title: 'Sign-in expired',
        body: '<main><h1>This sign-in is no longer in progress</h1><p>It finished, expired, or was started in another browser. <a href="/">Start again</a>.</p></main>',
      });
    }
    const outcome = await this.#finishUpstream(transaction, new URL(req.url ?? '/', this.deps.redirectUri));
    this.#outcomes.set(transaction.uid, outcome);
    res.writeHead(303, {
      Location: `/interaction/${encodeURIComponent(transaction.uid)}`,
      'Set-Cookie': `${BROKER_COOKIE}=; Path=/broker/callback; Max-Age=0; HttpOnly; SameSite=Lax`,
      'Cache-Control': 'no-store',
    });
    res.end();
  }

  /** The outcome for interaction `uid`, if its upstream trip came back. */
  outcome(uid: string): BrokerOutcome | undefined {
    return this.#outcomes.get(uid);
  }

  /** Forgets an outcome once the interaction acted on it. */
  settle(uid: string): void {
    this.#outcomes.delete(uid);
  }

  async #discover(connection: Connection): Promise<oauth.AuthorizationServer> {
    const issuer = new URL(this.deps.sandboxes.issuerOf(connection.id));
    try {
      return await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, this.#requestOptions(issuer)));
    } catch (cause) {
      throw new UpstreamUnavailable(`${connection.name} is not reachable`, { cause });
    }
  }

  async #finishUpstream(transaction: Transaction, callbackUrl: URL): Promise<BrokerOutcome> {
    const { as, connection } = transaction;
    const client: oauth.Client = { client_id: BROKER_CLIENT_ID };
    try {
      const params = oauth.validateAuthResponse(as, client, callbackUrl, transaction.state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        oauth.ClientSecretBasic(this.deps.sandboxes.clientSecret),
        params,
        this.deps.redirectUri,
        transaction.verifier,
        this.#requestOptions(new URL(as.issuer)),
      );
      // ID token checks of OIDC Core §3.1.3.7 (iss, aud, exp, iat, nonce); the signature check is skipped
      // because the token came straight from the token endpoint (item 6).
      const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
        expectedNonce: transaction.nonce,
        requireIdToken: true,
      });
      const claims = oauth.getValidatedIdTokenClaims(result)!;
      return await this.#resolveAccount(connection, {
        sub: claims.sub,
        email: typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined,
        emailVerified: claims.email_verified === true,
      });
    } catch (error) {
      return failureOf(connection, error);
    }
  }

  /** A link signs in; a new email makes an account; an email already in use is never linked without proof. */
  async #resolveAccount(
    connection: Connection,
    upstream: { sub: string; email: string | undefined; emailVerified: boolean },
  ): Promise<BrokerOutcome> {
    const { accounts, clock } = this.deps;
    const linked = accounts.findByLink(connection.id, upstream.sub);
    if (linked) return { kind: 'signed_in', accountId: linked.id };
    if (!upstream.email) return denied(`${connection.name} shared no email address`);
    const existing = accounts.findByEmail(upstream.email);
    if (existing) return { kind: 'link', connection, sub: upstream.sub, accountId: existing.id, email: upstream.email };
    if (!upstream.emailVerified) return denied(`${connection.name} has not verified ${upstream.email}`);
    const account = await accounts.create({ email: upstream.email, createdAt: clock.nowSeconds() });
    await accounts.addLink(account, { connection: connection.id, sub: upstream.sub, linked_at: clock.nowSeconds() });
    return { kind: 'signed_in', accountId: account.id, created: true };
  }

  #requestOptions(url: URL): { signal: AbortSignal; [oauth.allowInsecureRequests]?: boolean; [oauth.customFetch]?: UpstreamFetch } {
    // Only the loopback sandboxes are plain http; a real upstream is https and never gets this flag.
    const options = { signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS), [oauth.allowInsecureRequests]: url.protocol === 'http:' };
    return this.deps.fetch ? { ...options, [oauth.customFetch]: this.deps.fetch } : options;
  }

  #prune(): void {
    const now = this.deps.clock.nowSeconds();
    for (const [id, transaction] of this.#transactions) if (transaction.expiresAt <= now) this.#transactions.delete(id);
  }
}

function denied(description: string): BrokerOutcome {
  return { kind: 'error', error: 'access_denied', description };
}

/** Upstream errors and outages become errors of our own authorization response. */
function failureOf(connection: Connection, error: unknown): BrokerOutcome {
  if (error instanceof oauth.AuthorizationResponseError) {
    if (error.error === 'temporarily_unavailable' || error.error === 'server_error') {
      return { kind: 'error', error: 'temporarily_unavailable', description: `${connection.name} is unavailable` };
    }
    return denied(`${connection.name} answered ${error.error}`);
  }
  if (isOutage(error)) return { kind: 'error', error: 'temporarily_unavailable', description: `${connection.name} is not reachable` };
  // iss or state mismatch, a bad ID token: never a sign-in.
  return denied(`the answer from ${connection.name} failed validation`);
}

function isOutage(error: unknown): boolean {
  if (error instanceof TypeError || (error instanceof DOMException && error.name === 'TimeoutError')) return true;
  if (error instanceof oauth.ResponseBodyError) return error.status >= 500;
  return error instanceof oauth.OperationProcessingError && error.cause instanceof Response && error.cause.status >= 500;
}
