import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LatchClient, SignedIn, StepOutcome } from '../client/client.js';
import { isConfigError, isQuietError, LatchError, toLatchError } from '../client/errors.js';
import { AbortScope } from './abort-scope.js';
import { clientOf, type Backend } from './client-loader.js';
import { popupCallbackRelayed } from '../popup-callback-loader.js';
import { LatchErrorEvent, LatchSignedInEvent, LatchSignedOutEvent, LatchStepEvent, type LoginStep } from '../events/index.js';
import type { Connection, Method, StepState } from '../protocol/index.js';
import type { EmailLinkController } from './email-link.controller.js';
import type { FactorStep } from './factor.controller.js';
import type { FunnelMark } from '../analytics/funnel.js';
import { normalizeOneTimeCode } from './one-time-code.js';
import type { PasskeyAutofillController } from './passkey-autofill.controller.js';
import type { AccountRecoveryController } from './account-recovery.controller.js';
import type { AccountStepsController } from './account-steps.controller.js';
import type { CombinedSignIn } from './combined-sign-in.js';
import type { LastUsedRecord } from './last-used.js';
import type { PasskeyCue } from './passkey-cue.js';
import type { PasskeyOfferController } from './passkey-offer.controller.js';
import type { PasswordResetFlow } from './password-reset.js';
import type { RedirectCallbackController } from './redirect-callback.controller.js';
import type { SessionSyncController, SignedOutNotice } from './session-sync.controller.js';
import type { TrustController } from './trust.controller.js';

/** Every method the element knows, for checking its `methods` attribute. */
export const METHODS: readonly Method[] = ['passkey', 'email_otp', 'email_link', 'password'];

/** Which input a failure belongs to; `form` failures show above the form. */
export type Field = 'email' | 'password' | 'code' | 'form' | 'terms' | 'profile';

/** A check the widget makes before anything is sent. */
export type LocalProblem = 'emailInvalid' | 'passwordMissing' | 'passwordTooShort' | 'codeInvalidFormat';

/** What went wrong, for the element to word and announce. */
export type Failure =
  | { field: Field; error: LatchError; problem?: undefined }
  | { field: Field; problem: LocalProblem; error?: undefined };

/** A polite status worth announcing (never an error). */
export type Notice =
  | 'codeResent'
  /** The link step's (profile §20): a new link was sent; the link was opened on another device. */
  | 'linkResent'
  | 'linkOpenedElsewhere'
  | 'passkeyCreated'
  | 'passkeyCancelled'
  /** Signed out here, in another tab (fault K3), for inactivity, or because the backend ended the session. */
  | SignedOutNotice
  /** Signed in in another tab (fault K2). */
  | 'signedInElsewhere'
  /** Back on the code step within the resend cooldown: the code sent moments ago still works. */
  | 'codeAlreadySent'
  /** Signed in after a password reset, which signed out every other session. */
  | 'passwordReset';

/** The code step's facts from the backend. */
export interface CodeState {
  purpose: 'sign_in' | 'sign_up' | 'password_reset';
  destinationHint: string;
  codeLength: number;
  /** Epoch milliseconds after which a new code may be requested. */
  resendAt: number;
}

/** What the controller reads from its element: its backend (see `backendOf`) and what to offer. */
export interface SignInConfig extends Backend {
  /** Methods in the order to offer them. */
  methods: readonly Method[];
  signUp: boolean;
  /** The element refuses to collect credentials here (framed by another origin): nothing starts. */
  refused?: boolean;
}

/**
 * The side jobs that begin only once the client has loaded: the passkey offer after a sign-in, the redirect
 * URI page, and cross-tab sync. Their code travels with the client's (see `loadClient`), not before the form.
 */
