import type { ConsentReceipt, LastSignIn, Method } from '../protocol/index.js';
import type { ClientContext } from './context.js';
import type { Discovery } from './discovery.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { lazy } from './lazy.js';
import type { Session } from './session.js';
import type { SignInNotice } from './challenge.js';
import type { CallOptions, SignedIn, StepOutcome } from './types.js';

// How a finished in-widget transaction ends (DESIGN.md §3): in `session` completion the backend's cookie
// already holds the session and the client reads the user from it; in `tokens` completion the client
// exchanges the authorization code as a public client (FiPA §6) and keeps the tokens in memory.

const loadTokenExchange = lazy(() => import('./tokens.js'));

/** Starts loading the token exchange chunk while the user is still on the steps (`tokens` completion only). */
export function warmTokenExchange(ctx: ClientContext): void {
  if (ctx.completion === 'tokens') void loadTokenExchange().catch(() => undefined);
}

/** The transaction a code finished. */
export interface FinishedTransaction {
  codeVerifier: string;
  nonce: string;
  /** The first factor the user used, which names the sign-in whatever factor completes it. */
  method?: Method;
  stepUp?: boolean;
  /** The consents recorded during the transaction, handed on in `SignedIn.receipts` (profile §24.4). */
  receipts?: ConsentReceipt[];
  /** The previous sign-in, as the success response told it (profile §26.3). */
  lastSignIn?: LastSignIn;
  /** The success response said this browser is new to the account (profile §26.4). */
  newDevice?: boolean;
}

/** What completing needs from the rest of the client. */
export interface CompletionDeps {
  ctx: ClientContext;
  discovery: Pick<Discovery, 'oauth'>;
  session: Pick<Session, 'getSession' | 'announce' | 'keepTokens'>;
  /** Told of every completed sign-in before it is returned (the "last used" record, last-used.ts). */
  signedIn?: (signedIn: SignedIn) => Promise<void>;
}

/** Turns the authorization code of a finished transaction into a sign-in or a completed step-up. */
export function createCompletion({ ctx, discovery, session, signedIn = async () => undefined }: CompletionDeps) {
  const finish = async (outcome: SignedIn): Promise<StepOutcome> => {
    await signedIn(outcome);
    return { type: 'signed-in', signedIn: outcome };
  };
  return async function complete(done: FinishedTransaction, authorizationCode: string, call: CallOptions): Promise<StepOutcome> {
    // The factor that finished a two-step sign-in does not name it: the first factor does.
    const method = done.method ?? 'email_otp';
    // A step-up in session mode is done once the backend says so: the session cookie now carries the
    // higher level, and no further round trip is needed (issue bar: two round trips for a passkey step-up).
    if (done.stepUp && ctx.completion !== 'tokens') return { type: 'stepped-up' };
    if (ctx.completion === 'tokens') {
      const { exchangeAuthorizationCode } = await loadTokenExchange();
      const tokens = await exchangeAuthorizationCode({
        metadata: await discovery.oauth("completion: 'tokens'", call),
        clientId: ctx.clientId,
        grant: { code: authorizationCode },
        codeVerifier: done.codeVerifier,
        nonce: done.nonce,
        context: ctx.request(call),
        allowHttp: ctx.allowHttp,
      });
      session.keepTokens(tokens);
      if (done.stepUp) return { type: 'stepped-up' };
      const { sub, email, name, amr = [] } = tokens.claims;
      session.announce({ type: 'signed-in', at: Date.now() });
      return finish({ user: { sub, email, name }, method, amr, ...receiptsOf(done), ...noticeOf(done) });
    }
    const current = await session.getSession(call);
    // Fault R15: the backend said yes but no session cookie arrived (blocked or dropped cookies).
    if (!current.active || !current.user) {
      throw new LatchError(LatchErrorCode.COOKIES_BLOCKED, 'Signed in, but the session cookie did not arrive');
    }
    session.announce({ type: 'signed-in', at: Date.now() });
    return finish({ user: current.user, method: current.method ?? method, amr: current.amr ?? [], ...receiptsOf(done), ...noticeOf(done) });
  };
}

const receiptsOf = (done: FinishedTransaction) => (done.receipts?.length ? { receipts: done.receipts } : {});
const noticeOf = (done: FinishedTransaction): SignInNotice => ({
  ...(done.lastSignIn ? { lastSignIn: done.lastSignIn } : {}),
  ...(done.newDevice ? { newDevice: true } : {}),
});
