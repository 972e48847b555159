import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { AuthSessions } from './auth-sessions.js';
import { Broker } from './broker.js';
import { ClientBranding, isBrandingPath } from './branding.js';
import { ACCOUNT_FAILURE_CAP, AccountFailures } from './failure-cap.js';
import { handleAuthorizationChallenge, handlePasskeyOptions } from './challenge.js';
import { createClock } from './clock.js';
import type { BackendContext } from './context.js';
import { applyCors } from './cors.js';
import { applyTestHeaders, handleDevRoute } from './dev-routes.js';
import { HttpError, sendError } from './http.js';
import { handleInteraction, serveInteractionAsset } from './interaction.js';
import { loadProviderKeys } from './keys.js';
import { loopbackFetch } from './loopback-fetch.js';
import { Mailbox } from './mailbox.js';
import { createMemoryAdapterFactory } from './oidc-adapter.js';
import { handleNotMe, NOT_ME_PATH } from './password-changed.js';
import { NOT_ME_DEVICE_PATH } from './new-device.js';
import { handleNotMeDevice } from './not-me.js';
import { PasswordResets } from './password-resets.js';
import { MAX_SENDS_PER_WINDOW, RESEND_AFTER_SECONDS, SEND_WINDOW_SECONDS } from './one-time-codes.js';
import { handlePasskeyRegistration } from './passkeys.js';
import { createProvider, isProviderPath } from './provider.js';
import { FailureLockout, RateLimiter } from './rate-limit.js';
import { Sandboxes } from './sandboxes.js';
import { handleEmail, handleFactors, handlePasskeys } from './account-resources.js';
import { handlePrivacy } from './privacy.js';
import { handleAccountSessions } from './sessions-resource.js';
import { EmailChanges } from './account-credentials.js';
import { handleDemoApi } from './demo-api.js';
import { handleSession, IDLE_TIMEOUT_SECONDS, WebSessions } from './session.js';
import { handleSite } from './site.js';
import { serveStatic } from './static.js';
import { clientOriginsOf, findSessionToken, SessionTokenBinding } from './token-binding.js';
import { AccountStore } from './store.js';
import { ConsentLog } from './consent-log.js';
import { ConsentPolicy, handleConsent, handleConsentDemoRoute } from './consent.js';
import { AccountPolicies, isPolicyDemoPath, isPolicyDocumentPath } from './policies.js';
import { fillChallengeRedirectUri } from './token-request.js';
import { relyingPartyFor } from './webauthn.js';
import { handleRecoveryCancel } from './recovery-pages.js';
import { RECOVERY_WAIT_SECONDS } from './steps/account-recovery.js';
import { WebSteps } from './web-steps.js';
import { handleLinkLanding } from './link-landing.js';
import { EmailLinks, LINK_PATH } from './steps/email-link.js';
import { EventCollector, EVENTS_PATH } from './collector.js';
import { handleDashboardRoute, isDashboardPath } from './dashboard-routes.js';
import { WIDGET_CONFIG_PATH, WidgetConfigs } from './widget-config.js';
import { breakAnswer, checksOrigins, type Mutant } from './mutants.js';

