import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallOptions, LatchClient, StepOutcome, StepUpRequirement } from '../client/client.js';
import { LatchError, toLatchError } from '../client/errors.js';
import { LatchErrorEvent } from '../events/index.js';
import type { StepState } from '../protocol/index.js';
import type { FactorController, FactorStep } from './factor.controller.js';

/** The factor steps' code, loaded on the first step-up (a chunk of its own). */
export interface StepUpFactors {
  FactorController: typeof FactorController;
  isFactorStep(state: StepState): state is FactorStep;
}

/** What the controller needs from its element. */
export interface StepUpConfig<Kit extends StepUpFactors> {
  /** The client: the page's own or the shared one for the element's issuer. */
  client(): Promise<LatchClient>;
  /** Loads the factor steps' code. */
  loadKit(): Promise<Kit>;
  /** The prompt is drawn: show it (a modal dialog). */
  opened(): void;
  /** The step-up settled: close the prompt. */
  closed(): void;
  /** Whether to refuse collecting credentials here (framed by another origin): the prompt only says so. */
  refused(): boolean;
}

type Host = ReactiveControllerHost & HTMLElement;

const stepUpUnusable = (step: string) => new LatchError('LATCH_INVALID_RESPONSE', `Step ${step} cannot confirm a step-up`);

/**
 * One RFC 9470 step-up at a time (STYLE.md 8): registers with its client (`client.onStepUp`), asks the
 * backend for the user's strongest factor, hands the step to a factor controller, and settles the pending
 * call: resolved once the session meets the requirement, rejected when the user cancels, the page aborts,
 * or the element leaves the page.
 */
export class StepUpController<Kit extends StepUpFactors> implements ReactiveController {
  /** The open step-up's requirement, if one is open. */
  request: StepUpRequirement | undefined;
  /** The factor steps' code and their controller, once the first step-up loaded them. */
  kit: Kit | undefined;
  factor: FactorController | undefined;
  /** The client this element runs step-ups for, once connected. */
  client: LatchClient | undefined;
  /** Ends the registration with the client; set once registered. */
  registration: (() => void) | undefined;
  private settle: ((error?: LatchError) => void) | undefined;
  private connecting: Promise<LatchClient> | undefined;

  constructor(
    private readonly host: Host,
    private readonly config: StepUpConfig<Kit>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // After the first update: a `client` set before the element's class arrived is only restored then.
    void this.host.updateComplete.then(() => this.connect()).then(
      (client) => {
        if (this.host.isConnected && !this.registration) this.registration = client.onStepUp((request) => this.stepUp(request));
      },
      () => undefined,
    );
  }

  hostDisconnected(): void {
    this.registration?.();
    this.registration = undefined;
    this.finish(new LatchError('LATCH_STEP_UP_CANCELLED', 'The prompt left the page'));
  }

  /** The client, connected once (a failed connection is tried again on the next call). */
  connect(): Promise<LatchClient> {
    this.connecting ??= this.config.client().then(
      (client) => (this.client = client),
      (error: unknown) => {
        this.connecting = undefined;
        throw toLatchError(error);
      },
    );
    return this.connecting;
  }

  /** Runs one step-up; see `LatchStepUp.stepUp`. */
  async stepUp(request: StepUpRequirement & CallOptions): Promise<void> {
    if (this.request) throw new LatchError('LATCH_STEP_UP_CANCELLED', 'Another step-up is open');
    // Nothing is asked of the backend: the prompt says why it cannot confirm, and closing it cancels.
    if (this.config.refused()) return this.open(request);
    const [client, factor] = await Promise.all([this.connect(), this.loadFactor()]);
    const outcome = await client.startStepUp({ acrValues: request.acrValues, maxAge: request.maxAge, signal: request.signal });
    if (outcome.type !== 'step') return;
    const state = outcome.state;
    if (!this.kit?.isFactorStep(state)) throw stepUpUnusable(state.step);
    return this.open(request, () => factor.enter(state));
  }

  /** The user closed the prompt: the pending call rejects with `LATCH_STEP_UP_CANCELLED`. */
  cancel(): void {
    this.finish(new LatchError('LATCH_STEP_UP_CANCELLED', 'The user closed the step-up prompt'));
  }

  /** Opens the prompt (then `enter` shows the factor), and settles when it closes. */
  private open(request: StepUpRequirement & CallOptions, enter?: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.request = request;
      this.settle = (error) => (error ? reject(error) : resolve());
      request.signal?.addEventListener('abort', () => this.finish(new LatchError('LATCH_ABORTED', 'The page abandoned the step-up')), {
        once: true,
      });
      this.host.requestUpdate();
      void this.host.updateComplete.then(() => {
        this.config.opened();
        enter?.();
      });
    });
  }

  private async loadFactor(): Promise<FactorController> {
    const kit = (this.kit ??= await this.config.loadKit());
    this.factor ??= new kit.FactorController(this.host, {
      client: () => this.connect(),
      done: (outcome) => this.done(outcome),
    });
    return this.factor;
  }

  private done(outcome: StepOutcome): void {
    this.finish(outcome.type === 'step' ? stepUpUnusable(outcome.state.step) : undefined);
  }

  /** Closes the prompt and settles its promise: resolved without an error, rejected with one. */
  private finish(error?: LatchError): void {
    const settle = this.settle;
    if (!settle) return;
    this.settle = undefined;
    this.request = undefined;
    this.factor?.leave();
    this.config.closed();
    this.host.requestUpdate();
    if (error && error.code !== 'LATCH_ABORTED' && error.code !== 'LATCH_STEP_UP_CANCELLED') {
      this.host.dispatchEvent(new LatchErrorEvent(error));
    }
    settle(error);
  }
}
