import {
  AuthorizationServerMetadata,
  type Connection,
  type Factor,
  PROFILE_VERSION,
  SessionStatus,
  type AuthenticationResponseJSON,
  type Method,
  type Passkey,
  type PublicKeyCredentialRequestOptionsJSON,
  type StepRequest,
  type StepState,
  type User,
} from '../protocol/index.js';
import { readChallengeAnswer, readError, type ChallengeAnswer } from './challenge.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { lazy } from './lazy.js';
import { indexedDbStore, type PreferenceStore } from './storage.js';
import { pkceChallenge, randomToken } from './pkce.js';
import type { TokenSet } from './tokens.js';
import type { RedirectTransaction } from './oidc.js';
import { isRedirectCallback, saveTransaction, takeTransaction, waitForPopupCallback } from './redirect-store.js';
import { validateReturnTo } from './return-to.js';
import { invalidResponse, parseWith, readJSON, send, type RequestContext } from './transport.js';
import { browserWebAuthn, toPasskeyError, type ClientCapabilities, type WebAuthnAdapter } from './webauthn.js';
import type { AccountApi } from './account.js';
import { createStepUp, type StepUpHandler, type StepUpRequirement } from './step-up.js';
import { sessionChannel, type SessionChannel, type SessionMessage, type SignOutReason } from './session-channel.js';

export type { StepUpHandler, StepUpRequirement } from './step-up.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The backend's issuer identifier, e.g. `https://id.example.com` (OIDC Discovery §4). */
  issuer: string;
  /** This site's OAuth client id at the backend. */
  clientId: string;
  /** Scopes to request. Default `openid email profile`. */
  scope?: string;
  /** BCP 47 tags for the backend's messages (OIDC Core §3.1.2.1 `ui_locales`). */
  uiLocales?: string;
  /** Milliseconds before a request is given up. Default 15 000. */
  timeout?: number;
  /** The fetch to use. Default: the page's `fetch` as it was when the client was created. */
  fetch?: typeof fetch;
  /** Where non-secret device preferences go. Default: IndexedDB, falling back to memory. */
  storage?: PreferenceStore;
  /** The WebAuthn calls. Default: @simplewebauthn/browser. */
  webauthn?: WebAuthnAdapter;
  /**
   * How a sign-in completes (DESIGN.md §3). `session` (default): the same-site backend set its HttpOnly
   * session cookie, and the client reads the user from the session endpoint. `tokens`: the client also
   * exchanges the authorization code as a public client (PKCE, FiPA §6) and keeps the tokens in memory;
   * that code (oauth4webapi) loads as a separate chunk only then.
   */
  completion?: 'session' | 'tokens';
  /** Where redirect and popup sign-ins come back to (a redirect URI registered for `clientId`). */
  redirectUri?: string;
  /** Origins besides this page's that `returnTo` may point at. */
  allowedReturnOrigins?: readonly string[];
  /** How tabs tell each other about sign-in and sign-out. Default: a `BroadcastChannel` per issuer (see session-channel.ts). */
  sessionChannel?: SessionChannel;
}

/**
 * A change of the session, from this client or from another tab (or another client of the same issuer
 * on this page): `remote` says which. `extended` carries the new idle expiry in the backend's epoch seconds.
 */
export type SessionChange =
  | { type: 'signed-in'; remote: boolean }
  | { type: 'signed-out'; reason: SignOutReason; remote: boolean }
  | { type: 'extended'; idleExpiresAt: number; remote: boolean };

/** Options of a redirect or popup sign-in (DESIGN.md T1). */
export interface RedirectOptions extends CallOptions {
  /** A connection id from `connections()`; without one, the backend's own sign-in page. */
  connection?: string;
  loginHint?: string;
  /** `create` asks the backend for a sign-up (OpenID Connect Prompt Create). */
  prompt?: 'create' | 'login';
  /** Where to land after a redirect sign-in; only this origin or `allowedReturnOrigins` (else ignored). */
  returnTo?: string;
}

/** Per-call options: every call can be aborted. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** A completed sign-in. */
export interface SignedIn {
  user: User;
  /** The method that completed it; `sso` for a social or enterprise connection. */
  method: Method | 'sso';
  /** The connection, for `sso`. */
  connection?: string;
  /** Authentication methods references from the ID token (RFC 8176). */
  amr: readonly string[];
}

/** What a step led to: the next step, a completed sign-in, or a completed step-up. */
export type StepOutcome =
  | { type: 'step'; state: StepState }
  | { type: 'signed-in'; signedIn: SignedIn }
  | { type: 'stepped-up' };

