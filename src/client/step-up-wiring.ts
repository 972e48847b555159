import type { ClientContext } from './context.js';
import type { Discovery } from './discovery.js';
import type { RedirectSignIn } from './redirect.js';
import type { Session } from './session.js';
import { createStepUp } from './step-up.js';
import { send } from './transport.js';
import type { CallOptions, LatchClient } from './types.js';

// Step-up (RFC 9470, step-up.ts) wired to the rest of one client: its session, its backend's kind
// (first-party or not), the backend's sign-in page for the latter, and its tokens for the app's API.

/** What the step-up needs from the rest of the client. */
export interface StepUpWiringDeps {
  ctx: ClientContext;
  discovery: Pick<Discovery, 'firstParty' | 'discover'>;
  session: Pick<Session, 'getSession' | 'tokens'>;
  redirect: Pick<RedirectSignIn, 'stepUpViaSignInPage'>;
}

/** `fetch`, `requireStepUp` and `onStepUp` of the client, and the account requests that may need a step-up. */
export function createClientStepUp({ ctx, discovery, session, redirect }: StepUpWiringDeps) {
  const stepUp = createStepUp({
    fetch: ctx.fetch,
    getSession: (call) => session.getSession(call),
    firstParty: (call) => discovery.firstParty(call),
    acrOrder: async (call) => (await discovery.discover(call)).acr_values_supported ?? [],
    viaSignInPage: (request) => redirect.stepUpViaSignInPage(request),
    authorize: (request) => {
      // Only a token-completing client's tokens follow its step-ups; only this page's origin gets them.
      const tokens = session.tokens();
      if (ctx.completion !== 'tokens' || !tokens || request.headers.has('authorization')) return request;
      if (new URL(request.url).origin !== ctx.location.origin) return request;
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${tokens.accessToken}`);
      return new Request(request, { headers });
    },
    now: () => Date.now(),
  });

  /**
   * Sends an account request (passkeys, factors) with the session cookie. Sensitive changes may need a recent
   * sign-in: an RFC 9470 challenge runs the step-up prompt, then the request is sent once more.
   */
  function accountRequest(url: string, init: RequestInit, call: CallOptions): Promise<Response> {
    return stepUp.withStepUp(() => send(url, init, ctx.request(call)), call.signal);
  }

  const calls: Pick<LatchClient, 'fetch' | 'requireStepUp' | 'onStepUp'> = {
    fetch: stepUp.fetch,
    requireStepUp: stepUp.requireStepUp,
    onStepUp: stepUp.onStepUp,
  };
  return { calls, accountRequest };
}