export interface ReferenceBackendOptions {
  port: number;
  /** Address to bind; browsers still use `http://localhost:PORT` (WebAuthn rejects IP origins). */
  host?: string;
  /** Where accounts and keys are kept. */
  dataDir: string;
  /** Repository root, for `demo/public/` and `dist/`. */
  rootDir?: string;
  /** Enables `POST /dev/clock` (and implies {@link dev}: the clock is only reachable there). */
  testClock?: boolean;
  /**
   * Development mode (`LATCH_DEV=1`): serves the `/dev/*` helpers (mailbox, clock, sandbox outages). Off,
   * they answer 404 like any unknown path. Defaults to {@link testClock}.
   */
  dev?: boolean;
  /** Minimum new-password length in code points; 15 per NIST SP 800-63B-4 §3.1.1.2 for single-factor passwords. */
  passwordMinLength?: number;
  signUpEnabled?: boolean;
  /** `link` emails sign-in links instead of codes (`LATCH_EMAIL_DELIVERY=link`, docs/protocol.md §20); addresses at `links.test` always get links. */
  emailDelivery?: 'code' | 'link';
  /** Requests per client IP per minute on `/authorize-challenge`. */
  challengeRequestsPerMinute?: number;
  /** Seconds of inactivity that end a session (`LATCH_IDLE_TIMEOUT`); 15 minutes by default. */
  idleTimeoutSeconds?: number;
  /**
   * Origins whose pages may send the backend's cookies on state-changing requests (the CSRF `Origin` check,
   * SMS origin binding, account changes); the issuer's by default.
   */
  firstPartyOrigins?: string[];
  /** Seconds an account recovery without the lost passkey waits (`LATCH_RECOVERY_WAIT`); a day by default. */
  recoveryWaitSeconds?: number;
  /** Consecutive failed attempts that lock an account; 100 (NIST SP 800-63B-4 §3.2.2) by default. Tests lower it. */
  accountFailureCap?: number;
  /** The public issuer; `http://localhost:PORT` by default. In the sibling-subdomain topology `https://id.<domain>:PORT`. */
  issuer?: string;
  /**
   * The site's origin when it is not the issuer's (`https://www.<domain>:PORT`): an allowed origin, where redirect
   * and post-logout URIs point, and served by this server too (demo pages and the store API) for its Host.
   */
  siteOrigin?: string;
  /**
   * Further first-party app origins (`LATCH_APP_ORIGINS`), such as a framework's dev server on another port of
   * `localhost`: each is on the credentialed CORS allow-list, a WebAuthn origin (under the same RP ID, so they
   * must share the registrable domain), and has the demo client's redirect (`<origin>/callback`) and post-logout
   * (`<origin>/`) URIs.
   */
  appOrigins?: string[];
  /**
   * More origins whose host this server answers with the site's pages (their elements pointed at the issuer),
   * without allowing them: a copied embed, a look-alike host (the trust signals' tests, profile §26).
   */
  pageOrigins?: string[];
  /** The registrable domain issuer and site share: the WebAuthn RP ID and the session cookie's `Domain`. */
  registrableDomain?: string;
  /**
   * Terms and privacy to accept at sign-up, a marketing opt-in, re-consent when the terms change, and a profile
   * question after sign-in (`LATCH_ACCOUNT_POLICIES=1`, docs/protocol.md §24). Off by default.
   */
  accountPolicies?: boolean;
  /** PEM key and certificate, and the CA that issued it: listen with TLS (the sibling-subdomain topology). */
  tls?: { key: string; cert: string; ca: string };
  /** TEST ONLY: a deliberately broken variant for the conformance runner (mutants.ts); honoured only with {@link dev}. */
  mutant?: Mutant;
}