export interface LateParts {
  offer: PasskeyOfferController;
  reset: PasswordResetFlow;
  recovery: AccountRecoveryController;
  /** The `email_link` step's polling, resend and confirmation. */
  link: EmailLinkController;
  /** Terms and marketing at sign-up, re-consent and the profile question (profile §24). */
  account: AccountStepsController;
  redirect: RedirectCallbackController;
  sync: SessionSyncController;
  /** This device's "last used" method, for the badge (issue 14). */
  lastUsed: LastUsedRecord;
  /** After a passkey sign-in, once per device: passkeys cannot be phished (issue 14). */
  cue: PasskeyCue;
  /** The branding, the site identity and the origin check (profile §26). */
  trust: TrustController;
  /** `layout="combined"`: the password with the address, or the methods to pick from. */
  combined: CombinedSignIn;
}

/**
 * The controllers the sign-in hands its side jobs to, each composed by the element: passkey autofill, ready
 * at load, and the {@link LateParts}, composed once when the client is first needed.
 */
export interface SignInParts {
  autofill: PasskeyAutofillController;
  late(): Promise<LateParts>;
  /** The analytics funnel (src/analytics/funnel.ts): the visitor's actions, as they happen. */
  track?(mark: FunnelMark): void;
}

type Host = ReactiveControllerHost & HTMLElement;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * The sign-in flow as a state machine (STYLE.md 8): identifier first, then a method, then signed in.
 * It owns one AbortController per step, so leaving a step aborts its requests and ceremonies, and
 * has passkey autofill run while the identifier step is shown (see {@link SignInParts}).
 */
export class SignInController implements ReactiveController {
  step: LoginStep = 'identifier';
  mode: 'sign-in' | 'sign-up' = 'sign-in';
  /** The identifier as typed; kept across steps and errors (WCAG 2.2 SC 3.3.7). */
  email = '';
  /** The action in flight, if any: the form ignores further submits until it settles (fault K1). */
  pending: 'submit' | 'passkey' | 'resend' | 'register' | 'sign-out' | undefined;
  failure: Failure | undefined;
  notice: Notice | undefined;
  /** Changes on every failure and notice, so the same message twice is announced twice. */
  announcement = 0;
  code: CodeState | undefined;
  signedIn: SignedIn | undefined;
  /** Methods offered after the identifier step: configured order ∩ what the backend allows. */
  offered: Method[] = [];
  passwordMinLength = 15;
  /**
   * Whether the form offers sign-up: the element allows it and discovery did not say no. False until discovery has
   * answered, so the link is drawn once, in its place below the SSO buttons, rather than drawn and then moved.
   */
  signUpAllowed = false;
  passkeys = { available: false, autofill: false };
  /** Whether `passkeys` is the client's answer yet (until then, a passkey-first form guesses from the browser). */
  passkeysChecked = false;
  /** The backend's social and enterprise connections, in its order (the SSO buttons show them). */
  connections: readonly Connection[] = [];
  /** The second factor the backend asked for after the first one (shown by the factor view). */
  factorState: FactorStep | undefined;
  /** The backend said this browser signs in with a password: its step came first, and a code is one click away. */
  preferredPassword = false;

  private client: LatchClient | undefined;
  /** The side jobs, present once the client is (both arrive in one file). */
  late: LateParts | undefined;
  private connecting: Promise<LatchClient> | undefined;
  /** The current step's work; leaving the step or the page aborts it. */
  private readonly stepAbort: AbortScope;
  /** The background start of a transaction, which a quick first submit waits for. */
  private starting: Promise<StepOutcome | undefined> = Promise.resolve(undefined);
  private hasTransaction = false;

  constructor(
    private readonly host: Host,
    private readonly config: () => SignInConfig,
    private readonly parts: SignInParts,
  ) {
    this.stepAbort = new AbortScope(host);
    host.addController(this);
  }

