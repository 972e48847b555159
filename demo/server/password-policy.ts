import { dictionary } from '@zxcvbn-ts/language-common';
import { passwordLength } from './passwords.js';

/**
 * Passwords found in breached-password corpora (NIST SP 800-63B-4 §3.1.1.2 requires refusing them): the
 * common-passwords dictionary of `@zxcvbn-ts/language-common`, a maintained list of the most frequent ones in
 * public breaches. A production backend asks a k-anonymity range API instead (docs/protocol.md §19.5).
 */
const BREACHED: ReadonlySet<string> = new Set(dictionary.passwords.map(comparable));

/** Lists are compared without case and after NFKC, so `Qazwsxedcrfvtgb` is refused like `qazwsxedcrfvtgb`. */
function comparable(password: string): string {
  return password.normalize('NFKC').toLowerCase();
}

/**
 * The rules for a new password (sign-up, reset, change), and nothing more: at least `minLength` Unicode code
 * points and not a breached password. No composition rules (NIST SP 800-63B-4 §3.1.1.2). Answers the
 * `field_errors` code, or `undefined` when the password may be used.
 */
export function checkNewPassword(password: string, minLength: number): 'too_short' | 'breached' | undefined {
  if (passwordLength(password) < minLength) return 'too_short';
  if (BREACHED.has(comparable(password))) return 'breached';
  return undefined;
}
