import type { ReactiveControllerHost } from 'lit';
import type { LatchClient, SignedIn } from '../client/client.js';
import { AbortScope } from './abort-scope.js';

/** The parameters an authorization response puts in the redirect URI (RFC 6749 §4.1.2, RFC 9207, OIDC Session). */
const CALLBACK_PARAMS = ['code', 'state', 'iss', 'error', 'error_description', 'session_state'];

/**
 * The redirect URI page of a redirect sign-in: takes `code` and `state` out of the address bar at once
 * (ASVS 5 §14.2.1), then checks and redeems them and goes back to where the sign-in started. Leaving the
 * page aborts the redemption.
 */
export class RedirectCallbackController {
  private readonly scope: AbortScope;

  constructor(host: ReactiveControllerHost) {
    this.scope = new AbortScope(host);
  }

  /** Whether this page is the redirect URI of a sign-in started in this tab. */
  isCallback(client: LatchClient): boolean {
    return client.isRedirectCallback(location.href);
  }

  /**
   * Redeems the callback and tells `signedIn` who signed in (and whether the browser is leaving for the page
   * where the sign-in started, which it then does). Rejects with the reason it failed.
   */
  async finish(client: LatchClient, signedIn: (signedIn: SignedIn, leaving: boolean) => Promise<void>): Promise<void> {
    const url = location.href;
    const clean = new URL(url);
    for (const name of CALLBACK_PARAMS) clean.searchParams.delete(name);
    history.replaceState(history.state, '', clean);
    const signal = this.scope.signal;
    const result = await client.finishRedirectSignIn({ url, signal });
    if (signal.aborted) return;
    const leaving = signedIn(result.signedIn, result.returnTo !== undefined);
    if (result.returnTo) location.assign(result.returnTo);
    await leaving;
  }
}