  hostConnected(): void {
    // Draw the form first; fetch the client and start the backend calls once it is on screen. A submit
    // before then simply waits for the client (see run()).
    // An element removed before then starts nothing (fault N8).
    void this.host.updateComplete.then(() =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (this.host.isConnected) void this.start();
        }),
      ),
    );
  }

  /** The client, once its code has loaded (for the factor view, which runs its own requests). */
  clientReady(): Promise<LatchClient> {
    return this.connect();
  }

  /** Where a second factor (or an opened email link) led: signed in, or on to another step. */
  async finishFactor(outcome: StepOutcome): Promise<void> {
    try {
      await this.follow(outcome, this.stepAbort.signal);
    } catch (error) {
      this.fail(toLatchError(error), 'form');
    }
  }

  /** A failure of the element's own work (a chunk that did not load), shown and announced like any other. */
  report(error: unknown): void {
    this.fail(toLatchError(error), 'form');
  }

  /** The client once its code has loaded (for elements that share it, such as the SSO buttons). */
  get connectedClient(): LatchClient | undefined {
    return this.client;
  }

  /** Prepares the identifier step in the background; the form is usable before anything returns. */
  async start(): Promise<void> {
    const config = this.config();
    if (config.refused) return;
    let client: LatchClient;
    try {
      client = await this.connect();
    } catch (error) {
      // No discovery to say otherwise: the element's own setting (a retry may still create an account).
      this.signUpAllowed = config.signUp;
      this.fail(toLatchError(error), 'form');
      return;
    }
    const late = this.late;
    // Removed while the client loaded (fault N8): nothing to listen for or finish.
    if (!late || !this.host.isConnected) return;
    const { sync, redirect, offer } = late;
    sync.listen(client);
    void late.lastUsed.read(client);
    this.passkeys = await client.passkeySupport();
    this.passkeysChecked = true;
    this.host.requestUpdate();
    // On the redirect URI page: finish that sign-in; if it failed, carry on to the method choice. A popup's
    // callback page whose opener took the URL over the channel (popup-callback.ts) is closing instead.
    if (redirect.isCallback(client)) {
      if (await popupCallbackRelayed()) return;
      if (await this.finishRedirect(client, redirect)) return;
    }
    const signal = this.stepAbort.signal;
    // Load-time failures wait for the customer's first action, except a misconfiguration: no action can
    // succeed, so the developer sees it at once.
    let misconfigured: LatchError | undefined;
    const noteFailure = (error: unknown): undefined => {
      if (isConfigError(error)) misconfigured ??= error;
      return undefined;
    };
    const signedIn = client.getSession({ signal }).catch(noteFailure);
    // Only a visitor gets a sign-in transaction: a signed-in reload sends no sign-in request at all.
    this.starting = signedIn.then((found) => (found?.active ? undefined : client.startSignIn({ signal }))).then(
      (outcome) => {
        this.hasTransaction = outcome?.type === 'step';
        return outcome;
      },
      noteFailure,
    );
    const [session, outcome] = await Promise.all([signedIn, this.starting]);
    const metadata = await client.discover().catch(noteFailure);
    this.signUpAllowed = config.signUp && (metadata?.ciam_sign_up_enabled ?? true);
    this.passwordMinLength = metadata?.ciam_password_min_length ?? this.passwordMinLength;
    // Connections are redirect sign-ins: a backend without an authorization endpoint offers none (profile §1).
    this.connections = metadata?.authorization_endpoint ? (metadata.ciam_connections ?? []) : [];
    if (signal.aborted) return;
    if (misconfigured) return this.fail(misconfigured, 'form');
    const user = sync.signedInAs(session);
    if (user) {
      this.enterSignedIn(user, false);
      if (session?.has_passkey === false) await offer.nudge(client);
      return;
    }
    if (outcome?.type === 'step' && outcome.state.step === 'identifier') {
      this.parts.autofill.start(outcome.state.webauthn?.request_options);
    }
    this.parts.track?.({ type: 'viewed' });
    this.host.requestUpdate();
  }

  /** The client: the page's own, or one built from the element's issuer and client id once its code loaded. */
  private connect(): Promise<LatchClient> {
    this.connecting ??= Promise.all([clientOf(this.config()), this.parts.late()]).then(([client, late]) => {
      this.late = late;
      return (this.client = client);
    }, (error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  /** This page is the redirect URI of a redirect sign-in: finish it; a failure shows its reason on the method choice. */
  private async finishRedirect(client: LatchClient, redirect: RedirectCallbackController): Promise<boolean> {
    this.pending = 'submit';
    this.host.requestUpdate();
    try {
      await redirect.finish(client, async (signedIn, leaving) => {
        this.enterSignedIn(signedIn, true);
        if (!leaving) await this.late?.offer.offer(signedIn);
      });
      return true;
    } catch (error) {
      this.fail(toLatchError(error), 'form');
      return false;
    } finally {
      this.pending = undefined;
      this.host.requestUpdate();
    }
  }

  /** Identifier-first: says who is signing in, then moves to the first method. */
  submitEmail(email: string): Promise<void> {
    if (!this.takeEmail(email)) return this.reject('email', 'emailInvalid');
    this.parts.track?.({ type: 'identifier_submitted' });
    return this.run('submit', 'email', async (client, signal) => {
      const outcome = await this.identify(client, signal);
      if (outcome) await this.follow(outcome, signal);
    });
  }

  /**
   * The combined layout (combined-sign-in.ts): with a password, the address and the password in one submit;
   * without one ("Use another method"), the address, then the methods to pick from.
   */
  submitCombined(email: string, password?: string): Promise<void> {
    if (!this.takeEmail(email)) return this.reject('email', 'emailInvalid');
    if (password === '') return this.reject('password', 'passwordMissing');
    this.parts.track?.({ type: 'identifier_submitted' });
    if (password !== undefined) this.parts.track?.({ type: 'method_chosen', method: 'password' });
    return this.run('submit', password === undefined ? 'email' : 'password', async (client, signal) => {
      const outcome = await this.identify(client, signal);
      // A retry identifies again, in a transaction of its own.
      this.hasTransaction = false;
      const combined = this.late?.combined;
      if (!outcome || !combined) return;
      await (password === undefined ? combined.choose(outcome, signal) : combined.signIn(outcome, password, client, signal));
    });
  }

  /** Keeps the typed address (trimmed); false when it is not one. */
  private takeEmail(email: string): boolean {
    this.email = email.trim();
    return EMAIL.test(this.email);
  }

  /** Says who is signing in; undefined when home-realm discovery sent the browser to the business's own provider. */
  private async identify(client: LatchClient, signal: AbortSignal): Promise<StepOutcome | undefined> {
    this.parts.autofill.stop();
    // Home-realm discovery: a business's users go straight to their own identity provider.
    const enterprise = await client.connectionForEmail(this.email, { signal }).catch(() => undefined);
    if (enterprise) {
      this.parts.track?.({ type: 'method_chosen', method: 'sso' });
      location.assign(await client.startRedirectSignIn({ connection: enterprise.id, loginHint: this.email, signal }));
      return undefined;
    }
    await this.starting;
    const outcome = this.hasTransaction
      ? await client.submitIdentifier({ loginHint: this.email, signal })
      : await client.startSignIn({ loginHint: this.email, signal });
    this.hasTransaction = true;
    return outcome;
  }

  /** Picks a method from the method list. */
  choose(method: Method): Promise<void> {
    this.parts.track?.({ type: 'method_chosen', method });
    if (method === 'password') {
      this.go('password');
      return Promise.resolve();
    }
    if (method === 'email_otp') return this.sendCode(false);
    if (method === 'email_link') return this.act('submit', (client, signal) => client.requestEmailLink({ signal }), 'form');
    this.go('passkey');
    return this.passkey();
  }

  submitPassword(password: string): Promise<void> {
    if (!password) return this.reject('password', 'passwordMissing');
    return this.run('submit', 'password', async (client, signal) => {
      await this.follow(await client.signInWithPassword({ password, signal }), signal);
    });
  }

  /** Creates the account; without a password it is passwordless and proven by an emailed code. */
  submitSignUp(password?: string): Promise<void> {
    // NIST SP 800-63B-4 §3.1.1.2: length counts code points; no composition rules.
    if (password !== undefined && [...password].length < this.passwordMinLength) {
      return this.reject('password', 'passwordTooShort');
    }
    return this.run('submit', password === undefined ? 'form' : 'password', async (client, signal) => {
      await this.follow(await client.signUp({ password, signal, consents: this.late?.account.signUpConsents() }), signal);
    });
  }

  /**
   * Runs a step's action for a flow that came with the client (the link step's, account recovery's): busy
   * while it runs, its failure shown and announced at `field`, then on to where it led.
   */
  act(action: 'submit' | 'resend', work: (client: LatchClient, signal: AbortSignal) => Promise<StepOutcome>, field: Field = 'code'): Promise<void> {
    return this.run(action, field, async (client, signal) => this.follow(await work(client, signal), signal));
  }

  /** The `email_link` step's controller, once the client's code (which brings it) has loaded. */
  get emailLink(): EmailLinkController | undefined {
    return this.late?.link;
  }

  /** Sends an email code, or a new one (which invalidates the old one at the backend). */
  sendCode(resend: boolean): Promise<void> {
    return this.run(resend ? 'resend' : 'submit', resend ? 'code' : 'form', async (client, signal) => {
      const outcome = resend ? await client.requestEmailCode({ signal }) : await this.late?.reset.requestCode(client, signal);
      if (outcome) await this.follow(outcome, signal);
      if (resend) this.announce('codeResent');
    });
  }

  /** "Forgot password?": the backend proves the mailbox (a code, or a link), then asks for a new password. */
  forgotPassword(): Promise<void> {
    return this.run('submit', 'form', async (client, signal) => {
      const outcome = await this.late?.reset.requestReset(client, signal);
      if (outcome) await this.follow(outcome, signal);
    });
  }

  /** The reset's new password: the sign-up rules (length in code points, nothing else); signs in. */
  submitNewPassword(password: string): Promise<void> {
    if ([...password].length < this.passwordMinLength) return this.reject('password', 'passwordTooShort');
    return this.run('submit', 'password', async (client, signal) => {
      await this.follow(await client.setNewPassword({ password, signal }), signal);
      if (this.step === 'signed-in') this.announce('passwordReset');
    });
  }

  /** The code sent moments ago still works (password-reset.ts): its step again, saying so, with the new countdown. */
  codeAlreadySent(code: CodeState): void {
    this.code = code;
    this.go('code');
    this.announce('codeAlreadySent');
  }

  verifyCode(raw: string): Promise<void> {
    const length = this.code?.codeLength ?? 6;
    const code = normalizeOneTimeCode(raw, length);
    if (code.length !== length) return this.reject('code', 'codeInvalidFormat');
    this.parts.track?.({ type: 'code_entered' });
    return this.run('submit', 'code', async (client, signal) => {
      await this.follow(await client.verifyEmailCode({ code, signal }), signal);
    });
  }

  /** A modal passkey sign-in: one user action (the button), then the browser's prompt. */
  passkey(): Promise<void> {
    return this.run('passkey', 'form', async (client, signal) => {
      // Only one credentials.get() may run: end the autofill request first (fault W7).
      this.parts.autofill.stop();
      this.parts.track?.({ type: 'passkey_prompted', trigger: 'button' });
      try {
        await this.follow(await client.signInWithPasskey({ signal }), signal);
      } finally {
        if (this.step === 'identifier') this.parts.autofill.start();
      }
    });
  }

  /** Creates a passkey for the signed-in user (the enrollment nudge). */
  registerPasskey(): Promise<void> {
    return this.run('register', 'form', async (client, signal) => {
      await this.late?.offer.register(client, signal);
    });
  }

  /** Whether the passkey enrollment nudge is shown. */
  get showNudge(): boolean {
    return this.late?.offer.showNudge ?? false;
  }

  /** "Not now": hides the nudge and keeps it away from this device for a week, then a month (see passkey-nudge.ts). */
  async dismissNudge(): Promise<void> {
    await this.late?.offer.dismiss(this.client);
  }

  /** A passkey was created (from the nudge, or quietly after a password): say so. */
  passkeyCreated(): void {
    this.announce('passkeyCreated');
  }

  /** Signs out here; with `postLogoutRedirectUri`, then also at the backend's provider (single sign-out). */
  signOut(postLogoutRedirectUri?: string): Promise<void> {
    return this.run('sign-out', 'form', async (client) => {
      try {
        // Only a redirect sign-in left a session at the provider to end as well.
        const federated = this.signedIn?.method === 'sso';
        await client.signOut();
        const everywhere = federated && postLogoutRedirectUri && (await client.endSessionUrl({ postLogoutRedirectUri }));
        if (everywhere) {
          location.assign(everywhere);
          return;
        }
      } finally {
        // ASVS 5 14.3.1: the page forgets the user even when the backend could not be told.
        this.resetAfterSignOut('signedOut');
        void this.start();
      }
    });
  }

  /** The session ended elsewhere, for inactivity or at the backend (fault K3): back to a fresh identifier step. */
  sessionEnded(notice: SignedOutNotice): void {
    if (!this.signedIn && this.step === 'identifier') return;
    this.resetAfterSignOut(notice);
    void this.start();
  }

  /** Another tab signed in (fault K2): the signed-in state, with no error. */
  signedInElsewhere(signedIn: SignedIn): void {
    this.enterSignedIn(signedIn, true);
    this.announce('signedInElsewhere');
  }

  /** Ends the step in progress (its requests and autofill) and returns the signal for what follows. */
  interrupt(): AbortSignal {
    this.parts.autofill.stop();
    return this.stepAbort.restart();
  }

  /** Forgets the user and goes back to the identifier step (ASVS 5 14.3.1), saying why. */
  private resetAfterSignOut(notice: Notice): void {
    const wasSignedIn = this.signedIn !== undefined;
    this.parts.autofill.stop();
    this.late?.offer.hide();
    this.signedIn = undefined;
    this.email = '';
    this.mode = 'sign-in';
    this.hasTransaction = false;
    this.code = undefined;
    this.go('identifier');
    this.announce(notice);
    if (wasSignedIn) this.host.dispatchEvent(new LatchSignedOutEvent());
  }

  /** A sign-in finished by another element (the SSO buttons' popup), whose event already reached the page. */
  async adoptSignIn(signedIn: SignedIn): Promise<void> {
    this.enterSignedIn(signedIn, false);
    await this.connect();
    await this.late?.offer.offer(signedIn);
  }

  /** Back to the identifier step, keeping what was typed. */
  changeEmail(): void {
    this.code = undefined;
    this.go('identifier');
    this.hasTransaction = false;
    void this.start();
  }

  /** Switches between signing in and creating an account. */
  toggleMode(): void {
    this.mode = this.mode === 'sign-in' ? 'sign-up' : 'sign-in';
    this.failure = undefined;
    this.host.requestUpdate();
  }

  /** Shows the list of other methods. */
  showMethods(): void {
    this.go('methods');
  }

  /** Seconds until a new code may be requested. */
  resendIn(now = Date.now()): number {
    return this.code ? Math.max(0, Math.ceil((this.code.resendAt - now) / 1000)) : 0;
  }

  /** Goes where an answer of the backend leads: signed in, or on to its step. */
  async follow(outcome: StepOutcome, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    if (outcome.type === 'signed-in') {
      this.enterSignedIn(outcome.signedIn, true);
      if (this.client) void this.late?.cue.signedIn(this.client.storage, outcome.signedIn);
      // The passkey offer asks the backend and this device in the background: the sign-in is done, so the form is
      // no longer busy and "Sign out" works at once (a click while it was busy used to be dropped).
      void this.late?.offer.offer(outcome.signedIn).catch(() => undefined);
      return;
    }
    if (outcome.type === 'step') await this.enterStep(outcome.state);
    // The backend's web page goes on (FiPA redirect_to_web); the sign-in completes at the redirect URI.
    if (outcome.type === 'web') location.assign(outcome.url);
  }

  private async enterStep(state: StepState): Promise<void> {
    this.late?.account.see(state);
    switch (state.step) {
      case 'identifier':
        this.go('identifier');
        return;
      case 'select_method': {
        this.listMethods(state);
        if (this.mode === 'sign-up') return this.go('sign-up');
        // This browser signed in to this account with its password last time (§19.1): no code is emailed.
        this.preferredPassword = state.preferred_method === 'password' && this.offered.includes('password');
        if (this.preferredPassword) return this.go('password');
        const first = this.offered.find((method) => method !== 'passkey') ?? this.offered[0];
        if (!first) throw new LatchError('LATCH_UNSUPPORTED_BACKEND', 'No configured method is offered');
        if (first === 'email_otp' || first === 'email_link') {
          const client = await this.connect();
          const signal = this.stepAbort.signal;
          await this.follow(await (first === 'email_link' ? client.requestEmailLink({ signal }) : client.requestEmailCode({ signal })), signal);
          return;
        }
        return this.go(first === 'password' ? 'password' : 'passkey');
      }
      case 'email_otp':
        if (state.reason) return this.enterFactor(state);
        this.code = {
          purpose: state.purpose,
          destinationHint: state.destination_hint,
          codeLength: state.code_length,
          resendAt: Date.now() + state.resend_after * 1000,
        };
        if (this.step !== 'code') this.go('code');
        return;
      case 'email_link':
        if (this.step !== 'email-link') this.go('email-link');
        this.late?.link.enter(state, this.stepAbort.signal);
        return;
      case 'new_password':
        this.passwordMinLength = state.password_min_length;
        return this.go('new-password');
      case 'webauthn':
        // Without a reason these are the options of a passkey sign-in the user started; with one, a second factor.
        if (state.reason) this.enterFactor(state);
        return;
      case 'totp':
      case 'sms_otp':
      case 'recovery_code':
        return this.enterFactor(state);
      case 'account_recovery':
        this.late!.recovery.state = state;
        return this.go('recovery');
      case 'consent_required':
        return this.go('consent');
      case 'profile':
        return this.go('profile');
      default:
        throw new LatchError('LATCH_UNSUPPORTED_BACKEND', `Step ${(state as StepState).step} is not supported here`);
    }
  }

  /** The methods to offer for this address: the configured order ∩ what the backend lists (and this browser can do). */
  listMethods(state: Extract<StepState, { step: 'select_method' }>): void {
    this.offered = offerable(this.config().methods, state.methods).filter((method) => method !== 'passkey' || this.passkeys.available);
    this.passwordMinLength = state.password_min_length ?? this.passwordMinLength;
  }

  /** A second factor after the first (new device, failed attempts, two-step verification on): the factor view takes over. */
  private enterFactor(state: FactorStep): void {
    this.parts.autofill.stop();
    this.factorState = state;
    this.go('factor');
  }

  private enterSignedIn(signedIn: SignedIn, announce: boolean): void {
    this.parts.autofill.stop();
    this.signedIn = signedIn;
    this.email = signedIn.user.email ?? this.email;
    this.go('signed-in');
    if (announce) this.host.dispatchEvent(new LatchSignedInEvent(signedIn));
  }

  /** Follows the outcome of a passkey picked from the autofill list (a signal of the autofill request). */
  followAutofill(outcome: StepOutcome, signal: AbortSignal): Promise<void> {
    // The ceremony ran in the browser's autofill list; it is told here, where its result arrives.
    this.parts.track?.({ type: 'passkey_prompted', trigger: 'autofill' });
    return this.follow(outcome, signal);
  }

  /** Whether passkey autofill may run: the browser has it, the element offers passkeys. */
  autofillEnabled(): boolean {
    return this.passkeys.autofill && this.config().methods.includes('passkey');
  }

  /** Offers passkey autofill again if it is not running (called when the email field gets focus). */
  resumeAutofill(): void {
    if (this.step === 'identifier' && !this.parts.autofill.running && !this.pending && this.hasTransaction) this.parts.autofill.start();
  }

  /** The customer changed a refused field: its error no longer describes what is typed there. */
  edited(field: Field): void {
    if (this.failure?.field !== field) return;
    this.failure = undefined;
    this.host.requestUpdate();
  }

  /** Moves to a step: aborts the old step's work, clears its messages, tells the page. */
  private go(step: LoginStep): void {
    if (step !== this.step) {
      this.stepAbort.restart();
    }
    this.step = step;
    this.failure = undefined;
    this.host.requestUpdate();
    this.host.dispatchEvent(new LatchStepEvent(step));
  }

  private async run(
    action: NonNullable<SignInController['pending']>,
    field: Field,
    work: (client: LatchClient, signal: AbortSignal) => Promise<void>,
  ): Promise<void> {
    if (this.pending) return;
    this.pending = action;
    this.failure = undefined;
    this.notice = undefined;
    this.host.requestUpdate();
    try {
      await work(await this.connect(), this.stepAbort.signal);
    } catch (error) {
      this.fail(toLatchError(error), field);
    } finally {
      this.pending = undefined;
      this.host.requestUpdate();
    }
  }

  private fail(error: LatchError, field: Field): void {
    // Fault N8: a request that ends after the element left the page is neither shown nor announced.
    if (!this.host.isConnected) return;
    if (error.code === 'LATCH_PASSKEY_CANCELLED') {
      this.parts.track?.({ type: 'passkey_cancelled' });
      return this.announce('passkeyCancelled');
    }
    if (isQuietError(error)) return;
    if (error.code === 'LATCH_SESSION_EXPIRED') {
      // Fault K6: the backend forgot the transaction; start over, keeping the identifier.
      this.hasTransaction = false;
      this.go('identifier');
      field = 'form';
    }
    this.failure = { field: fieldFor(error, field), error };
    this.announcement++;
    this.host.requestUpdate();
    this.host.dispatchEvent(new LatchErrorEvent(error));
  }

  /** A check before anything is sent failed: shown at `field` and announced. */
  reject(field: Field, problem: LocalProblem): Promise<void> {
    this.failure = { field, problem };
    this.announcement++;
    this.host.requestUpdate();
    return Promise.resolve();
  }

  /** A polite status, announced (a repeat is announced again). */
  announce(notice: Notice): void {
    this.notice = notice;
    this.announcement++;
    this.host.requestUpdate();
  }
}

/**
 * The configured methods the backend lists, in the configured order; `email_otp` stands for the email, so a
 * backend that lists links instead of codes gets `email_link` in its place (profile §20.1).
 */
function offerable(configured: readonly Method[], listed: readonly Method[]): Method[] {
  const links = !listed.includes('email_otp');
  return [...new Set(configured.map((method) => (method === 'email_otp' && links ? 'email_link' : method)))].filter((method) => listed.includes(method));
}

/** Errors about what the user typed belong next to that field; the rest go above the form. */
function fieldFor(error: LatchError, fallback: Field): Field {
  switch (error.code) {
    case 'LATCH_INVALID_CREDENTIALS':
    case 'LATCH_WEAK_PASSWORD':
    case 'LATCH_PASSWORD_BREACHED':
      return 'password';
    case 'LATCH_INVALID_CODE':
    case 'LATCH_EXPIRED_CODE':
      return 'code';
    case 'LATCH_TERMS_REQUIRED':
      return 'terms';
    case 'LATCH_PROFILE_INVALID':
      return 'profile';
    case 'LATCH_TOO_MANY_ATTEMPTS':
      return fallback === 'password' ? 'password' : 'code';
    default:
      return 'form';
  }
}
