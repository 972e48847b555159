import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LatchClient, StepOutcome } from '../client/client.js';
import type { LatchErrorCode } from '../client/errors.js';
import type { PublicKeyCredentialRequestOptionsJSON } from '../protocol/index.js';

/** What the controller needs from the sign-in it serves. */
export interface PasskeyAutofillConfig {
  /** The client, once loaded; autofill does not start without one. */
  client(): LatchClient | undefined;
  /** Whether the browser has conditional mediation and the element offers passkeys. */
  enabled(): boolean;
  /** A passkey was picked from the list: carry on with the sign-in's outcome. */
  follow(outcome: StepOutcome, signal: AbortSignal): Promise<void>;
  /** A picked passkey failed. */
  fail(error: unknown): void;
}

/**
 * Passkey autofill (conditional mediation, WebAuthn L3 §5.1.4): passkeys appear in the email field's
 * autofill list while the identifier step is shown. One request at a time; leaving the page ends it.
 */
export class PasskeyAutofillController implements ReactiveController {
  private abort: AbortController | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly config: PasskeyAutofillConfig,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Whether an autofill request is open. */
  get running(): boolean {
    return this.abort !== undefined;
  }

  /** Opens the autofill request (ending any open one), with the options the identifier step carried if any. */
  start(requestOptions?: PublicKeyCredentialRequestOptionsJSON): void {
    const client = this.config.client();
    if (!client || !this.config.enabled()) return;
    this.stop();
    const abort = new AbortController();
    this.abort = abort;
    client
      .signInWithPasskey({ autofill: true, requestOptions, signal: abort.signal })
      .then((outcome) => this.config.follow(outcome, abort.signal))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        // A failed pick ends the request. It is offered again when the user comes back to the email
        // field, never in a loop: a broken passkey would fail again at once.
        this.abort = undefined;
        // A browser that says it has autofill but cannot run it (NotSupportedError, SecurityError): the customer
        // asked for nothing, so nothing is shown or announced; the passkey button still offers the ceremony.
        // (The code by its value: this controller is in the entry, the client's error classes are not.)
        if ((error as { code?: LatchErrorCode } | undefined)?.code === 'LATCH_PASSKEY_UNAVAILABLE') return;
        this.config.fail(error);
      });
  }

  /** Ends the request: only one `credentials.get()` may run (fault W7), and a finished step needs none. */
  stop(): void {
    this.abort?.abort();
    this.abort = undefined;
  }
}
