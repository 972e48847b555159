import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LatchClient, StepOutcome } from '../client/client.js';
import { isQuietError, LatchError, toLatchError } from '../client/errors.js';
import type { Factor, StepState } from '../protocol/index.js';
import { AbortScope } from './abort-scope.js';
import { normalizeOneTimeCode } from './one-time-code.js';

/** A step that asks for a factor: a second factor after a risky sign-in, or a step-up. */
export type FactorStep = Extract<StepState, { step: 'webauthn' | 'totp' | 'sms_otp' | 'email_otp' | 'recovery_code' }>;

/** Which factor a step asks for. */
export type FactorKind = FactorStep['step'];

const FACTOR_STEPS: readonly string[] = ['webauthn', 'totp', 'sms_otp', 'email_otp', 'recovery_code'];

/** Whether a step asks for a factor (rather than an identifier or a method). */
export function isFactorStep(state: StepState): state is FactorStep {
  return FACTOR_STEPS.includes(state.step) && (state.step !== 'email_otp' || state.reason !== undefined);
}

/** The factor behind a step: `webauthn` is the passkey factor. */
export function factorOf(step: FactorKind): Factor {
  return step === 'webauthn' ? 'passkey' : step;
}

/** What went wrong, for the view to word and announce. */
export type FactorFailure = { error: LatchError; problem?: undefined } | { problem: 'codeInvalidFormat'; error?: undefined };

/** What the controller needs from its element. */
export interface FactorConfig {
  client(): Promise<LatchClient>;
  /** The step finished the flow (`signed-in` or `stepped-up`), or led to a step that is not a factor. */
  done(outcome: StepOutcome): Promise<void> | void;
}

interface OtpCredential extends Credential {
  code: string;
}

/**
 * One factor step as a state machine (STYLE.md 8), shared by `<latch-login>` (second factors) and
 * `<latch-step-up>`: the passkey ceremony starts as soon as a passkey step is entered (one user action,
 * the authenticator touch), codes are checked with the typed text kept on errors, "Try another way"
 * switches factor (`select_factor`), and a text-message code is offered by WebOTP where the browser has it.
 * Leaving a step aborts its ceremony, WebOTP request and requests.
 */
export class FactorController implements ReactiveController {
  state: FactorStep | undefined;
  pending: 'verify' | 'passkey' | 'resend' | 'select' | undefined;
  failure: FactorFailure | undefined;
  notice: 'codeResent' | 'passkeyCancelled' | undefined;
  /** Changes on every failure and notice, so the same message twice is announced twice. */
  announcement = 0;
  /** Whether the list of other factors is open. */
  choosing = false;
  /** Epoch milliseconds after which a new code may be sent. */
  resendAt = 0;
  /** The code as typed, pasted or read by WebOTP; kept across errors and resends (WCAG 2.2 SC 3.3.7). */
  typed = '';
  /** Changes on every entered step, so the view knows to move focus. */
  entered = 0;

