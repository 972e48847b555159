import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LatchClient, SessionChange, SignedIn } from '../client/client.js';
import type { SessionStatus } from '../protocol/index.js';

/** Why the session ended, for the element to say. */
export type SignedOutNotice = 'signedOut' | 'signedOutElsewhere' | 'signedOutIdle' | 'sessionEnded';

/** What the controller needs from the sign-in it serves. */
export interface SessionSyncConfig {
  /** Whether this element is signing out itself (its own step handles that). */
  signingOut(): boolean;
  /** Whether this element shows a signed-in user. */
  signedIn(): boolean;
  /** The session ended (here, in another tab, at the backend, or for inactivity). */
  signedOut(notice: SignedOutNotice): void;
  /** Ends the step in progress and returns the signal for what follows it. */
  interrupt(): AbortSignal;
  /** Another tab signed in: this is who. */
  signedInElsewhere(signedIn: SignedIn): void;
}

/** Who an active session is: a federated session names no in-widget method; amr `fed` (RFC 8176) says it came from a provider. */
function signedInAs(session: SessionStatus | undefined): SignedIn | undefined {
  if (!session?.active || !session.user) return undefined;
  const method = session.method ?? (session.amr?.includes('fed') ? 'sso' : 'password');
  return { user: session.user, method, amr: session.amr ?? [] };
}

/**
 * Cross-tab sync (faults K2, K3): listens to the client's session changes, from another tab or another
 * element sharing the client, and tells the sign-in who signed in or why the session ended.
 */
export class SessionSyncController implements ReactiveController {
  private client: LatchClient | undefined;
  private stopListening: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly config: SessionSyncConfig,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopListening?.();
    this.stopListening = undefined;
  }

  /** Who the session the backend reported is, if it is an active one (a signed-in reload). */
  signedInAs(session: SessionStatus | undefined): SignedIn | undefined {
    return signedInAs(session);
  }

  /** Starts listening to a client's session changes (once). */
  listen(client: LatchClient): void {
    this.client = client;
    this.stopListening ??= client.onSessionChange((change) => void this.changed(change));
  }

  private async changed(change: SessionChange): Promise<void> {
    // A sign-in on this page came through this element or reached it as an event (the SSO buttons), so only
    // another tab's sign-in is news; this element's own sign-out is handled by its step.
    if (this.config.signingOut()) return;
    if (change.type === 'signed-out') {
      const notice = change.reason === 'idle' ? 'signedOutIdle' : change.reason === 'ended' ? 'sessionEnded' : change.remote ? 'signedOutElsewhere' : 'signedOut';
      this.config.signedOut(notice);
      return;
    }
    if (change.type !== 'signed-in' || !change.remote || this.config.signedIn()) return;
    // The step in progress here is moot: abort it (and its requests) before asking who signed in.
    const signal = this.config.interrupt();
    const signedIn = signedInAs(await this.client?.getSession({ signal }).catch(() => undefined));
    if (signal.aborted || !signedIn || this.config.signedIn()) return;
    this.config.signedInElsewhere(signedIn);
  }
}
