import type { LatchClient, SignedIn } from '../client/client.js';
import type { StepState } from '../protocol/index.js';
import type { PasskeyOfferController } from './passkey-offer.controller.js';
import type { SignInController } from './sign-in.controller.js';

/** The backend's answer while a recovery waits out its period, or once it is ready to finish. */
export type RecoveryState = Extract<StepState, { step: 'account_recovery' }>;

/**
 * Getting back in after losing a passkey (profile §22), for `<latch-login>`: it starts a recovery from a second
 * factor the customer cannot give, keeps the backend's waiting or ready state for the view, finishes it, and
 * then offers a new passkey at once. Its steps run through the sign-in flow (pending state, failures, where an
 * answer leads), and it comes with the client's code (see `LateParts`), never before the form.
 */
export class AccountRecoveryController {
  /** Whether the backend offers the step (`ciam_step_types_supported`). */
  available = false;
  /** The backend's `account_recovery` state, while the recovery step is shown. */
  state: RecoveryState | undefined;
  /** The sign-in a finished recovery led to: the signed-in view then says what to do about the lost passkey. */
  recoveredAs: SignedIn | undefined;

  constructor(
    private readonly flow: SignInController,
    private readonly offer: PasskeyOfferController,
  ) {}

  /** Reads from discovery whether the backend has the step (a failure leaves it off: the factor steps still work). */
  async prepare(client: LatchClient): Promise<void> {
    const metadata = await client.discover().catch(() => undefined);
    this.available = metadata?.ciam_step_types_supported?.includes('account_recovery') ?? false;
  }

  /** The customer cannot give the factor asked for: the backend answers recovery codes, or a waiting period. */
  start(): Promise<void> {
    return this.flow.act('submit', (client, signal) => client.recoverAccount({ action: 'start', signal }), 'form');
  }

  /** The customer found the passkey after all. */
  usePasskey(): Promise<void> {
    return this.flow.act('submit', (client, signal) => client.selectFactor({ factor: 'passkey', signal }), 'form');
  }

  /**
   * Finishes a ready recovery. The account still lists the lost passkey, so the usual passkey offer (only for an
   * account without one) would stay silent: a new one is offered here instead.
   */
  async finish(): Promise<void> {
    await this.flow.act('submit', (client, signal) => client.recoverAccount({ action: 'finish', signal }), 'form');
    if (!this.flow.signedIn) return;
    this.recoveredAs = this.flow.signedIn;
    this.offer.offerReplacement();
  }
}
