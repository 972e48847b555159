import type {
  Branding,
  ConsentReceipt,
  LastSignIn,
  PolicyDecision,
  AuthorizationServerMetadata,
  AuthenticationResponseJSON,
  Connection,
  Factor,
  Method,
  Passkey,
  PublicKeyCredentialRequestOptionsJSON,
  SessionStatus,
  StepState,
  User,
} from '../protocol/index.js';
import type { ConsentApi } from '../consent/consent.js';
import type { AnalyticsEvent } from '../protocol/analytics.js';
import type { AccountApi } from './account.js';
import type { SignOutReason, SessionChannel } from './session-channel.js';
import type { StepUpHandler, StepUpRequirement } from './step-up.js';
import type { PreferenceStore } from './storage.js';
import type { ClientCapabilities, WebAuthnAdapter } from './webauthn.js';

// The client's public types: its options, what its calls take and give back, and the client itself.

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
  /** Where popups open and their callback messages arrive. Default: the page's `window`. */
  window?: ClientWindow;
  /** This page's address, and how to leave it for a redirect sign-in. Default: the page's `location`. */
  location?: ClientLocation;
  /**
   * Where a redirect sign-in's transaction waits for its callback (state, nonce, PKCE verifier: never a
   * token, code or `auth_session`). Default: this tab's `sessionStorage`, none when the browser blocks it.
   */
  tabStorage?: TabStorage;
}

/** The parts of `window` the client uses. */
export type ClientWindow = Pick<Window, 'open' | 'addEventListener' | 'removeEventListener'>;

/** The parts of `location` the client uses. */
export type ClientLocation = Pick<Location, 'href' | 'origin' | 'assign'>;

/** The parts of `sessionStorage` the client uses. */
export type TabStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

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
  /**
   * Where to land after a redirect sign-in; only this origin or `allowedReturnOrigins`. Default (and when
   * refused): the page the sign-in started on, unless that is the redirect URI page.
   */
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
  /** The consents given during this sign-in (terms at sign-up, re-consent), as the backend recorded them (profile §24.4). */
  receipts?: ConsentReceipt[];
  /** The customer's sign-in before this one, when the backend tells it (profile §26.3): "Last signed in 3 days ago on …". */
  lastSignIn?: LastSignIn;
  /** This sign-in came from a browser the account had not used before (profile §26.4). */
  newDevice?: boolean;
}

/** What a step led to: the next step, a completed sign-in, or a completed step-up. */
export type StepOutcome =
  | { type: 'step'; state: StepState }
  | { type: 'signed-in'; signedIn: SignedIn }
  | { type: 'stepped-up' }
  /**
   * The backend's web page takes over (FiPA `redirect_to_web`, or a step, method or factor this version does
   * not know): send the browser to `url`. The sign-in completes at the redirect URI, like a redirect sign-in.
   */
  | { type: 'web'; url: string };

