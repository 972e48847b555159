import type { ConsentApi } from '../consent/consent.js';
import type { AccountApi } from './account.js';
import { analyticsListeners } from './analytics-listeners.js';
import { createBranding } from './branding.js';
import { createCompletion } from './completion.js';
import { createClientContext, type ClientContext } from './context.js';
import { createDiscovery, type Discovery } from './discovery.js';
import { lazy } from './lazy.js';
import { rememberLastUsed } from './last-used.js';
import { createPasskeys } from './passkeys.js';
import { createRedirectSignIn } from './redirect.js';
import { createSession } from './session.js';
import { sessionChannel } from './session-channel.js';
import { createClientStepUp } from './step-up-wiring.js';
import { indexedDbStore, type PreferenceStore } from './storage.js';
import { createSignInTransaction } from './transaction.js';
import type { CallOptions, ClientOptions, LatchClient, SignedIn } from './types.js';
import { browserWebAuthn, type WebAuthnAdapter } from './webauthn.js';

// createClient puts the client together from its parts, one job each: discovery.ts (metadata), transaction.ts
// (the FiPA sign-in and step-up transaction) with completion.ts (code → session or tokens), passkeys.ts,
// session.ts (session endpoint, tokens, tab channel, sign-out), redirect.ts (redirect and popup sign-in) and
// step-up-wiring.ts (RFC 9470 for the app's API and the account requests).

export type * from './types.js';
export type { StepUpHandler, StepUpRequirement } from './step-up.js';

const loadAccount = lazy(() => import('./account.js'));
const loadConsent = lazy(() => import('../consent/consent.js'));

/** Creates a client for one backend. Nothing is fetched until the first call. */
export function createClient(options: ClientOptions): LatchClient {
  const ctx = createClientContext(options);
  const webauthn = options.webauthn ?? browserWebAuthn;
  const storage = options.storage ?? indexedDbStore();
  const discovery = createDiscovery(ctx);
  const session = createSession({
    ctx,
    discovery,
    channel: options.sessionChannel ?? sessionChannel(ctx.issuer),
    forgetTransaction: () => transaction.clear(),
  });
  // Every completed sign-in (in the widget, by redirect, in a popup) is this device's "last used" (last-used.ts).
  const signedIn = (done: SignedIn) => rememberLastUsed(storage, done);
  const complete = createCompletion({ ctx, discovery, session, signedIn });
  const redirect = createRedirectSignIn({
    ctx,
    signedIn,
    allowedReturnOrigins: options.allowedReturnOrigins,
    discovery,
    session,
  });
  const transaction = createSignInTransaction({ ctx, discovery, complete, continueOnWeb: redirect.continueOnWeb });
  const stepUp = createClientStepUp({ ctx, discovery, session, redirect });
  const passkeys = createPasskeys({ ctx, webauthn, discovery, transaction, accountRequest: stepUp.accountRequest });
  const account = accountLoader({ ctx, discovery, webauthn, passkeys, stepUp });
  const consent = consentLoader({ ctx, discovery, storage, onSessionChange: session.calls.onSessionChange });

  return {
    issuer: ctx.issuer,
    clientId: ctx.clientId,
    storage,
    account,
    consent,
    ...discovery.calls,
    ...createBranding(ctx, discovery),
    ...transaction.calls,
    ...passkeys.calls,
    ...session.calls,
    ...redirect.calls,
    ...stepUp.calls,
    ...analyticsListeners(),
  };
}

/** `client.account()`: the account API, its code loaded on first use, made once per client. */
function accountLoader(deps: {
  ctx: ClientContext;
  discovery: Pick<Discovery, 'endpoint'>;
  webauthn: WebAuthnAdapter;
  passkeys: Pick<ReturnType<typeof createPasskeys>, 'registerPasskey'>;
  stepUp: Pick<ReturnType<typeof createClientStepUp>, 'accountRequest'>;
}): (call?: CallOptions) => Promise<AccountApi> {
  let accountApi: AccountApi | undefined;
  return async () => {
    const { createAccountApi } = await loadAccount();
    accountApi ??= createAccountApi({
      endpoint: (key, call) => deps.discovery.endpoint(key, call),
      request: deps.stepUp.accountRequest,
      registerPasskey: (call) => deps.passkeys.registerPasskey(call),
      once: deps.ctx.once,
      webauthn: deps.webauthn,
    });
    return accountApi;
  };
}

/** `client.consent()`: the consent API, its code loaded on first use, made once per client. */
function consentLoader(deps: {
  ctx: ClientContext;
  discovery: Pick<Discovery, 'endpoint'>;
  storage: PreferenceStore;
  onSessionChange: LatchClient['onSessionChange'];
}): (call?: CallOptions) => Promise<ConsentApi> {
  let consentApi: ConsentApi | undefined;
  return async () => {
    const { createConsentApi } = await loadConsent();
    consentApi ??= createConsentApi({
      endpoint: (call) => deps.discovery.endpoint('ciam_consent_endpoint', call),
      request: (call) => deps.ctx.request(call),
      store: deps.storage,
      onSessionChange: deps.onSessionChange,
    });
    return consentApi;
  };
}
