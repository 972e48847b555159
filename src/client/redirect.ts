import type { ClientContext } from './context.js';
import type { Discovery } from './discovery.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { lazy } from './lazy.js';
import type { RedirectTransaction } from './oidc.js';
import { isRedirectCallback, saveTransaction, takeTransaction, waitForPopupCallback } from './redirect-store.js';
import { redirectReturnTarget } from './return-to.js';
import type { Session } from './session.js';
import type { StepUpRequirement } from './step-up.js';
import { signInNotice } from './challenge.js';
import type { TokenSet } from './tokens.js';
import type { CallOptions, LatchClient, RedirectOptions, SignedIn } from './types.js';

// The redirect tier (DESIGN.md T1): sign-in at the backend's own page, by a full-page redirect or in a
// popup, for social and enterprise connections, sign-up, and a step-up at a backend that is not
// first-party. The OIDC code (oauth4webapi) loads as its own chunk when one starts.

const loadOidc = lazy(() => import('./oidc.js'));

/** What a FiPA transaction hands over when the backend's web page goes on: its `state`, nonce, PKCE verifier and redirect URI. */
export type WebContinuation = Pick<RedirectTransaction, 'state' | 'nonce' | 'codeVerifier' | 'redirectUri'>;

/** What the redirect sign-in needs from the rest of the client. */
export interface RedirectDeps {
  ctx: ClientContext;
  /** Origins besides this page's that `returnTo` may point at. */
  allowedReturnOrigins?: readonly string[];
  discovery: Pick<Discovery, 'discover' | 'oauth' | 'connections'>;
  session: Pick<Session, 'startSession' | 'announce' | 'keepTokens'>;
  /** Told of every completed sign-in before it is returned (the "last used" record, last-used.ts). */
  signedIn?: (signedIn: SignedIn) => Promise<void>;
}