  /** The step's work; leaving the step or the page aborts it. */
  private readonly abort: AbortScope;
  private otpAbort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: FactorConfig,
  ) {
    this.abort = new AbortScope(host);
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopSms();
  }

  /** Shows a factor step; a passkey step starts its ceremony at once, a text-message step listens for WebOTP. */
  enter(state: FactorStep): void {
    this.stopSms();
    this.abort.restart();
    this.state = state;
    this.failure = undefined;
    this.notice = undefined;
    this.choosing = false;
    this.typed = '';
    this.entered++;
    this.resendAt = 'resend_after' in state ? Date.now() + state.resend_after * 1000 : 0;
    this.host.requestUpdate();
    if (state.step === 'webauthn') void this.passkey();
    if (state.step === 'sms_otp') this.listenForSms();
  }

  /** Ends the step's work: ceremony, WebOTP, requests. */
  leave(): void {
    this.abort.end();
    this.stopSms();
  }

  /** Runs the passkey ceremony with the step's request options (one modal `credentials.get()`). */
  passkey(): Promise<void> {
    const state = this.state;
    if (state?.step !== 'webauthn') return Promise.resolve();
    return this.run('passkey', async (client, signal) =>
      client.signInWithPasskey({ requestOptions: state.request_options, signal }),
    );
  }

  /** Checks a typed or pasted code (authenticator app, text, email, recovery code). */
  verify(raw: string): Promise<void> {
    const state = this.state;
    if (!state || state.step === 'webauthn') return Promise.resolve();
    this.stopSms();
    if (state.step === 'recovery_code') {
      const code = raw.trim();
      if (!code) return this.reject();
      return this.run('verify', (client, signal) => client.verifyRecoveryCode({ code, signal }));
    }
    const length = state.code_length;
    const code = normalizeOneTimeCode(raw, length);
    if (code.length !== length) return this.reject();
    return this.run('verify', (client, signal) => {
      switch (state.step) {
        case 'totp':
          return client.verifyTotp({ code, signal });
        case 'sms_otp':
          return client.verifySmsCode({ code, signal });
        case 'email_otp':
          return client.verifyEmailCode({ code, signal });
      }
    });
  }

  /** Sends a new code (the old one stops working at the backend). */
  resend(): Promise<void> {
    const state = this.state;
    if (state?.step !== 'sms_otp' && state?.step !== 'email_otp') return Promise.resolve();
    if (this.resendIn() > 0) return Promise.resolve();
    return this.run('resend', async (client, signal) => {
      const outcome = state.step === 'sms_otp' ? await client.requestSmsCode({ signal }) : await client.requestEmailCode({ signal });
      this.notice = 'codeResent';
      this.announcement++;
      return outcome;
    });
  }

  /** Switches to another factor from the step's alternatives. */
  select(factor: Factor): Promise<void> {
    return this.run('select', (client, signal) => client.selectFactor({ factor, signal }));
  }

  /** Opens or closes the list of other factors. */
  toggleChoices(): void {
    this.choosing = !this.choosing;
    this.host.requestUpdate();
  }

  /** The user typed: a WebOTP request must not overwrite what they type (WICG WebOTP: abort on input). */
  input(value: string): void {
    this.typed = value;
    this.stopSms();
  }

  /** Seconds until a new code may be sent. */
  resendIn(now = Date.now()): number {
    return Math.max(0, Math.ceil((this.resendAt - now) / 1000));
  }

  /** Other factors the user may switch to, strongest first, without the one shown. */
  alternatives(): Factor[] {
    const state = this.state;
    if (!state) return [];
    const current = factorOf(state.step);
    return (state.alternatives ?? []).filter((factor) => factor !== current);
  }

  private async run(
    action: NonNullable<FactorController['pending']>,
    work: (client: LatchClient, signal: AbortSignal) => Promise<StepOutcome>,
  ): Promise<void> {
    if (this.pending) return;
    const signal = this.abort.signal;
    this.pending = action;
    this.failure = undefined;
    if (action !== 'resend') this.notice = undefined;
    this.host.requestUpdate();
    let outcome: StepOutcome | undefined;
    try {
      outcome = await work(await this.config.client(), signal);
    } catch (error) {
      if (!signal.aborted) this.fail(toLatchError(error));
    } finally {
      this.pending = undefined;
      this.host.requestUpdate();
    }
    if (!outcome || signal.aborted) return;
    if (outcome.type === 'step' && isFactorStep(outcome.state)) {
      // A resend answers with the same step: keep the typed code and the open list.
      if (action === 'resend' && outcome.state.step === this.state?.step) {
        this.state = outcome.state;
        this.resendAt = 'resend_after' in outcome.state ? Date.now() + outcome.state.resend_after * 1000 : 0;
        this.host.requestUpdate();
        return;
      }
      this.enter(outcome.state);
      return;
    }
    this.leave();
    await this.config.done(outcome);
  }

  private fail(error: LatchError): void {
    if (error.code === 'LATCH_PASSKEY_CANCELLED') {
      this.notice = 'passkeyCancelled';
    } else if (isQuietError(error)) {
      return;
    } else {
      this.failure = { error };
    }
    this.announcement++;
    this.host.requestUpdate();
  }

  private reject(): Promise<void> {
    this.failure = { problem: 'codeInvalidFormat' };
    this.announcement++;
    this.host.requestUpdate();
    return Promise.resolve();
  }

  /**
   * WebOTP (WICG): the browser offers the code of an origin-bound text message (`@host #code`), where it
   * can (Chrome on Android, or with a paired phone). Elsewhere the request simply never settles.
   */
  private listenForSms(): void {
    if (!('OTPCredential' in globalThis) || !navigator.credentials) return;
    const abort = new AbortController();
    this.otpAbort = abort;
    const options = { otp: { transport: ['sms'] }, signal: abort.signal } as CredentialRequestOptions;
    navigator.credentials
      .get(options)
      .then((credential) => {
        const code = (credential as OtpCredential | null)?.code;
        if (!code || abort.signal.aborted) return;
        this.otpAbort = undefined;
        this.typed = code;
        this.host.requestUpdate();
        return this.verify(code);
      })
      .catch(() => undefined);
  }

  private stopSms(): void {
    this.otpAbort?.abort();
    this.otpAbort = undefined;
  }
}
