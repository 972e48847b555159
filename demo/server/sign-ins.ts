import type { SignInMethod } from './session.js';
import type { Account } from './store.js';

/** Sign-ins an account keeps for its privacy center (docs/protocol.md §25.1); the oldest is forgotten first. */
export const MAX_SIGN_INS = 50;

/** One finished sign-in as the account keeps it: when, how, and a browser/OS summary; never the IP address. */
export interface SignInRecord {
  /** Epoch seconds. */
  at: number;
  method: SignInMethod;
  /** "Chrome on Linux": a summary of the User-Agent, not the header itself (data minimisation, GDPR Art. 5(1)(c)). */
  device?: string;
}

const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/Edg\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome on Linux", "Safari on iOS", or undefined when the User-Agent names neither. */
export function deviceSummary(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system;
}

/** Appends a finished sign-in to the account (the caller saves the store). */
export function recordSignIn(account: Account, method: SignInMethod, userAgent: string | undefined, at: number): void {
  const device = deviceSummary(userAgent);
  const record: SignInRecord = { at, method, ...(device ? { device } : {}) };
  account.sign_ins = [...(account.sign_ins ?? []), record].slice(-MAX_SIGN_INS);
}
