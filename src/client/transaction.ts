import type { Method, StepRequest, StepState } from '../protocol/index.js';
import { readChallengeAnswer, readPasskeyOptionsAnswer, readPollAnswer, type ChallengeAnswer } from './challenge.js';
import { warmTokenExchange, type FinishedTransaction } from './completion.js';
import type { ClientContext } from './context.js';
import type { Discovery } from './discovery.js';
import type { WebContinuation } from './redirect.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { pkceChallenge, randomToken } from './pkce.js';
import type { StepUpRequirement } from './step-up.js';
import { configError, send } from './transport.js';
import type { CallOptions, LatchClient, StepOutcome } from './types.js';

// The in-widget sign-in transaction (DESIGN.md T3, OAuth First-Party Apps): the form-encoded initial
// request with fresh PKCE and nonce, then one JSON step at a time with the `auth_session` the backend
// handed back, until it answers with an authorization code.

interface Transaction extends FinishedTransaction {
  authSession?: string;
  /** The last step state the backend sent, for its passkey options. */
  state?: StepState;
  /** `state` and `redirect_uri` of the initial request, for a `redirect_to_web` whose authorization response carries them. */
  redirectState: string;
  redirectUri: string;
}

/** What the transaction needs from the rest of the client. */
export interface TransactionDeps {
  ctx: ClientContext;
  discovery: Pick<Discovery, 'endpoint' | 'discover' | 'oauth'>;
  /** Turns the code of a finished transaction into a sign-in or a completed step-up (completion.ts). */
  complete(done: FinishedTransaction, authorizationCode: string, call: CallOptions): Promise<StepOutcome>;
  /** Hands the transaction to the backend's web page (redirect.ts); resolves to the URL to go to. */
  continueOnWeb(started: WebContinuation, requestUri: string | undefined, call: CallOptions): Promise<string>;
}

/** The client's calls that the transaction answers: one request per step at a time. */
export type TransactionCalls = Pick<
  LatchClient,
  | 'startSignIn'
  | 'startStepUp'
  | 'submitIdentifier'
  | 'signInWithPassword'
  | 'signUp'
  | 'requestEmailCode'
  | 'verifyEmailCode'
  | 'requestEmailLink'
  | 'pollEmailLink'
  | 'confirmEmailLink'
  | 'selectFactor'
  | 'verifyTotp'
  | 'requestSmsCode'
  | 'verifySmsCode'
  | 'verifyRecoveryCode'
  | 'requestPasswordReset'
  | 'setNewPassword'
  | 'recoverAccount'
  | 'decideConsent'
  | 'answerProfile'
  | 'skipProfile'
>;

