import type { ReactiveControllerHost } from 'lit';
import type { LatchClient, SignedIn } from '../client/client.js';
import { AbortScope } from './abort-scope.js';
import { nudgeAllowed, recordNudgeShown, snoozeNudge } from './passkey-nudge.js';

/** What the controller needs from the sign-in it serves. */
export interface PasskeyOfferConfig {
  /** Whether this browser can create passkeys. */
  available(): boolean;
  /** The client, once its code has loaded. */
  client(): Promise<LatchClient>;
  /** A passkey was created: say so. */
  created(): void;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * After a sign-in without a passkey, for a user who has none: right after a password, conditional create
 * where the browser has it (it may create a passkey silently, WebAuthn L3 §5.1.3); otherwise the enrollment
 * nudge, which this device snoozes and caps (see passkey-nudge.ts). Leaving the page ends the quiet request.
 */
export class PasskeyOfferController {
  /** Whether the nudge is shown. */
  showNudge = false;
  private readonly scope: AbortScope;

  constructor(
    private readonly host: Host,
    private readonly config: PasskeyOfferConfig,
  ) {
    this.scope = new AbortScope(host);
  }

  /** Offers a passkey after a sign-in (never after a passkey sign-in: that user has one). */
  async offer(signedIn: SignedIn): Promise<void> {
    if (!this.config.available() || signedIn.method === 'passkey') return;
    // Signing out while this asks ends it (hide() restarts the scope): no nudge for a user who has gone.
    const signal = this.scope.signal;
    const client = await this.config.client();
    // A backend without passkey registration (better-auth before the account endpoints, say) gets no nudge:
    // never a button that cannot work.
    const metadata = await client.discover().catch(() => undefined);
    if (!metadata?.ciam_passkey_registration_endpoint) return;
    const session = await client.getSession().catch(() => undefined);
    if (session?.has_passkey !== false || signal.aborted) return;
    if (signedIn.method === 'password' && (await client.clientCapabilities()).conditionalCreate) {
      if (!signal.aborted) this.upgrade(client);
      return;
    }
    await this.nudge(client, signal);
  }

  /** Shows the enrollment nudge unless this device snoozed it or has shown it often enough. */
  async nudge(client: LatchClient, signal = this.scope.signal): Promise<void> {
    const allowed = this.config.available() && (await nudgeAllowed(client.storage));
    if (signal.aborted) return;
    this.showNudge = allowed;
    if (allowed) await recordNudgeShown(client.storage);
    this.host.requestUpdate();
  }

  /**
   * After an account recovery (profile §22): the account still lists the passkey that was lost, so the usual
   * rule (only for an account without one) and this device's snooze do not apply; a new one is offered now.
   */
  offerReplacement(): void {
    this.showNudge = this.config.available();
    this.host.requestUpdate();
  }

  /** Creates a passkey from the nudge. */
  async register(client: LatchClient, signal: AbortSignal): Promise<void> {
    await client.registerPasskey({ signal });
    this.created();
  }

  /** "Not now": hides the nudge and keeps it away from this device for a week, then a month. */
  async dismiss(client: LatchClient | undefined): Promise<void> {
    this.hide();
    if (client) await snoozeNudge(client.storage);
  }

  /** Hides the nudge and ends a quiet request (signed out). */
  hide(): void {
    this.showNudge = false;
    this.scope.restart();
    this.host.requestUpdate();
  }

  /**
   * Conditional create: no prompt, no button. The browser creates the passkey if its rules allow (a password
   * it just filled, say) and the request otherwise just ends; either way nothing is shown unless it worked.
   */
  private upgrade(client: LatchClient): void {
    const signal = this.scope.signal;
    client.registerPasskey({ conditional: true, signal }).then(
      () => {
        if (!signal.aborted) this.created();
      },
      () => undefined,
    );
  }

  private created(): void {
    this.showNudge = false;
    this.config.created();
  }
}
