import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LatchClient, StepOutcome } from '../client/client.js';
import { LatchError, LatchErrorCode, toLatchError } from '../client/errors.js';
import type { StepState } from '../protocol/index.js';
import { normalizeOneTimeCode } from './one-time-code.js';

type LinkStep = Extract<StepState, { step: 'email_link' }>;

/** Polling pauses after the page has been hidden this long, and resumes (polling at once) when it is shown. */
const HIDDEN_LIMIT_MS = 2 * 60 * 1000;

/** The link step's facts from the backend (profile §20), on this page's clock. */
export interface LinkState {
  purpose: LinkStep['purpose'];
  destinationHint: string;
  /** Epoch milliseconds after which the link no longer works. */
  expiresAt: number;
  /** Epoch milliseconds after which a new link may be requested. */
  resendAt: number;
  /** The link was opened on another device: the code it shows is needed here. */
  confirmation?: { codeLength: number };
}

/** What the link step asks of the sign-in flow it belongs to. */
export interface EmailLinkFlow {
  client(): Promise<LatchClient>;
  /** An action is in flight: a poll now could cross a confirmation that ends the transaction. */
  busy(): boolean;
  /** Runs a user action on the flow (busy state, errors shown and announced), following where it leads. */
  act(action: 'submit' | 'resend', work: (client: LatchClient, signal: AbortSignal) => Promise<StepOutcome>): Promise<void>;
  /** Where a poll led once the link was used: signed in, or another step. */
  follow(outcome: StepOutcome): Promise<void>;
  fail(error: LatchError): void;
  /** A code in the wrong shape, caught before anything is sent. */
  reject(problem: 'codeInvalidFormat'): Promise<void>;
  announce(notice: 'linkResent' | 'linkOpenedElsewhere'): void;
}

/**
 * The `email_link` step (profile §20): polls the backend every `interval` seconds (RFC 8628 §3.5) until the
 * link was opened, resends, and confirms a link opened on another device with the code it shows. Polling ends
 * with the step's signal (leaving the step, the element leaving the page) and pauses while the page is hidden long.
 */
export class EmailLinkController implements ReactiveController {
  state: LinkState | undefined;
  private interval = 5;
  private polling: AbortSignal | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly flow: EmailLinkFlow,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.polling = undefined;
  }

  /** A new or updated `email_link` state; starts polling under `signal` unless that signal already polls. */
  enter(step: LinkStep, signal: AbortSignal): void {
    const opened = step.confirmation !== undefined && this.state?.confirmation === undefined;
    this.interval = step.interval;
    this.state = {
      purpose: step.purpose,
      destinationHint: step.destination_hint,
      expiresAt: Date.now() + step.expires_in * 1000,
      // A poll's answer keeps the countdown; a new link or a new visit to the step starts it.
      resendAt: this.state && this.polling === signal ? this.state.resendAt : Date.now() + step.resend_after * 1000,
      ...(step.confirmation ? { confirmation: { codeLength: step.confirmation.code_length } } : {}),
    };
    this.host.requestUpdate();
    if (opened) this.openedElsewhere();
    if (this.polling === signal || signal.aborted) return;
    this.polling = signal;
    void this.poll(signal);
  }

  /** Seconds until a new link may be requested. */
  resendIn(now = Date.now()): number {
    return this.state ? Math.max(0, Math.ceil((this.state.resendAt - now) / 1000)) : 0;
  }

  /** Emails a new link (older ones stop working) and starts the countdown again. */
  resend(): Promise<void> {
    return this.flow.act('resend', async (client, signal) => {
      const outcome = await client.requestEmailLink({ signal });
      // A new link: its state starts a new countdown (see enter()).
      this.state = undefined;
      this.flow.announce('linkResent');
      return outcome;
    });
  }

  /** The code the other device shows (profile §20.3). */
  confirm(raw: string): Promise<void> {
    const length = this.state?.confirmation?.codeLength ?? 6;
    const code = normalizeOneTimeCode(raw, length);
    if (code.length !== length) return this.flow.reject('codeInvalidFormat');
    return this.flow.act('submit', (client, signal) => client.confirmEmailLink({ code, signal }));
  }

  private async poll(signal: AbortSignal): Promise<void> {
    let hiddenSince: number | undefined;
    while (this.polling === signal && !signal.aborted) {
      await pause(this.interval * 1000, signal);
      if (document.visibilityState === 'hidden') {
        hiddenSince ??= Date.now();
        if (Date.now() - hiddenSince >= HIDDEN_LIMIT_MS) await shown(signal);
      } else hiddenSince = undefined;
      if (signal.aborted || this.polling !== signal) return;
      if (this.flow.busy()) continue;
      if (this.state && Date.now() >= this.state.expiresAt) {
        this.polling = undefined;
        return this.flow.fail(new LatchError(LatchErrorCode.LINK_EXPIRED, 'The emailed link expired'));
      }
      const outcome = await this.pollOnce(signal);
      if (!outcome || signal.aborted) return;
      if (outcome.type === 'step' && outcome.state.step === 'email_link') {
        this.enter(outcome.state, signal);
        continue;
      }
      this.polling = undefined;
      return this.flow.follow(outcome);
    }
  }

  /** One poll; a failure ends polling and is shown (the customer can send a new link). */
  private async pollOnce(signal: AbortSignal): Promise<StepOutcome | undefined> {
    try {
      return await (await this.flow.client()).pollEmailLink({ signal });
    } catch (error) {
      if (signal.aborted || this.polling !== signal) return undefined;
      this.polling = undefined;
      this.flow.fail(toLatchError(error));
      return undefined;
    }
  }

  /** Says so, and puts the focus in the code field that just appeared (WCAG 2.2 SC 2.4.3). */
  private openedElsewhere(): void {
    this.flow.announce('linkOpenedElsewhere');
    void this.host.updateComplete.then(() => this.host.querySelector<HTMLInputElement>('input[name="one-time-code"]')?.focus());
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Resolves when the page is shown again, or at once when `signal` aborts. */
function shown(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (document.visibilityState === 'hidden' && !signal.aborted) return;
      document.removeEventListener('visibilitychange', check);
      signal.removeEventListener('abort', check);
      resolve();
    };
    document.addEventListener('visibilitychange', check);
    signal.addEventListener('abort', check, { once: true });
  });
}