/** The redirect and popup sign-in of one client (see `LatchClient`). */
export function createRedirectSignIn({ ctx, allowedReturnOrigins, discovery, session, signedIn = async () => undefined }: RedirectDeps) {
  async function authorizationRequest(call: RedirectOptions & StepUpRequirement) {
    const metadata = await discovery.oauth('a redirect or popup sign-in', call);
    const connection = call.connection ? (await discovery.connections(call)).find((c) => c.id === call.connection) : undefined;
    if (call.connection && !connection) throw new LatchError(LatchErrorCode.INVALID_OPTIONS, `Unknown connection ${call.connection}`);
    const { createAuthorizationRequest } = await loadOidc();
    const callbackUri = ctx.redirectUri();
    const request = await createAuthorizationRequest(metadata, {
      clientId: ctx.clientId,
      redirectUri: callbackUri,
      scope: ctx.scope,
      loginHint: call.loginHint,
      prompt: call.prompt,
      uiLocales: ctx.uiLocales,
      extraParams: connection?.authorization_params,
      acrValues: call.acrValues?.join(' '),
      maxAge: call.maxAge,
    });
    request.transaction.connection = connection?.id;
    request.transaction.returnTo = redirectReturnTarget({
      returnTo: call.returnTo,
      startedAt: ctx.location.href,
      redirectUri: callbackUri,
      origin: ctx.location.origin,
      allowedOrigins: allowedReturnOrigins,
    });
    return request;
  }

  async function redeem(transaction: RedirectTransaction, callback: URL, call?: CallOptions): Promise<SignedIn> {
    const redeemed = await redeemTokens(transaction, callback, call);
    // The profile's first-party session starts only now that the callback passed its checks (§4).
    const started = await session.startSession(redeemed.accessToken, call);
    session.announce({ type: 'signed-in', at: Date.now() });
    const { sub, email, name, amr = [] } = redeemed.claims;
    const outcome: SignedIn = { user: { sub, email, name }, method: 'sso', connection: transaction.connection, amr: started.amr ?? amr, ...signInNotice(started) };
    await signedIn(outcome);
    return outcome;
  }

  async function redeemTokens(transaction: RedirectTransaction, callback: URL, call?: CallOptions): Promise<TokenSet> {
    const { completeAuthorization } = await loadOidc();
    const tokens = await completeAuthorization({
      metadata: await discovery.oauth('a redirect or popup sign-in', call),
      clientId: ctx.clientId,
      transaction,
      callback,
      context: ctx.request(call),
      allowHttp: ctx.allowHttp,
    });
    session.keepTokens(tokens);
    return tokens;
  }

  /** The popup's callback URL for this transaction, sent by the callback page from this exact origin. */
  function popupCallback(popup: Window, state: string, signal?: AbortSignal): Promise<URL> {
    return waitForPopupCallback(popup, state, signal, { window: ctx.window, origin: ctx.location.origin });
  }

  async function startRedirectSignIn(call: RedirectOptions = {}): Promise<string> {
    const { url, transaction } = await authorizationRequest(call);
    saveTransaction(transaction, ctx.tabStorage());
    return url;
  }

  async function finishRedirectSignIn(call: CallOptions & { url: string }) {
    const callback = new URL(call.url);
    const transaction = takeTransaction(callback.searchParams.get('state') ?? '', ctx.tabStorage());
    return { signedIn: await redeem(transaction, callback, call), returnTo: transaction.returnTo };
  }

  async function signInWithPopup(call: RedirectOptions & { popup: Window }): Promise<SignedIn> {
    const { popup } = call;
    try {
      const { url, transaction } = await authorizationRequest(call);
      popup.location.href = url;
      return await redeem(transaction, await popupCallback(popup, transaction.state, call.signal), call);
    } finally {
      if (!popup.closed) popup.close();
    }
  }

  /**
   * RFC 9470 §4 for a backend that is not first-party: the backend's own sign-in page, asked for the
   * requirement and a fresh authentication (`prompt=login`), in a popup, else by a full-page redirect that
   * comes back to this page (the page's state is then lost; the popup keeps it).
   */
  async function stepUpViaSignInPage(call: CallOptions & StepUpRequirement): Promise<void> {
    const request = { ...call, prompt: 'login' as const, returnTo: ctx.location.href };
    const popup = ctx.window.open?.('about:blank', 'latchkey-popup', 'popup,width=480,height=720');
    if (!popup) {
      ctx.location.assign(await startRedirectSignIn(request));
      // The page is leaving; the pending request ends with it.
      return new Promise<void>(() => undefined);
    }
    try {
      const { url, transaction } = await authorizationRequest(request);
      popup.location.href = url;
      const { accessToken } = await redeemTokens(transaction, await popupCallback(popup, transaction.state, call.signal), call);
      if ((await discovery.discover(call)).ciam_session_endpoint) await session.startSession(accessToken, call);
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

  /**
   * FiPA §5.2.2.1.1: the backend's web page goes on. With a `request_uri` the authorization request is just
   * `client_id` and `request_uri`, and this tab keeps the FiPA transaction (PKCE verifier, `state`, nonce) and
   * the page to return to, as for a redirect sign-in; without one, a new redirect sign-in starts.
   */
  async function continueOnWeb(started: WebContinuation, requestUri: string | undefined, call: CallOptions): Promise<string> {
    const returnTo = ctx.location.href;
    if (!requestUri) return startRedirectSignIn({ ...call, returnTo });
    const url = new URL((await discovery.oauth("the backend's web page (redirect_to_web)", call)).authorization_endpoint);
    url.searchParams.set('client_id', ctx.clientId);
    url.searchParams.set('request_uri', requestUri);
    saveTransaction({ ...started, returnTo }, ctx.tabStorage());
    return url.href;
  }

  const calls: Pick<LatchClient, 'startRedirectSignIn' | 'isRedirectCallback' | 'finishRedirectSignIn' | 'signInWithPopup'> = {
    startRedirectSignIn,
    isRedirectCallback,
    finishRedirectSignIn,
    signInWithPopup,
  };
  return { calls, stepUpViaSignInPage, continueOnWeb };
}

/** The redirect and popup part of the client. */
export type RedirectSignIn = ReturnType<typeof createRedirectSignIn>;
