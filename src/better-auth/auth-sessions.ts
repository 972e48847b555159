import { randomBytes } from 'node:crypto';
import { CookieJar } from './http/cookies.js';
import { AUTH_SESSION_TTL_SECONDS } from './options.js';

// FiPA's `auth_session` (profile §2.2): an opaque handle of 256 random bits naming server-side state, with a
// 15-minute absolute lifetime that steps do not extend, ended when it yields a code. The state holds better-auth's
// intermediate cookies (the two-factor cookie, the passkey challenge) so they never reach the browser.

/** The factor a password sign-in still needs (better-auth's `twoFactorRedirect`), and the others offered. */
export interface FactorState {
  current: 'totp' | 'email_otp' | 'recovery_code';
  readonly offered: readonly ('totp' | 'email_otp' | 'recovery_code')[];
}

/** A code emailed in this transaction. `usable: false` for a mail that carried none (§2.6). */
export interface PendingCode {
  readonly purpose: 'sign_in' | 'sign_up';
  readonly usable: boolean;
  wrongTries: number;
}

/** One sign-in transaction. */
export interface AuthSession {
  readonly handle: string;
  readonly clientId: string;
  readonly codeChallenge: string;
  readonly nonce: string | undefined;
  readonly scope: string;
  readonly expiresAt: number;
  readonly jar: CookieJar;
  /** The normalised address, once given. */
  email?: string;
  code?: PendingCode;
  /** The password of a `sign_up` step, set on the account when its code is verified. */
  signUpPassword?: string;
  /** Present while a second factor is asked for: only factor steps are accepted then. */
  factor?: FactorState;
  /** The first factor that passed, for the session's `method` and `amr`. */
  firstFactor?: 'password' | 'email_otp' | 'passkey';
  /** Present for a re-authentication of a signed-in user (`max_age`, profile §12.2). */
  stepUp?: StepUpState;
}

/** The signed-in session a re-authentication upgrades, and the factors offered for it. */
export interface StepUpState {
  readonly sessionToken: string;
  readonly userId: string;
  /** The session's `method` and `amr` so far; the new factor is added to `amr`. */
  readonly method: string | undefined;
  readonly amr: readonly string[];
  current: 'passkey' | 'email_otp';
  readonly offered: readonly ('passkey' | 'email_otp')[];
}

/** What an initial request binds the auth session to. */
export type AuthSessionStart = Pick<AuthSession, 'clientId' | 'codeChallenge' | 'nonce' | 'scope'>;

/** The live auth sessions of one plugin instance, in memory (a restart ends unfinished sign-ins). */
export class AuthSessions {
  readonly #sessions = new Map<string, AuthSession>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Opens a transaction with a fresh handle. */
  open(start: AuthSessionStart): AuthSession {
    this.#sweep();
    const session: AuthSession = {
      ...start,
      handle: randomBytes(32).toString('base64url'),
      expiresAt: this.now() + AUTH_SESSION_TTL_SECONDS * 1000,
      jar: new CookieJar(),
    };
    this.#sessions.set(session.handle, session);
    return session;
  }

  /** The live session named by `handle`, or `undefined` when unknown or past its lifetime. */
  find(handle: unknown): AuthSession | undefined {
    if (typeof handle !== 'string') return undefined;
    const session = this.#sessions.get(handle);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.#sessions.delete(handle);
      return undefined;
    }
    return session;
  }

  /** Ends a transaction: one auth session mints at most one code. */
  end(session: AuthSession): void {
    this.#sessions.delete(session.handle);
  }

  #sweep(): void {
    const now = this.now();
    for (const [handle, session] of this.#sessions) if (session.expiresAt <= now) this.#sessions.delete(handle);
  }
}