/** The sign-in transaction of one client. */
export function createSignInTransaction({ ctx, discovery, complete, continueOnWeb }: TransactionDeps) {
  let transaction: Transaction | undefined;

  function startSignIn(call: CallOptions & { loginHint?: string } = {}): Promise<StepOutcome> {
    return ctx.once(`start:${call.loginHint ?? ''}`, () => begin(call.loginHint ? { login_hint: call.loginHint } : {}, false, call));
  }

  function startStepUp(call: CallOptions & StepUpRequirement): Promise<StepOutcome> {
    const params: Record<string, string> = {};
    if (call.acrValues?.length) params.acr_values = call.acrValues.join(' ');
    if (call.maxAge !== undefined) params.max_age = String(Math.max(0, Math.floor(call.maxAge)));
    return ctx.once(`step-up:${params.acr_values ?? ''}:${params.max_age ?? ''}`, () => begin(params, true, call));
  }

  /** FiPA §5.1: the form-encoded initial request of a new transaction, with fresh PKCE and nonce. */
  async function begin(params: Record<string, string>, stepUp: boolean, call: CallOptions): Promise<StepOutcome> {
    const url = await discovery.endpoint('authorization_challenge_endpoint', call);
    // `tokens` completion redeems the code at the token endpoint: refuse before the user starts, not after.
    if (ctx.completion === 'tokens') await discovery.oauth("completion: 'tokens'", call);
    const codeVerifier = randomToken();
    const started: Transaction = { codeVerifier, nonce: randomToken(), redirectState: randomToken(), redirectUri: ctx.redirectUri(), stepUp };
    const form = new URLSearchParams({
      client_id: ctx.clientId,
      response_type: 'code',
      scope: ctx.scope,
      code_challenge: await pkceChallenge(codeVerifier),
      code_challenge_method: 'S256',
      nonce: started.nonce,
      state: started.redirectState,
      redirect_uri: started.redirectUri,
      ...params,
    });
    if (ctx.uiLocales) form.set('ui_locales', ctx.uiLocales);
    transaction = started;
    // A plain start (the page load's) goes to the profile's options endpoint where there is one: it answers
    // 200, where FiPA's initial request answers 400, which the browser would log on every load (§2.1a).
    const start = stepUp || params.login_hint ? undefined : (await discovery.discover(call)).ciam_passkey_options_endpoint;
    const response = await send(start ?? url, { method: 'POST', body: form }, ctx.request(call));
    const answer = await (start ? readPasskeyOptionsAnswer(response) : readChallengeAnswer(response)).catch((error: unknown) => {
      throw unknownClient(error);
    });
    return settle(started, answer, call);
  }

  /** The initial request names the client: the backend's `invalid_client` (RFC 6749 §5.2) means the client id is wrong. */
  function unknownClient(error: unknown): unknown {
    if (!(error instanceof LatchError) || error.backendError !== 'invalid_client') return error;
    return configError(
      LatchErrorCode.CONFIG_INVALID_CLIENT,
      `The backend at ${ctx.issuer} does not know the client id "${ctx.clientId}" (invalid_client). Use a client id registered with the backend (the reference backend's demo client is "latchkey-demo").`,
      { issuer: ctx.issuer, clientId: ctx.clientId },
      error,
    );
  }

  /** Sends one intermediate step (FiPA §5.3) as JSON, which also forces a CORS preflight (CSRF, ASVS 5 3.5.2). */
  async function step(
    request: StepRequest,
    method: Method | undefined,
    call: CallOptions = {},
    read: (response: Response) => Promise<ChallengeAnswer> = readChallengeAnswer,
  ): Promise<StepOutcome> {
    warmTokenExchange(ctx);
    const current = transaction;
    if (!current?.authSession) {
      throw new LatchError(LatchErrorCode.SESSION_EXPIRED, 'No sign-in in progress; call startSignIn() first');
    }
    const url = await discovery.endpoint('authorization_challenge_endpoint', call);
    // A step with a `reason` is a second factor: the first factor keeps naming the sign-in.
    if (method && !(current.state && 'reason' in current.state && current.state.reason)) current.method = method;
    const body = JSON.stringify({ auth_session: current.authSession, step: request });
    const response = await send(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body },
      ctx.request(call),
    );
    return settle(current, await read(response), call);
  }

  async function settle(current: Transaction, answer: ChallengeAnswer, call: CallOptions): Promise<StepOutcome> {
    if (current !== transaction) throw new LatchError(LatchErrorCode.ABORTED, 'A newer sign-in replaced this one');
    if (answer.type === 'web') return web(current, answer.requestUri, call);
    if (answer.type === 'step') {
      current.authSession = answer.authSession;
      current.state = answer.state;
      return { type: 'step', state: answer.state };
    }
    transaction = undefined;
    if (answer.receipts) current.receipts = answer.receipts;
    if (answer.lastSignIn) current.lastSignIn = answer.lastSignIn;
    if (answer.newDevice) current.newDevice = true;
    return complete(current, answer.authorizationCode, call);
  }

  /** The backend's web page goes on (FiPA §5.2.2.1.1); this transaction ends here. */
  async function web(current: Transaction, requestUri: string | undefined, call: CallOptions): Promise<StepOutcome> {
    transaction = undefined;
    // Leaving the page would lose the request a step-up was for: its caller hears why instead.
    if (current.stepUp) throw new LatchError(LatchErrorCode.REDIRECT_REQUIRED, 'The backend needs its web page for this step-up');
    const { redirectState: state, nonce, codeVerifier, redirectUri } = current;
    return { type: 'web', url: await continueOnWeb({ state, nonce, codeVerifier, redirectUri }, requestUri, call) };
  }

  /** A step sent once at a time under `key`. */
  const once =
    (key: string, request: StepRequest, method?: Method) =>
    (call: CallOptions = {}): Promise<StepOutcome> =>
      ctx.once(key, () => step(request, method, call));

  const calls: TransactionCalls = {
    startSignIn,
    startStepUp,
    submitIdentifier: ({ loginHint, ...call }) => once('identifier', { type: 'identifier', login_hint: loginHint })(call),
    signInWithPassword: ({ password, ...call }) => once('password', { type: 'password', password }, 'password')(call),
    signUp: ({ password, consents, ...call } = {}) =>
      once('sign-up', { type: 'sign_up', password, ...(consents ? { consents } : {}) }, password ? 'password' : 'email_otp')(call).catch(accountStepError),
    requestEmailCode: once('email-send', { type: 'email_otp', action: 'send' }, 'email_otp'),
    verifyEmailCode: ({ code, ...call }) => once('email-verify', { type: 'email_otp', action: 'verify', code }, 'email_otp')(call),
    // A link proves what an emailed code proves, control of the mailbox: the sign-in's method is `email_otp`
    // (profile §20.4), as the session endpoint reports it.
    requestEmailLink: once('link-send', { type: 'email_link', action: 'send' }, 'email_otp'),
    // Polls repeat, so they are not sent once-at-a-time under a key: the caller paces them (`interval`).
    pollEmailLink: (call = {}) => step({ type: 'email_link', action: 'poll' }, 'email_otp', call, readPollAnswer),
    confirmEmailLink: ({ code, ...call }) => once('link-confirm', { type: 'email_link', action: 'confirm', code }, 'email_otp')(call),
    selectFactor: ({ factor, ...call }) => once('select-factor', { type: 'select_factor', factor })(call),
    verifyTotp: ({ code, ...call }) => once('totp', { type: 'totp', code })(call),
    requestSmsCode: once('sms-send', { type: 'sms_otp', action: 'send' }),
    verifySmsCode: ({ code, ...call }) => once('sms-verify', { type: 'sms_otp', action: 'verify', code })(call),
    verifyRecoveryCode: ({ code, ...call }) => once('recovery-code', { type: 'recovery_code', code })(call),
    requestPasswordReset: once('password-reset', { type: 'password_reset' }),
    setNewPassword: ({ password, ...call }) => once('new-password', { type: 'new_password', password }, 'password')(call),
    recoverAccount: ({ action, ...call }) => once(`recovery-${action}`, { type: 'account_recovery', action })(call),
    decideConsent: ({ consents, ...call }) => once('consent', { type: 'consent', consents })(call).catch(accountStepError),
    answerProfile: ({ values, ...call }) => once('profile', { type: 'profile', action: 'submit', values })(call).catch(accountStepError),
    skipProfile: once('profile-skip', { type: 'profile', action: 'skip' }),
  };

  return {
    calls,
    startSignIn,
    step,
    /** Whether a transaction has reached its first step (and so has an `auth_session`). */
    inProgress: () => Boolean(transaction?.authSession),
    /** Drops the transaction in progress (sign-out). */
    clear: () => void (transaction = undefined),
  };
}

/**
 * Names the backend's refusal of an account step (profile §24) by what the customer must do: accept the terms to
 * create an account, or, having declined them, that the sign-in ended; a refused profile answer.
 */
function accountStepError(error: unknown): never {
  if (error instanceof LatchError) {
    const field = error.fieldErrors?.[0]?.field;
    const refused = error.backendError === 'invalid_request' && field;
    const code =
      error.backendError === 'access_denied' ? LatchErrorCode.TERMS_DECLINED
      : refused === 'terms' ? LatchErrorCode.TERMS_REQUIRED
      : refused ? LatchErrorCode.PROFILE_INVALID
      : undefined;
    if (code) throw new LatchError(code, error.message, { fieldErrors: error.fieldErrors, backendError: error.backendError, cause: error });
  }
  throw error;
}

/** The sign-in transaction part of the client. */
export type SignInTransaction = ReturnType<typeof createSignInTransaction>;