/** The headless client: one function per protocol step. Create one with {@link createClient}. */
export interface LatchClient {
  readonly issuer: string;
  readonly clientId: string;
  readonly storage: PreferenceStore;
  /** Fetches and checks the backend's metadata (cached; retried after a failure). */
  discover(options?: CallOptions): Promise<AuthorizationServerMetadata>;
  /** Starts a sign-in transaction (FiPA §5.1) with fresh PKCE and nonce. */
  startSignIn(options?: CallOptions & { loginHint?: string }): Promise<StepOutcome>;
  /**
   * Starts a step-up for the signed-in user (RFC 9470 §4 over FiPA): the backend answers with the user's
   * strongest factor, and finishing that factor's step resolves to `stepped-up`.
   */
  startStepUp(options: CallOptions & StepUpRequirement): Promise<StepOutcome>;
  /** Identifier-first: says who is signing in. */
  submitIdentifier(options: CallOptions & { loginHint: string }): Promise<StepOutcome>;
  signInWithPassword(options: CallOptions & { password: string }): Promise<StepOutcome>;
  /** Creates an account for the identifier; without a password the account is passwordless. */
  signUp(options?: CallOptions & { password?: string }): Promise<StepOutcome>;
  /** Sends (or re-sends, invalidating the old one) an email code. */
  requestEmailCode(options?: CallOptions): Promise<StepOutcome>;
  verifyEmailCode(options: CallOptions & { code: string }): Promise<StepOutcome>;
  /** Switches to another factor from the step's `alternatives`; a code factor sends its code. */
  selectFactor(options: CallOptions & { factor: Factor }): Promise<StepOutcome>;
  /** Checks an authenticator app code (RFC 6238). */
  verifyTotp(options: CallOptions & { code: string }): Promise<StepOutcome>;
  /** Sends (or re-sends, invalidating the old one) a text message code. */
  requestSmsCode(options?: CallOptions): Promise<StepOutcome>;
  verifySmsCode(options: CallOptions & { code: string }): Promise<StepOutcome>;
  /** Uses one single-use recovery code. */
  verifyRecoveryCode(options: CallOptions & { code: string }): Promise<StepOutcome>;
  /** Asks the backend for passkey request options bound to this transaction. */
  startPasskeySignIn(options?: CallOptions): Promise<PublicKeyCredentialRequestOptionsJSON>;
  /** Sends the assertion; an unknown credential is signalled to the password manager. */
  finishPasskeySignIn(
    options: CallOptions & { response: AuthenticationResponseJSON; rpId?: string },
  ): Promise<StepOutcome>;
  /**
   * The whole passkey sign-in. With `autofill`, waits for the user to pick a passkey from the identifier
   * field's autofill list (conditional mediation); abort the signal to stop waiting.
   */
  signInWithPasskey(
    options?: CallOptions & { autofill?: boolean; requestOptions?: PublicKeyCredentialRequestOptionsJSON },
  ): Promise<StepOutcome>;
  /**
   * Creates a passkey for the signed-in user. With `conditional`, by conditional create (WebAuthn L3): no
   * prompt, the browser creates it only if it allows that right after a password sign-in; check the
   * `conditionalCreate` capability first.
   */
  registerPasskey(options?: CallOptions & { conditional?: boolean }): Promise<Passkey>;
  /** The signed-in user's passkeys and other factors (its code loads on first use). */
  account(options?: CallOptions): Promise<AccountApi>;
  /** What the browser says it can do with passkeys (`getClientCapabilities()`, WebAuthn L3 §5.1.7); unknown ones left out. */
  clientCapabilities(): Promise<ClientCapabilities>;
  /** The backend session behind its HttpOnly cookie. */
  getSession(options?: CallOptions): Promise<SessionStatus>;
  /** Keeps the session alive: pushes its idle timeout back (WCAG 2.2.1 "extend with a simple action"). */
  extendSession(options?: CallOptions): Promise<SessionStatus>;
  /**
   * Ends the session; local state is cleared, and other tabs told, even when the backend cannot be reached.
   * `reason` (default `user`) tells the other tabs why, so they can say so; `ended` (the backend already
   * ended it) only clears and tells, without asking the backend.
   */
  signOut(options?: CallOptions & { reason?: SignOutReason }): Promise<void>;
  /**
   * Calls `listener` on every sign-in, sign-out and session extension, here or in another tab of this
   * browser. A sign-out from elsewhere has already cleared this client's tokens. Returns an unsubscribe function.
   */
  onSessionChange(listener: (change: SessionChange) => void): () => void;
  /**
   * Milliseconds the backend's clock runs ahead of this page's (negative: behind), estimated from the last
   * session response; 0 until one arrived. Turns the session's epoch fields into this page's time.
   */
  serverTimeOffset(): number;
  /** The access token of the last sign-in, held in memory only. */
  getAccessToken(): string | undefined;
  /** What this browser can do with passkeys. */
  passkeySupport(): Promise<{ available: boolean; autofill: boolean }>;
  /** The backend's social and enterprise connections, in its order. */
  connections(options?: CallOptions): Promise<Connection[]>;
  /** Home-realm discovery: the enterprise connection for an email's domain, if any. */
  connectionForEmail(email: string, options?: CallOptions): Promise<Connection | undefined>;
  /** Prepares a redirect sign-in and returns the URL to send the browser to; the transaction waits in this tab. */
  startRedirectSignIn(options?: RedirectOptions): Promise<string>;
  /** Whether a URL is a callback for a redirect sign-in started in this tab. */
  isRedirectCallback(url: string): boolean;
  /** Checks the callback (RFC 9207 `iss`, `state`), redeems its code once, and says where to go next. */
  finishRedirectSignIn(options: CallOptions & { url: string }): Promise<{ signedIn: SignedIn; returnTo?: string }>;
  /**
   * The same in a popup the caller opened in its click handler (`window.open` needs the user's gesture).
   * The callback page posts its URL back to this exact origin; anything else is ignored.
   */
  signInWithPopup(options: RedirectOptions & { popup: Window }): Promise<SignedIn>;
  /**
   * OpenID Connect RP-Initiated Logout 1.0 §2: the URL that ends the user's session at the backend's
   * provider too (single sign-out), with the last ID token as a hint. Call `signOut()` first.
   */
  endSessionUrl(options?: { postLogoutRedirectUri?: string }): Promise<string | undefined>;
  /**
   * `fetch` for the app's own API. On `401` with an RFC 9470 `insufficient_user_authentication` challenge
   * (`Bearer` or `DPoP`), runs a step-up for its `acr_values` / `max_age` and sends the request once more.
   * Rejects with `STEP_UP_CANCELLED` (the user closed the prompt), `STEP_UP_UNMET` (the backend cannot reach
   * that level for this user), `STEP_UP_FAILED` (refused again after the step-up) or `STEP_UP_REQUIRED`
   * (no prompt registered). Other answers, a plain 401 included, are returned as they are.
   */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Step-up before a sensitive action; resolves at once when the session already satisfies it (no prompt). */
  requireStepUp(options?: CallOptions & { acr?: string | readonly string[]; maxAge?: number }): Promise<void>;
  /**
   * Who runs the step-up prompt of a first-party backend: `<latch-step-up>` registers itself. The latest
   * registration wins; returns a function that removes it.
   */
  onStepUp(handler: StepUpHandler): () => void;
}



