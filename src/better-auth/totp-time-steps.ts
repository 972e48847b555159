import { timingSafeEqual } from 'node:crypto';
import type { AuthContext, BetterAuthPlugin } from '@better-auth/core';
import { createOTP } from '@better-auth/utils/otp';
import { decryptSecret, findTwoFactor, twoFactorSettings, type TwoFactorRow } from './account/two-factor-store.js';

// Profile §14, RFC 6238 §5.2: each time step is accepted once, so a code (or an older one) that already succeeded
// is refused — an observed code cannot be replayed, and a code that just finished enrollment does not also sign
// in. better-auth's `/two-factor/verify-totp` accepts a code again and again within its ±1-step window, so the
// adapter remembers, per account, the latest time step whose code succeeded (at sign-in's `totp` step and at
// enrollment's `verify`) and refuses, before calling better-auth, a code of that step or an earlier one.
//
// Why the step and not the codes: the step is one number per account, computed from the secret better-auth already
// stores; remembering codes would need their expiry and a list. Why a column on better-auth's `twoFactor` table and
// not memory: it survives restarts and is shared by every instance on the database, and it goes with the row (a
// removed app, a new secret).

/** The column added to better-auth's `twoFactor` table: the RFC 6238 counter of the last code that succeeded. */
export const LAST_TOTP_STEP_FIELD = 'latchkeyTotpStep';

/** Schema to merge into the plugin's `schema` (better-auth merges the fields of one table across plugins). */
export const totpStepSchema = {
  twoFactor: { fields: { [LAST_TOTP_STEP_FIELD]: { type: 'number', required: false, input: false, returned: false } } },
} satisfies NonNullable<BetterAuthPlugin['schema']>;

/** better-auth accepts now−1..now+1 (`@better-auth/utils/otp`'s default window, RFC 6238 §5.2 drift). */
export const ACCEPTED_STEPS = 1;

/**
 * Naming a sign-in code's step looks one step further either side than better-auth accepts: its clock reads
 * `Date.now()` a moment after the adapter's, and a code it accepts across a step boundary must still have a
 * known step to be remembered.
 */
const NAMED_STEPS = ACCEPTED_STEPS + 1;

/** The row with the column this module adds. */
type RowWithStep = TwoFactorRow & { [LAST_TOTP_STEP_FIELD]?: number | null };

/** What a sign-in's TOTP code is on an account: its row, its time step (if any in reach) and whether it is spent. */
export interface TotpCodeCheck {
  readonly rowId: string;
  readonly step: number | null;
  /** The step is at or before the latest one accepted: refuse it as a wrong code. */
  readonly spent: boolean;
}

/**
 * The time step of `code` under `secret` among now−`reach`..now+`reach` (the latest if two match), or `null`.
 * Spaces are ignored, as people type them.
 */
export async function timeStepOf(context: AuthContext, secret: string, code: string, reach = ACCEPTED_STEPS): Promise<number | null> {
  const { digits, period } = twoFactorSettings(context);
  const typed = Buffer.from(code.replace(/\s+/g, ''));
  const otp = createOTP(secret, { digits, period });
  const current = Math.floor(Date.now() / (period * 1000));
  let found: number | null = null;
  for (let step = current - reach; step <= current + reach; step++) {
    const expected = Buffer.from(await otp.hotp(step));
    // Constant time, as better-auth compares: the guard must not leak how much of a guess is right.
    if (typed.length === expected.length && timingSafeEqual(typed, expected)) found = step;
  }
  return found;
}

/** Checks a sign-in's TOTP code against the account's latest accepted step; `null` when the account has no app. */
export async function checkTotpCode(context: AuthContext, userId: string, code: string): Promise<TotpCodeCheck | null> {
  const row = (await findTwoFactor(context, userId)) as RowWithStep | null;
  if (!row) return null;
  const step = await timeStepOf(context, await decryptSecret(context, row.secret), code, NAMED_STEPS);
  const last = row[LAST_TOTP_STEP_FIELD];
  return { rowId: row.id, step, spent: step !== null && typeof last === 'number' && step <= last };
}

/** Remembers that the code of `step` succeeded on the row (only a later step passes the check, so it moves forward). */
export async function rememberTotpStep(context: AuthContext, rowId: string, step: number | null): Promise<void> {
  if (step === null) return;
  await context.adapter.update({ model: 'twoFactor', where: [{ field: 'id', value: rowId }], update: { [LAST_TOTP_STEP_FIELD]: step } });
}
