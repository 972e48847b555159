import type { Factor, Reason } from '../../src/protocol/index.js';
import type { UsedFactor } from './assurance.js';
import { isRememberedDevice } from './devices.js';
import type { Account } from './store.js';

/** Failed attempts since the last successful sign-in from which a first factor is no longer enough. */
export const MANY_FAILURES_THRESHOLD = 3;

/**
 * The adaptive rules (docs/protocol.md §13), checked in order after a successful first factor (password or
 * email code, never a passkey); the first that matches is the reason for a second factor:
 * 1. `many_failures`: ≥ 3 wrong passwords or codes on the account since its last successful sign-in
 *    (`failures`, from the account-level failure count in failure-cap.ts);
 * 2. `new_device`: this browser's `latch_device` cookie is not one the account signed in from, and the
 *    account has signed in from at least one browser (so a brand-new account is not prompted);
 * 3. `mfa_enrolled`: the account has an authenticator app or a verified phone.
 */
export function secondFactorReason(account: Account, deviceId: string | undefined, failures: number): Reason | undefined {
  if (failures >= MANY_FAILURES_THRESHOLD) return 'many_failures';
  if ((account.devices?.length ?? 0) > 0 && !isRememberedDevice(account, deviceId)) return 'new_device';
  if (account.totp || account.phone) return 'mfa_enrolled';
  return undefined;
}

/** Every factor the account can use, strongest first (ASVS 5 6.6.1): passkey, app, text, email, recovery code. */
export function accountFactors(account: Account): Factor[] {
  const factors: Factor[] = [];
  if (account.passkeys.length > 0) factors.push('passkey');
  if (account.totp) factors.push('totp');
  if (account.phone) factors.push('sms_otp');
  factors.push('email_otp');
  if ((account.recovery_codes?.length ?? 0) > 0) factors.push('recovery_code');
  return factors;
}

/**
 * The second factors after `first`: any factor but the one just used, and an email code only after a
 * password (after an email code, a second one to the same mailbox proves nothing new).
 */
export function secondFactorsAfter(account: Account, first: UsedFactor): Factor[] {
  return accountFactors(account).filter((factor) => factor !== first && (factor !== 'email_otp' || first === 'password'));
}