interface Transaction {
  authSession?: string;
  codeVerifier: string;
  nonce: string;
  /** The last step state the backend sent, for its passkey options. */
  state?: StepState;
  /** The first factor the user used, which names the sign-in whatever factor completes it. */
  method?: Method;
  /** A step-up of the signed-in user rather than a sign-in. */
  stepUp?: boolean;
}

const DEFAULT_SCOPE = 'openid email profile';

const loadTokenExchange = lazy(() => import('./tokens.js'));
const loadOidc = lazy(() => import('./oidc.js'));
const loadRegistration = lazy(() => import('./registration.js'));
const loadAccount = lazy(() => import('./account.js'));
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

/** Creates a client for one backend. Nothing is fetched until the first call. */
export function createClient(options: ClientOptions): LatchClient {
  const issuer = checkIssuer(options.issuer);
  if (!options.clientId) throw new LatchError(LatchErrorCode.INVALID_OPTIONS, 'clientId is required');
  const allowHttp = new URL(issuer).protocol === 'http:';
  // Keep the fetch the page had at load: a host that patches fetch later (zone.js, analytics) does not
  // change our behaviour (fault E8).
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeout = options.timeout ?? 15_000;
  const webauthn = options.webauthn ?? browserWebAuthn;
  const storage = options.storage ?? indexedDbStore();
  const inflight = new Map<string, Promise<unknown>>();
  let metadata: Promise<AuthorizationServerMetadata> | undefined;
  let transaction: Transaction | undefined;
  let tokens: TokenSet | undefined;
  /** Kept past sign-out, only as the `id_token_hint` of {@link LatchClient.endSessionUrl}. */
  let lastIdToken: string | undefined;
  let accountApi: AccountApi | undefined;
  let capabilities: Promise<ClientCapabilities> | undefined;
  const channel = options.sessionChannel ?? sessionChannel(issuer);
  const sessionListeners = new Set<(change: SessionChange) => void>();
  let clockOffset = 0;
  channel.subscribe((message) => {
    // Signed out in another tab: this tab's tokens and transaction go too (fault K3), listeners or not.
    if (message.type === 'signed-out') forget();
    notify(message, true);
  });

  const context = (call?: CallOptions): RequestContext => ({ fetch: fetchImpl, timeout, signal: call?.signal });

  /** One request per step at a time: a second call while one is in flight gets the same promise (fault K1). */
  function once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const pending = inflight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const started = run().finally(() => inflight.delete(key));
    inflight.set(key, started);
    return started;
  }

  function discover(call?: CallOptions): Promise<AuthorizationServerMetadata> {
    metadata ??= fetchMetadata(call).catch((error: unknown) => {
      metadata = undefined;
      throw error;
    });
    return metadata;
  }

  async function fetchMetadata(call?: CallOptions): Promise<AuthorizationServerMetadata> {
    const url = `${issuer}/.well-known/openid-configuration`;
    const response = await send(url, { headers: { accept: 'application/json' } }, context(call));
    if (!response.ok) throw invalidResponse(`Discovery failed (HTTP ${response.status})`);
    const parsed = parseWith(AuthorizationServerMetadata, await readJSON(response));
    // OIDC Discovery §4.3: the issuer in the document must be the one it was fetched for.
    if (parsed.issuer.replace(/\/$/, '') !== issuer) throw invalidResponse('Discovery issuer mismatch');
    return parsed;
  }

  async function endpoint(
    key:
      | 'authorization_challenge_endpoint'
      | 'ciam_session_endpoint'
      | 'ciam_passkey_registration_endpoint'
      | 'ciam_passkeys_endpoint'
      | 'ciam_factors_endpoint',
    call?: CallOptions,
  ): Promise<string> {
    const found = await discover(call);
    const url = found[key];
    const versions = found.ciam_profile_versions_supported ?? [];
    if (!url || !versions.includes(PROFILE_VERSION)) {
      throw new LatchError(LatchErrorCode.UNSUPPORTED_BACKEND, `The backend does not offer ${key} (profile ${PROFILE_VERSION})`);
    }
    return url;
  }

  function startSignIn(call: CallOptions & { loginHint?: string } = {}): Promise<StepOutcome> {
    return once(`start:${call.loginHint ?? ''}`, () => begin(call.loginHint ? { login_hint: call.loginHint } : {}, false, call));
  }

  function startStepUp(call: CallOptions & StepUpRequirement): Promise<StepOutcome> {
    const params: Record<string, string> = {};
    if (call.acrValues?.length) params.acr_values = call.acrValues.join(' ');
    if (call.maxAge !== undefined) params.max_age = String(Math.max(0, Math.floor(call.maxAge)));
    return once(`step-up:${params.acr_values ?? ''}:${params.max_age ?? ''}`, () => begin(params, true, call));
  }

  /** FiPA §5.1: the form-encoded initial request of a new transaction, with fresh PKCE and nonce. */
  async function begin(params: Record<string, string>, stepUp: boolean, call: CallOptions): Promise<StepOutcome> {
    const url = await endpoint('authorization_challenge_endpoint', call);
    const codeVerifier = randomToken();
    const started: Transaction = { codeVerifier, nonce: randomToken(), stepUp };
    const form = new URLSearchParams({
      client_id: options.clientId,
      response_type: 'code',
      scope: options.scope ?? DEFAULT_SCOPE,
      code_challenge: await pkceChallenge(codeVerifier),
      code_challenge_method: 'S256',
      nonce: started.nonce,
      ...params,
    });
    if (options.uiLocales) form.set('ui_locales', options.uiLocales);
    transaction = started;
    const response = await send(url, { method: 'POST', body: form }, context(call));
    return settle(started, await readChallengeAnswer(response), call);
  }

  /** Sends one intermediate step (FiPA §5.3) as JSON, which also forces a CORS preflight (CSRF, ASVS 5 3.5.2). */
  async function step(request: StepRequest, method: Method | undefined, call: CallOptions = {}): Promise<StepOutcome> {
    // Warm the token exchange chunk while the user is still on the steps.
    if (options.completion === 'tokens') void loadTokenExchange().catch(() => undefined);
    const current = transaction;
    if (!current?.authSession) {
      throw new LatchError(LatchErrorCode.SESSION_EXPIRED, 'No sign-in in progress; call startSignIn() first');
    }
    const url = await endpoint('authorization_challenge_endpoint', call);
    // A step with a `reason` is a second factor: the first factor keeps naming the sign-in.
    if (method && !(current.state && 'reason' in current.state && current.state.reason)) current.method = method;
    const body = JSON.stringify({ auth_session: current.authSession, step: request });
    const response = await send(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body },
      context(call),
    );
    return settle(current, await readChallengeAnswer(response), call);
  }

  async function settle(current: Transaction, answer: ChallengeAnswer, call: CallOptions): Promise<StepOutcome> {
    if (current !== transaction) throw new LatchError(LatchErrorCode.ABORTED, 'A newer sign-in replaced this one');
    if (answer.type === 'step') {
      current.authSession = answer.authSession;
      current.state = answer.state;
      return { type: 'step', state: answer.state };
    }
    transaction = undefined;
    // The factor that finished a two-step sign-in does not name it: the first factor does.
    const method = current.method ?? 'email_otp';
    // A step-up in session mode is done once the backend says so: the session cookie now carries the
    // higher level, and no further round trip is needed (issue bar: two round trips for a passkey step-up).
    if (current.stepUp && options.completion !== 'tokens') return { type: 'stepped-up' };
    if (options.completion === 'tokens') {
      const { exchangeAuthorizationCode } = await loadTokenExchange();
      tokens = await exchangeAuthorizationCode({
        metadata: await discover(call),
        clientId: options.clientId,
        grant: { code: answer.authorizationCode },
        codeVerifier: current.codeVerifier,
        nonce: current.nonce,
        context: context(call),
        allowHttp,
      });
      if (current.stepUp) return { type: 'stepped-up' };
      const { sub, email, name, amr = [] } = tokens.claims;
      announce({ type: 'signed-in', at: Date.now() });
      return { type: 'signed-in', signedIn: { user: { sub, email, name }, method, amr } };
    }
    const session = await getSession(call);
    // Fault R15: the backend said yes but no session cookie arrived (blocked or dropped cookies).
    if (!session.active || !session.user) {
      throw new LatchError(LatchErrorCode.COOKIES_BLOCKED, 'Signed in, but the session cookie did not arrive');
    }
    announce({ type: 'signed-in', at: Date.now() });
    return { type: 'signed-in', signedIn: { user: session.user, method: session.method ?? method, amr: session.amr ?? [] } };
  }

  async function startPasskeySignIn(call?: CallOptions): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const outcome = await step({ type: 'webauthn', action: 'options' }, 'passkey', call);
    if (outcome.type !== 'step' || outcome.state.step !== 'webauthn') {
      throw invalidResponse('Expected passkey request options');
    }
    return outcome.state.request_options;
  }

  async function finishPasskeySignIn(
    call: CallOptions & { response: AuthenticationResponseJSON; rpId?: string },
  ): Promise<StepOutcome> {
    try {
      return await step({ type: 'webauthn', action: 'verify', response: call.response }, 'passkey', call);
    } catch (error) {
      if (error instanceof LatchError && error.code === LatchErrorCode.PASSKEY_UNKNOWN) {
        // WebAuthn L3 §5.1.10.1: the backend no longer knows this passkey, so the password manager should
        // stop offering it.
        void webauthn.signalUnknownCredential({ rpId: call.rpId ?? new URL(issuer).hostname, credentialId: call.response.id });
      }
      throw error;
    }
  }

  async function signInWithPasskey(
    call: CallOptions & { autofill?: boolean; requestOptions?: PublicKeyCredentialRequestOptionsJSON } = {},
  ): Promise<StepOutcome> {
    const autofill = call.autofill ?? false;
    return once(autofill ? 'passkey-autofill' : 'passkey', async () => {
      if (!webauthn.isAvailable()) throw new LatchError(LatchErrorCode.PASSKEY_UNAVAILABLE, 'WebAuthn is not available');
      if (!transaction?.authSession) await startSignIn(call);
      const optionsJSON = call.requestOptions ?? (await startPasskeySignIn(call));
      const response = await ceremony(() => webauthn.authenticate({ optionsJSON, autofill }), call.signal);
      return finishPasskeySignIn({ ...call, response, rpId: optionsJSON.rpId });
    });
  }

  /** Runs a WebAuthn ceremony that the caller's signal can end. */
  async function ceremony<T>(run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new LatchError(LatchErrorCode.ABORTED, 'Aborted before the ceremony started');
    const cancel = () => webauthn.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await run();
    } catch (error) {
      throw toPasskeyError(error);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  async function registerPasskey(call: CallOptions & { conditional?: boolean } = {}): Promise<Passkey> {
    const conditional = call.conditional ?? false;
    return once(conditional ? 'register-passkey-conditional' : 'register-passkey', async () => {
      const url = await endpoint('ciam_passkey_registration_endpoint', call);
      const post = async (body: unknown) => {
        const init = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) };
        // Adding a passkey may need a recent sign-in: the step-up prompt answers the challenge and the request
        // goes again. An automatic (conditional) registration never opens a prompt.
        const response = conditional ? await send(url, init, context(call)) : await accountRequest(url, init, call);
        if (!response.ok) throw await readError(response);
        return readJSON(response);
      };
      const { registerPasskey: register } = await loadRegistration();
      return register(post, (optionsJSON) => ceremony(() => webauthn.register({ optionsJSON, conditional }), call.signal));
    });
  }

  /**
   * Sends an account request (passkeys, factors) with the session cookie. Sensitive changes may need a recent
   * sign-in: an RFC 9470 challenge runs the step-up prompt, then the request is sent once more.
   */
  function accountRequest(url: string, init: RequestInit, call: CallOptions): Promise<Response> {
    return stepUp.withStepUp(() => send(url, init, context(call)), call.signal);
  }

  async function account(): Promise<AccountApi> {
    const { createAccountApi } = await loadAccount();
    accountApi ??= createAccountApi({
      endpoint: (key, call) => endpoint(key, call),
      request: accountRequest,
      registerPasskey: (call) => registerPasskey(call),
      once,
      webauthn,
    });
    return accountApi;
  }

  /** One call to the session endpoint. Its `Date` header is the backend's clock (RFC 9110 §6.6.1, whole
   * seconds; cross-origin it must be exposed), which places `idle_expires_at` on this page's clock. */
  async function sessionRequest(init: RequestInit, call: CallOptions = {}): Promise<SessionStatus> {
    const url = await endpoint('ciam_session_endpoint', call);
    const sentAt = Date.now();
    const response = await send(url, { ...init, headers: { accept: 'application/json', ...init.headers } }, context(call));
    if (!response.ok) throw await readError(response);
    const date = Date.parse(response.headers.get('date') ?? '');
    if (Number.isFinite(date)) clockOffset = date + 500 - (sentAt + Date.now()) / 2;
    return parseWith(SessionStatus, await readJSON(response));
  }

  function getSession(call?: CallOptions): Promise<SessionStatus> {
    return sessionRequest({}, call);
  }

  async function extendSession(call?: CallOptions): Promise<SessionStatus> {
    const session = await sessionRequest({ method: 'PATCH' }, call);
    if (session.active && session.idle_expires_at !== undefined) {
      announce({ type: 'extended', at: Date.now(), idle_expires_at: session.idle_expires_at });
    }
    return session;
  }

  async function signOut(call: CallOptions & { reason?: SignOutReason } = {}): Promise<void> {
    // ASVS 5 14.3.1: forget local state first, so sign-out holds even if the backend is unreachable.
    forget();
    const message: SessionMessage = { type: 'signed-out', at: Date.now(), reason: call.reason ?? 'user' };
    notify(message, false);
    // `ended`: the backend already ended it; a DELETE now could end a newer session another tab just started.
    if (call.reason === 'ended') return channel.post(message);
    try {
      const url = await endpoint('ciam_session_endpoint', call);
      const response = await send(url, { method: 'DELETE' }, context(call));
      if (!response.ok) throw await readError(response);
    } finally {
      // Other tabs re-read the session when told: only once the DELETE has ended it (or failed).
      channel.post(message);
    }
  }

  function forget(): void {
    lastIdToken = tokens?.idToken ?? lastIdToken;
    tokens = undefined;
    transaction = undefined;
  }

  /** Tells this client's listeners, then the other tabs. */
  function announce(message: SessionMessage): void {
    notify(message, false);
    channel.post(message);
  }

  function notify(message: SessionMessage, remote: boolean): void {
    const change: SessionChange =
      message.type === 'signed-out'
        ? { type: 'signed-out', reason: message.reason, remote }
        : message.type === 'extended'
          ? { type: 'extended', idleExpiresAt: message.idle_expires_at, remote }
          : { type: 'signed-in', remote };
    for (const listener of [...sessionListeners]) {
      try {
        listener(change);
      } catch (error) {
        // One broken listener must not keep the others from hearing about a sign-out.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  function onSessionChange(listener: (change: SessionChange) => void): () => void {
    sessionListeners.add(listener);
    return () => void sessionListeners.delete(listener);
  }

  async function connections(call?: CallOptions): Promise<Connection[]> {
    return (await discover(call)).ciam_connections ?? [];
  }

  async function connectionForEmail(email: string, call?: CallOptions): Promise<Connection | undefined> {
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    const found = await connections(call);
    return found.find((connection) => connection.domains?.some((candidate) => candidate.toLowerCase() === domain));
  }

  async function authorizationRequest(call: RedirectOptions & StepUpRequirement) {
    const metadata = await discover(call);
    const connection = call.connection ? (await connections(call)).find((c) => c.id === call.connection) : undefined;
    if (call.connection && !connection) throw new LatchError(LatchErrorCode.INVALID_OPTIONS, `Unknown connection ${call.connection}`);
    const redirectUri = options.redirectUri ?? new URL('/callback', location.href).href;
    const { createAuthorizationRequest } = await loadOidc();
    const request = await createAuthorizationRequest(metadata, {
      clientId: options.clientId,
      redirectUri,
      scope: options.scope ?? DEFAULT_SCOPE,
      loginHint: call.loginHint,
      prompt: call.prompt,
      uiLocales: options.uiLocales,
      extraParams: connection?.authorization_params,
      acrValues: call.acrValues?.join(' '),
      maxAge: call.maxAge,
    });
    request.transaction.connection = connection?.id;
    request.transaction.returnTo = validateReturnTo(call.returnTo, {
      origin: location.origin,
      allowedOrigins: options.allowedReturnOrigins,
    });
    return request;
  }

  async function redeem(transaction: RedirectTransaction, callback: URL, call?: CallOptions): Promise<SignedIn> {
    const redeemed = await redeemTokens(transaction, callback, call);
    // The profile's first-party session starts only now that the callback passed its checks (§4).
    const session = await startSession(redeemed.accessToken, call);
    announce({ type: 'signed-in', at: Date.now() });
    const { sub, email, name, amr = [] } = redeemed.claims;
    return { user: { sub, email, name }, method: 'sso', connection: transaction.connection, amr: session.amr ?? amr };
  }

  async function redeemTokens(transaction: RedirectTransaction, callback: URL, call?: CallOptions): Promise<TokenSet> {
    const { completeAuthorization } = await loadOidc();
    tokens = await completeAuthorization({
      metadata: await discover(call),
      clientId: options.clientId,
      transaction,
      callback,
      context: context(call),
      allowHttp,
    });
    return tokens;
  }

  /**
   * RFC 9470 §4 for a backend that is not first-party: the backend's own sign-in page, asked for the
   * requirement and a fresh authentication (`prompt=login`), in a popup, else by a full-page redirect that
   * comes back to this page (the page's state is then lost; the popup keeps it).
   */
  async function stepUpViaSignInPage(call: CallOptions & StepUpRequirement): Promise<void> {
    const request = { ...call, prompt: 'login' as const, returnTo: location.href };
    const popup = globalThis.open?.('about:blank', 'latchkey-popup', 'popup,width=480,height=720');
    if (!popup) {
      location.assign(await startRedirectSignIn(request));
      // The page is leaving; the pending request ends with it.
      return new Promise<void>(() => undefined);
    }
    try {
      const { url, transaction } = await authorizationRequest(request);
      popup.location.href = url;
      const { accessToken } = await redeemTokens(transaction, await waitForPopupCallback(popup, call.signal), call);
      if ((await discover(call)).ciam_session_endpoint) await startSession(accessToken, call);
    } catch (error) {
      // Closing the window and cancelling on the backend's page are the same choice: the user declined.
      if (error instanceof LatchError && (error.code === LatchErrorCode.POPUP_CLOSED || error.code === LatchErrorCode.SSO_CANCELLED)) {
        throw new LatchError(LatchErrorCode.STEP_UP_CANCELLED, 'The user declined the step-up', { cause: error });
      }
      throw error;
    } finally {
      if (!popup.closed) popup.close();
    }
  }

  const stepUp = createStepUp({
    fetch: fetchImpl,
    getSession: (call) => getSession(call),
    firstParty: async (call) => {
      const found = await discover(call);
      return Boolean(found.authorization_challenge_endpoint && found.ciam_profile_versions_supported?.includes(PROFILE_VERSION));
    },
    viaSignInPage: stepUpViaSignInPage,
    authorize: (request) => {
      // Only a token-completing client's tokens follow its step-ups; only this page's origin gets them.
      if (options.completion !== 'tokens' || !tokens || request.headers.has('authorization')) return request;
      if (new URL(request.url).origin !== location.origin) return request;
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${tokens.accessToken}`);
      return new Request(request, { headers });
    },
    now: () => Date.now(),
  });

  async function startSession(accessToken: string, call?: CallOptions): Promise<SessionStatus> {
    const session = await sessionRequest({ method: 'POST', headers: { authorization: `Bearer ${accessToken}` } }, call);
    if (!session.active) throw new LatchError(LatchErrorCode.COOKIES_BLOCKED, 'The session did not start');
    return session;
  }

  async function startRedirectSignIn(call: RedirectOptions = {}): Promise<string> {
    const { url, transaction } = await authorizationRequest(call);
    saveTransaction(transaction);
    return url;
  }

  async function finishRedirectSignIn(call: CallOptions & { url: string }) {
    const callback = new URL(call.url);
    const transaction = takeTransaction(callback.searchParams.get('state') ?? '');
    return { signedIn: await redeem(transaction, callback, call), returnTo: transaction.returnTo };
  }

  async function signInWithPopup(call: RedirectOptions & { popup: Window }): Promise<SignedIn> {
    const { popup } = call;
    try {
      const { url, transaction } = await authorizationRequest(call);
      popup.location.href = url;
      return await redeem(transaction, await waitForPopupCallback(popup, call.signal), call);
    } finally {
      if (!popup.closed) popup.close();
    }
  }

  return {
    issuer,
    clientId: options.clientId,
    storage,
    discover,
    startSignIn,
    startStepUp,
    submitIdentifier: ({ loginHint, ...call }) => once('identifier', () => step({ type: 'identifier', login_hint: loginHint }, undefined, call)),
    signInWithPassword: ({ password, ...call }) => once('password', () => step({ type: 'password', password }, 'password', call)),
    signUp: ({ password, ...call } = {}) => once('sign-up', () => step({ type: 'sign_up', password }, password ? 'password' : 'email_otp', call)),
    requestEmailCode: (call) => once('email-send', () => step({ type: 'email_otp', action: 'send' }, 'email_otp', call)),
    verifyEmailCode: ({ code, ...call }) => once('email-verify', () => step({ type: 'email_otp', action: 'verify', code }, 'email_otp', call)),
    selectFactor: ({ factor, ...call }) => once('select-factor', () => step({ type: 'select_factor', factor }, undefined, call)),
    verifyTotp: ({ code, ...call }) => once('totp', () => step({ type: 'totp', code }, undefined, call)),
    requestSmsCode: (call) => once('sms-send', () => step({ type: 'sms_otp', action: 'send' }, undefined, call)),
    verifySmsCode: ({ code, ...call }) => once('sms-verify', () => step({ type: 'sms_otp', action: 'verify', code }, undefined, call)),
    verifyRecoveryCode: ({ code, ...call }) => once('recovery-code', () => step({ type: 'recovery_code', code }, undefined, call)),
    startPasskeySignIn,
    finishPasskeySignIn,
    signInWithPasskey,
    registerPasskey,
    account,
    clientCapabilities: () => (capabilities ??= webauthn.capabilities?.().catch(() => ({})) ?? Promise.resolve({})),
    getSession,
    extendSession,
    signOut,
    onSessionChange,
    serverTimeOffset: () => clockOffset,
    getAccessToken: () => tokens?.accessToken,
    connections,
    connectionForEmail,
    startRedirectSignIn,
    isRedirectCallback,
    finishRedirectSignIn,
    signInWithPopup,
    endSessionUrl: async ({ postLogoutRedirectUri } = {}) => {
      const endpoint = (await discover()).end_session_endpoint;
      if (!endpoint) return undefined;
      const url = new URL(endpoint);
      url.searchParams.set('client_id', options.clientId);
      if (lastIdToken) url.searchParams.set('id_token_hint', lastIdToken);
      if (postLogoutRedirectUri) url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
      return url.href;
    },
    fetch: stepUp.fetch,
    requireStepUp: stepUp.requireStepUp,
    onStepUp: stepUp.onStepUp,
    passkeySupport: async () => {
      const available = webauthn.isAvailable();
      return { available, autofill: available && (await webauthn.isAutofillAvailable()) };
    },
  };
}

/** An issuer must be an absolute https URL; plain http is accepted for loopback development backends only. */
function checkIssuer(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new LatchError(LatchErrorCode.INVALID_OPTIONS, 'issuer must be an absolute URL', { cause });
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  if (!secure || url.search || url.hash) {
    throw new LatchError(LatchErrorCode.INVALID_OPTIONS, 'issuer must be https (http only on localhost), without query or fragment');
  }
  return url.href.replace(/\/$/, '');
}
