import { randomBytes } from 'node:crypto';
import type { ConsentReceipt, Factor, Reason } from '../../src/protocol/index.js';
import type { UsedFactor } from './assurance.js';
import type { Clock } from './clock.js';
import type { PasswordHash } from './passwords.js';
import type { SignInMethod } from './session.js';
import type { PendingSmsCode } from './sms.js';
import type { TimedDecision } from './policies.js';
import type { PendingSignIn } from './steps/consent.js';

/** Lifetime of an `auth_session` (FiPA §5.3.1): long enough to fetch a mailed code, short enough to expire unused. */
export const AUTH_SESSION_TTL_SECONDS = 15 * 60;

/** What the initial challenge request asked for; replayed into the authorization code. */
export interface AuthorizationRequest {
  clientId: string;
  scope: string;
  codeChallenge: string;
  nonce?: string;
  /** `state` and `redirect_uri`, kept only for a `redirect_to_web` (web-steps.ts). */
  state?: string;
  redirectUri?: string;
}

/** An email code in flight. Only its hash is kept; `codeHash: null` means it was burnt by wrong tries. */
export interface PendingEmailCode {
  purpose: 'sign_in' | 'sign_up' | 'password_reset';
  codeHash: Buffer | null;
  expiresAt: number;
  attemptsRemaining: number;
  /** The password chosen at sign-up, hashed, applied when the code proves the mailbox. */
  signUpPassword?: PasswordHash;
  /** A reset's code: its number in password-resets.ts, which a newer code or a finished reset outdates. */
  resetProof?: number;
}

/** A password reset whose mailbox is proven (password-reset.ts): what was proven, until the new password is set. */
export interface ProvenReset {
  /** The proof's number in password-resets.ts: a newer proof or a finished reset ends this one too. */
  proof: number;
  /** The mailbox, then any second factor the account asked for. */
  factors: UsedFactor[];
}

/**
 * The account is known and one more factor is needed: a second factor after a risky first one, or a step-up
 * of a signed-in session. Only the listed factors can finish it.
 */
export interface FactorChallenge {
  kind: 'second_factor' | 'step_up';
  accountId: string;
  reason: Reason;
  /** The factors that may finish it, strongest first; the first is offered, the rest are `alternatives`. */
  factors: Factor[];
  /** second_factor: the first factor, which still names the sign-in. */
  first?: { method: SignInMethod; factor: UsedFactor };
  /** step_up: the web session to upgrade. */
  webSessionId?: string;
  /** The host the origin-bound SMS line names. */
  smsHost: string;
  /** second_factor: an account recovery already offered the factors the customer still has (steps/account-recovery.ts). */
  recoveryOffered?: boolean;
}

/** Server-side state behind one `auth_session` handle. Memory only: it never leaves the server. */
export interface AuthSession {
  id: string;
  expiresAt: number;
  request: AuthorizationRequest;
  /** The identifier, normalised (identifiers.ts). */
  loginHint?: string;
  /** The outstanding WebAuthn challenge (base64url), single use. */
  webauthnChallenge?: string;
  emailCode?: PendingEmailCode;
  smsCode?: PendingSmsCode;
  factorChallenge?: FactorChallenge;
  passwordReset?: ProvenReset;
  /** The policy decisions of this transaction's `sign_up` step, recorded once the account exists (steps/consent.ts). */
  signUpConsents?: TimedDecision[];
  /** A sign-in whose credentials passed, held for a `consent_required` or `profile` step (steps/consent.ts). */
  pendingSignIn?: PendingSignIn;
  /** Receipts recorded during this transaction, returned with the authorization code (profile §24.4). */
  receipts?: ConsentReceipt[];
}

/** The `auth_session` table (FiPA §5.3.1: opaque, ≥ 256 bits of randomness). */
export class AuthSessions {
  readonly #sessions = new Map<string, AuthSession>();

  constructor(readonly clock: Clock) {}

  create(request: AuthorizationRequest): AuthSession {
    this.#prune();
    const session: AuthSession = {
      id: randomBytes(32).toString('base64url'),
      expiresAt: this.clock.now() + AUTH_SESSION_TTL_SECONDS * 1000,
      request,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session for a handle, or `undefined` when unknown or expired. */
  find(id: string): AuthSession | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.clock.now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  /**
   * Ends the unfinished step-ups of a web session and hands back their codes still in flight, newest last:
   * a customer who closed the prompt and asks again within the resend cooldown gets no new code, so the
   * one already sent must stay usable, in the new step-up only.
   */
  takeStepUps(webSessionId: string): Array<Pick<AuthSession, 'emailCode' | 'smsCode'>> {
    const taken: Array<Pick<AuthSession, 'emailCode' | 'smsCode'>> = [];
    for (const [id, session] of this.#sessions) {
      if (session.factorChallenge?.kind !== 'step_up' || session.factorChallenge.webSessionId !== webSessionId) continue;
      this.#sessions.delete(id);
      if (session.expiresAt > this.clock.now()) taken.push({ emailCode: session.emailCode, smsCode: session.smsCode });
    }
    return taken;
  }

  /** Erasure: ends every sign-in in flight for the address or the account, with the codes it holds. */
  endAccount(email: string, accountId: string): void {
    for (const [id, session] of this.#sessions) {
      if (session.loginHint === email || session.factorChallenge?.accountId === accountId) this.#sessions.delete(id);
    }
  }

  /** Ends a session once it produced an authorization code, so one session mints at most one code. */
  delete(id: string): void {
    this.#sessions.delete(id);
  }

  #prune(): void {
    const now = this.clock.now();
    for (const [id, session] of this.#sessions) if (session.expiresAt <= now) this.#sessions.delete(id);
  }
}