/** The headless client: one function per protocol step. Create one with {@link createClient}. */
export interface LatchClient {
  readonly issuer: string;
  readonly clientId: string;
  readonly storage: PreferenceStore;
  /** Fetches and checks the backend's metadata (cached; retried after a failure). */
  discover(options?: CallOptions): Promise<AuthorizationServerMetadata>;
  /**
   * The client's branding and allowed origins (profile §26.1), public, fetched once; `undefined` when the
   * backend offers none. A page whose origin is not in `allowed_origins` is refused every step.
   */
  branding(options?: CallOptions): Promise<Branding | undefined>;
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
  /**
   * Creates an account for the identifier; without a password the account is passwordless. `consents`: a decision
   * on each of `select_method.policies` with the words shown (profile §24.1); without the `accept` ones granted the
   * backend refuses with `LATCH_TERMS_REQUIRED`.
   */
  signUp(options?: CallOptions & { password?: string; consents?: PolicyDecision[] }): Promise<StepOutcome>;
  /**
   * Decides on the policies of a `consent_required` step (profile §24.2). Declining one an account needs ends the
   * sign-in with `LATCH_TERMS_DECLINED`: no session.
   */
  decideConsent(options: CallOptions & { consents: PolicyDecision[] }): Promise<StepOutcome>;
  /** Answers a `profile` step with its fields by name (profile §24.3); a refused value is `LATCH_PROFILE_INVALID`. */
  answerProfile(options: CallOptions & { values: Record<string, string> }): Promise<StepOutcome>;
  /** Skips a `profile` step whose fields are all optional; it is not asked again. */
  skipProfile(options?: CallOptions): Promise<StepOutcome>;
  /** Sends (or re-sends, invalidating the old one) an email code. */
  requestEmailCode(options?: CallOptions): Promise<StepOutcome>;
  verifyEmailCode(options: CallOptions & { code: string }): Promise<StepOutcome>;
  /** Emails a sign-in link (or a new one, invalidating the older ones), where the backend prefers links (profile §20). */
  requestEmailLink(options?: CallOptions): Promise<StepOutcome>;
  /** Asks whether the link was opened: the same `email_link` step while pending, else where it led. Pace it by `interval`. */
  pollEmailLink(options?: CallOptions): Promise<StepOutcome>;
  /** The link was opened on another device: the code that device shows. */
  confirmEmailLink(options: CallOptions & { code: string }): Promise<StepOutcome>;
  /** Switches to another factor from the step's `alternatives`; a code factor sends its code. */
  selectFactor(options: CallOptions & { factor: Factor }): Promise<StepOutcome>;
  /** Checks an authenticator app code (RFC 6238). */
  verifyTotp(options: CallOptions & { code: string }): Promise<StepOutcome>;
  /** Sends (or re-sends, invalidating the old one) a text message code. */
  requestSmsCode(options?: CallOptions): Promise<StepOutcome>;
  verifySmsCode(options: CallOptions & { code: string }): Promise<StepOutcome>;
  /** Uses one single-use recovery code. */
  verifyRecoveryCode(options: CallOptions & { code: string }): Promise<StepOutcome>;
  /**
   * "Forgot password?": the backend emails a code (`email_otp` with `purpose: "password_reset"`) or a link to
   * the identifier; once it is proven (and any second factor), the step is `new_password` (profile §19).
   */
  requestPasswordReset(options?: CallOptions): Promise<StepOutcome>;
  /** The new password of a reset; signs in, and the backend ends every other session of the account. */
  setNewPassword(options: CallOptions & { password: string }): Promise<StepOutcome>;
  /**
   * Account recovery (profile §22), from a second factor the user cannot give (a lost passkey): `start` it (the
   * backend answers recovery codes, or a waiting period), or `finish` it once the backend answered it `ready`.
   */
  recoverAccount(options: CallOptions & { action: 'start' | 'finish' }): Promise<StepOutcome>;
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
  /**
   * The visitor's consent (profile §23): the site's purposes, the stored choice, and its records, sent through a
   * durable outbox (its code loads on first use; one per client).
   */
  consent(options?: CallOptions): Promise<ConsentApi>;
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
   * Calls `listener` with each analytics event of the elements using this client (README "Analytics events and
   * where they go"), once consent lets it out. Returns an unsubscribe function.
   */
  onAnalyticsEvent(listener: (event: AnalyticsEvent) => void): () => void;
  /** Hands an analytics event to the `onAnalyticsEvent` listeners (`<latch-login>` calls it; so may a form of your own). */
  reportAnalyticsEvent(event: AnalyticsEvent): void;
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
   * The callback page posts its URL back to this exact origin, or, when `Cross-Origin-Opener-Policy` on a
   * page on the way severed `window.opener`, on the BroadcastChannel named for the `state`; anything else
   * is ignored (see redirect-store.ts for when a popup out of sight counts as closed).
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
