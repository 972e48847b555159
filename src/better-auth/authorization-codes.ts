import { randomBytes } from 'node:crypto';

// The `authorization_code` of FiPA §5.2.1. With session completion (§3 `completion: 'session'`) the widget does
// not redeem it; it is still single use, short-lived and bound to the PKCE challenge, so a token endpoint that
// redeems it later (the code path with @better-auth/oauth-provider) has what it needs.

/** What a code stands for. */
export interface IssuedCode {
  readonly clientId: string;
  readonly codeChallenge: string;
  readonly nonce: string | undefined;
  readonly scope: string;
  readonly userId: string;
  readonly sessionToken: string | undefined;
  readonly expiresAt: number;
}

const CODE_TTL_MS = 60_000;

/** Issued codes, in memory, each redeemable once within 60 s. */
export class AuthorizationCodes {
  readonly #codes = new Map<string, IssuedCode>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Mints a code for a finished sign-in. */
  issue(grant: Omit<IssuedCode, 'expiresAt'>): string {
    const now = this.now();
    for (const [code, issued] of this.#codes) if (issued.expiresAt <= now) this.#codes.delete(code);
    const code = randomBytes(32).toString('base64url');
    this.#codes.set(code, { ...grant, expiresAt: now + CODE_TTL_MS });
    return code;
  }

  /** Takes a code out (single use); `undefined` when unknown or expired. */
  redeem(code: string): IssuedCode | undefined {
    const issued = this.#codes.get(code);
    this.#codes.delete(code);
    return issued && issued.expiresAt > this.now() ? issued : undefined;
  }
}
