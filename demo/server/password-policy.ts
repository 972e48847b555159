import { passwordLength } from './passwords.js';

/**
 * Why a new password is refused, or `undefined` when it is fine: NIST SP 800-63B-4 §3.1.1.2 asks for a minimum
 * length and no composition rules. (This branch holds only the length rule; the breached-password list joins it.)
 */
export function checkNewPassword(password: string, minLength: number): 'too_short' | 'breached' | undefined {
  return passwordLength(password) < minLength ? 'too_short' : undefined;
}