export interface ReferenceBackend {
  /** The issuer: `http://localhost:PORT` unless {@link ReferenceBackendOptions.issuer} says otherwise. */
  url: string;
  close(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Starts the reference backend: oidc-provider plus the Latchkey profile endpoints, on one origin, or on
 * `id.<domain>` with the site on `www.<domain>` (docs/protocol.md §18).
 */
export async function startReferenceBackend(options: ReferenceBackendOptions): Promise<ReferenceBackend> {
  const host = options.host ?? '127.0.0.1';
  const issuer = options.issuer ?? `http://localhost:${options.port}`;
  const siteOrigin = options.siteOrigin ?? issuer;
  const siteHost = new URL(siteOrigin).host;
  const siteHosts = new Set([...(siteOrigin === issuer ? [] : [siteHost]), ...(options.pageOrigins ?? []).map((origin) => new URL(origin).host)]);
  // Pages of these origins may call the profile endpoints with credentials (docs/protocol.md "Deploying").
  const appOrigins = options.appOrigins ?? [];
  const allowedOrigins = [...new Set([siteOrigin, new URL(issuer).origin, ...appOrigins])];
  const rootDir = options.rootDir ?? REPO_ROOT;
  const clock = createClock({ adjustable: options.testClock ?? false });
  const dev = options.dev ?? options.testClock ?? false;
  const passwordMinLength = options.passwordMinLength ?? 15;
  const signUpEnabled = options.signUpEnabled ?? true;

  const [keys, accounts, consentLog, events] = await Promise.all([
    loadProviderKeys(options.dataDir),
    AccountStore.open(options.dataDir),
    ConsentLog.open(options.dataDir),
    EventCollector.open(options.dataDir, clock),
  ]);
  const adapter = createMemoryAdapterFactory();
  const provider = createProvider({ issuer, siteOrigin, appOrigins, allowedOrigins, clock, keys, accounts, passwordMinLength, signUpEnabled, adapter });
  const brokerRedirectUri = `${issuer}/broker/callback`;
  const branding = new ClientBranding(issuer, allowedOrigins);
  const sandboxes = new Sandboxes(issuer, brokerRedirectUri, [...(siteOrigin === issuer ? [] : [siteOrigin]), ...appOrigins]);
  const ctx: BackendContext = {
    issuer,
    ...(dev && options.mutant ? { mutant: options.mutant } : {}),
    clock,
    provider,
    accounts,
    consentLog,
    consentPolicy: new ConsentPolicy(issuer),
    accountPolicies: new AccountPolicies(options.accountPolicies ?? false, issuer, consentLog),
    authSessions: new AuthSessions(clock),
    sessionTokens: new SessionTokenBinding(clock, clientOriginsOf(provider)),
    webSessions: new WebSessions(clock, issuer.startsWith('https:'), options.idleTimeoutSeconds ?? IDLE_TIMEOUT_SECONDS, options.registrableDomain),
    mailbox: new Mailbox(clock),
    emailChanges: new EmailChanges(),
    emailLinks: new EmailLinks(clock),
    emailDelivery: options.emailDelivery ?? 'code',
    relyingParty: relyingPartyFor(issuer, allowedOrigins, options.registrableDomain),
    broker: new Broker({
      sandboxes,
      accounts,
      clock,
      redirectUri: brokerRedirectUri,
      ...(options.tls ? { fetch: loopbackFetch(new URL(issuer).origin, options.port, options.tls.ca) } : {}),
    }),
    sandboxes,
    webSteps: new WebSteps(clock),
    siteOrigin,
    firstPartyOrigins: options.firstPartyOrigins ?? allowedOrigins,
    passwordMinLength,
    signUpEnabled,
    passwordResets: new PasswordResets(clock),
    revokeProviderGrants: (accountId) => adapter.revokeAccount(accountId),
    recoveryWaitSeconds: options.recoveryWaitSeconds ?? RECOVERY_WAIT_SECONDS,
    widgetConfigs: new WidgetConfigs((clientId, origin) => branding.allows(origin, clientId)),
    events,
    limits: {
      // A page sends a batch on each pagehide and every few seconds while busy; a script flooding the demo's store is not.
      eventBatches: new RateLimiter(clock, 600, 60),
      challengeRequests: new RateLimiter(clock, options.challengeRequestsPerMinute ?? 300, 60),
      emailSends: new RateLimiter(clock, MAX_SENDS_PER_WINDOW, SEND_WINDOW_SECONDS),
      emailResend: new RateLimiter(clock, 1, RESEND_AFTER_SECONDS),
      passwordFailures: new FailureLockout(clock),
      smsSends: new RateLimiter(clock, MAX_SENDS_PER_WINDOW, SEND_WINDOW_SECONDS),
      smsResend: new RateLimiter(clock, 1, RESEND_AFTER_SECONDS),
      // Six digits or a recovery code: five wrong tries, then a doubling wait (NIST SP 800-63B-4 §3.2.2).
      factorFailures: new FailureLockout(clock, 5),
      accountFailures: new AccountFailures(clock, options.accountFailureCap ?? ACCOUNT_FAILURE_CAP),
    },
  };
  // Behind an app's dev-server proxy (an issuer that is not this server's own address), trust its
  // X-Forwarded-Proto so oidc-provider may set Secure cookies for an https issuer served over http here.
  if (options.issuer && !options.tls) provider.proxy = true;
  const providerCallback = provider.callback();

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname } = new URL(req.url ?? '/', issuer);
    if (siteHosts.has(req.headers.host ?? '')) return handleSite(req, res, pathname, rawPathname(req.url ?? '/'), ctx, rootDir);
    breakAnswer(ctx.mutant, req, res);
    applyTestHeaders(req, res, pathname, ctx);
    if (isCredentialedCorsPath(pathname) && applyCors(req, res, allowedOrigins)) return;
    // A page of an origin no client allows runs no step and reads no account (profile §26.2).
    if (isStepPath(pathname) && checksOrigins(ctx.mutant) && branding.refuse(req, res)) return;
    if (isBrandingPath(pathname)) return branding.handle(req, res, new URL(req.url ?? '/', issuer));
    if (pathname === WIDGET_CONFIG_PATH) return ctx.widgetConfigs.handle(req, res, new URL(req.url ?? '/', issuer));
    if (pathname === EVENTS_PATH) {
      return ctx.events.handle(req, res, {
        allowedOrigins,
        clients: { known: (clientId) => branding.of(clientId) !== undefined, allows: (clientId, origin) => branding.allows(origin, clientId) },
        limiter: ctx.limits.eventBatches,
      });
    }
    if (isDashboardPath(pathname, dev)) return handleDashboardRoute(req, res, new URL(req.url ?? '/', issuer), ctx, dev);
    // A `request_uri` the challenge endpoint handed out for the web page (web-steps.ts).
    if (ctx.webSteps.resolve(req, res, issuer)) return;
    if (isProviderPath(pathname)) {
      // oidc-provider builds endpoint URLs from Host; pin it so discovery fetched via 127.0.0.1 still
      // lists endpoints under the issuer's origin (RFC 8414 §3.3, and WebAuthn needs the host name).
      req.headers.host = new URL(issuer).host;
      if (pathname === '/token' && appOrigins.length > 0) await fillChallengeRedirectUri(req, provider);
      return providerCallback(req, res);
    }
    if (pathname === '/authorize-challenge') return handleAuthorizationChallenge(req, res, ctx);
    if (pathname === '/passkey-options') return handlePasskeyOptions(req, res, ctx);
    if (pathname === LINK_PATH) return handleLinkLanding(req, res, ctx);
    if (pathname === '/session') {
      // RFC 9110 §6.6.1: `Date` is this server's clock, so here it follows the test clock: clients read it to
      // place `idle_expires_at` on their own clock. Only here: oidc-provider's cookies carry real-time
      // `Expires`, which Chromium reads relative to `Date`.
      res.setHeader('Date', new Date(clock.now()).toUTCString());
      return handleSession(req, res, {
        sessions: ctx.webSessions,
        accounts: ctx.accounts,
        sessionToken: (request, token) => findSessionToken(ctx, request, token),
        consents: (accountId) => ctx.accountPolicies.currentOf(accountId),
      });
    }
    if (isPolicyDocumentPath(pathname)) return ctx.accountPolicies.serveDocument(res, pathname);
    if (dev && isPolicyDemoPath(pathname)) return ctx.accountPolicies.handleDemoRoute(req, res, pathname);
    if (pathname === NOT_ME_PATH) return handleNotMe(req, res, ctx);
    if (pathname === NOT_ME_DEVICE_PATH) return handleNotMeDevice(req, res, ctx);
    if (pathname === '/passkeys/register') return handlePasskeyRegistration(req, res, ctx);
    if (pathname === '/passkeys' || pathname.startsWith('/passkeys/')) return handlePasskeys(req, res, pathname, ctx);
    if (pathname === '/factors' || pathname.startsWith('/factors/')) return handleFactors(req, res, pathname, ctx);
    if (pathname === '/email') return handleEmail(req, res, ctx);
    if (pathname === '/consent' || pathname.startsWith('/consent/')) return handleConsent(req, res, pathname, ctx);
    if (dev && pathname.startsWith('/demo/consent-') && (await handleConsentDemoRoute(req, res, pathname, ctx))) return;
    if (pathname === '/privacy' || pathname.startsWith('/privacy/')) return handlePrivacy(req, res, pathname, ctx);
    if (pathname.startsWith('/account/')) return handleAccountSessions(req, res, pathname, ctx);
    if (pathname.startsWith('/api/') || (dev && pathname === '/dev/api/stubborn')) return handleDemoApi(req, res, pathname, ctx);
    if (pathname.startsWith('/interaction/')) return handleInteraction(req, res, pathname, ctx);
    if (pathname.startsWith('/interaction-assets/')) return serveInteractionAsset(res, pathname);
    if (pathname === '/broker/callback') return ctx.broker.callback(req, res);
    if (pathname === '/recovery/cancel') return handleRecoveryCancel(req, res, ctx);
    if (pathname.startsWith('/sandbox/')) return sandboxes.handle(req, res, pathname);
    if (pathname.startsWith('/dev/')) {
      if (dev && (await handleDevRoute(req, res, pathname, ctx))) return;
      // Includes /dev/clock without the test clock: the route does not exist then.
      return sendError(res, new HttpError(404, 'not_found', 'no such route'));
    }
    // Static paths use the raw (not URL-normalised) path so traversal attempts are judged as sent.
    return serveStatic(req, res, rootDir, rawPathname(req.url ?? '/'));
  };

  const listener: RequestListener = (req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) sendError(res, new HttpError(500, 'server_error', 'unexpected error'));
      else res.destroy();
    });
  };
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolveListen());
  });

  return {
    url: issuer,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

/**
 * The endpoints the widget calls with `fetch` (from a sibling subdomain, cross-origin), under the credentialed
 * allow-list. For other origins oidc-provider answers its own endpoints itself: discovery and JWKS open to any
 * origin without credentials, the token endpoint by `clientBasedCORS`.
 */
function isCredentialedCorsPath(pathname: string): boolean {
  if (['/.well-known/openid-configuration', '/token', '/me', '/jwks', '/authorize-challenge', '/passkey-options', '/session', '/email'].includes(pathname)) {
    return true;
  }
  return ['/passkeys', '/factors', '/consent', '/privacy', '/account'].some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/** The credentialed endpoints a page of a disallowed origin may not use: all but the provider's own (discovery, token, userinfo, keys). */
function isStepPath(pathname: string): boolean {
  return isCredentialedCorsPath(pathname) && !isProviderPath(pathname);
}

function rawPathname(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}
