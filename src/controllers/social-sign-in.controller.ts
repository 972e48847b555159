import type { ReactiveControllerHost } from 'lit';
import type { LatchClient } from '../client/client.js';
import { readLastUsed, type LastUsed } from '../client/last-used.js';
import { isQuietError, LatchError, toLatchError } from '../client/errors.js';
import { LatchErrorEvent, LatchSignedInEvent } from '../events/index.js';
import type { Connection } from '../protocol/index.js';
import { AbortScope } from './abort-scope.js';

/** What the controller reads from its element. */
export interface SocialSignInConfig {
  /** The client: the page's own or the shared one for the element's issuer (see `ElementClient`). */
  client(): Promise<LatchClient>;
  /** Whether the element knows which backend to ask (a client, or an issuer and client id). */
  configured: boolean;
  mode: 'redirect' | 'popup';
  returnTo: string;
  prompt: '' | 'create';
}

type Host = ReactiveControllerHost & HTMLElement;

/** The window name a sign-in popup is opened with (the callback page relies on `window.opener`, not on it). */
const POPUP_NAME = 'latchkey-popup';

/**
 * Social and enterprise sign-in (STYLE.md 8): lists the backend's connections, then signs in with one by a
 * full-page redirect or in a popup, one at a time. Leaving the page aborts the listing and the sign-in.
 */
export class SocialSignInController {
  connections: Connection[] = [];
  /** Whether the first listing has ended (with connections, or none). */
  loaded = false;
  /** The method or provider this device last signed in with (issue 14), for the "Last used" badge. */
  lastUsed: LastUsed | undefined;
  /** The connection whose sign-in is in flight. */
  busy: string | undefined;
  failure: LatchError | undefined;
  private readonly scope: AbortScope;
  /** The sign-in in progress, and its popup. */
  private attempt: AbortController | undefined;
  private popup: Window | undefined;

  constructor(
    private readonly host: Host,
    private readonly config: () => SocialSignInConfig,
  ) {
    // A popup sign-in that ends after the element left the page must not update or announce.
    this.scope = new AbortScope(host);
  }

  /** Reads the backend's connections; without them nothing is shown and the page's sign-in is unaffected. */
  async load(): Promise<void> {
    const config = this.config();
    const signal = this.scope.signal;
    try {
      if (config.configured) {
        const client = await config.client();
        const [connections, lastUsed] = await Promise.all([client.connections({ signal }), readLastUsed(client.storage)]);
        if (!signal.aborted) [this.connections, this.lastUsed] = [connections, lastUsed];
      }
    } catch {
      if (!signal.aborted) this.connections = [];
    }
    this.loaded = true;
    this.host.requestUpdate();
  }

  /**
   * One sign-in at a time; call it inside the click, which is what lets browsers open the popup. A popup
   * this page lost sight of (closed, or cut off by `Cross-Origin-Opener-Policy`: the two look the same)
   * no longer holds the buttons: a new click starts over, and the old wait ends quietly.
   */
  signIn(connection: Connection): void {
    if (this.busy && !this.popup?.closed) return;
    this.attempt?.abort();
    const attempt = new AbortController();
    this.attempt = attempt;
    this.busy = connection.id;
    this.failure = undefined;
    this.host.requestUpdate();
    const popup = this.config().mode === 'popup' ? window.open('', POPUP_NAME, 'popup,width=520,height=680') : undefined;
    this.popup = popup ?? undefined;
    void this.run(connection, popup, attempt);
  }

  private async run(connection: Connection, popup: Window | null | undefined, attempt: AbortController): Promise<void> {
    const config = this.config();
    const signal = AbortSignal.any([this.scope.signal, attempt.signal]);
    const options = { connection: connection.id, returnTo: config.returnTo || undefined, prompt: config.prompt || undefined, signal };
    try {
      const client = await config.client();
      if (popup) {
        const signedIn = await client.signInWithPopup({ ...options, popup });
        if (!signal.aborted) this.host.dispatchEvent(new LatchSignedInEvent(signedIn));
        return;
      }
      // A blocked popup (reliability.md P8) falls back to the redirect, and says why.
      if (popup === null) this.fail(new LatchError('LATCH_POPUP_BLOCKED', 'The popup was blocked'));
      const url = await client.startRedirectSignIn(options);
      if (!signal.aborted) location.assign(url);
    } catch (error) {
      if (!signal.aborted) this.fail(toLatchError(error));
    } finally {
      // A newer click owns the buttons now; this one only ends its own.
      if (this.attempt === attempt) this.busy = undefined;
      this.host.requestUpdate();
    }
  }

  private fail(error: LatchError): void {
    if (isQuietError(error)) return;
    this.failure = error;
    this.host.requestUpdate();
    this.host.dispatchEvent(new LatchErrorEvent(error));
  }
}
