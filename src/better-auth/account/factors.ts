import type { GenericEndpointContext } from '@better-auth/core';
import { createOTP } from '@better-auth/utils/otp';
import { TotpEnrollmentRequest, type FactorSummary, type RecoveryCodes, type TotpEnrollment } from '../../protocol/account.js';
import { jsonAnswer } from '../http/answers.js';
import { invalidRequest, Refusal } from './answers.js';
import { LAST_TOTP_STEP_FIELD, timeStepOf } from '../totp-time-steps.js';
import { now, readJsonBody, requireRecentAuth, requireSession, type Caller } from './guard.js';
import type { AccountOptions } from './options.js';
import {
  countBackupCodes,
  decryptSecret,
  encodeBackupCodes,
  encryptSecret,
  findTwoFactor,
  newBackupCodes,
  newTotpSecret,
  twoFactorSettings,
} from './two-factor-store.js';

// `ciam_factors_endpoint` (profile §15.1) over better-auth's twoFactor plugin: the authenticator app (TOTP) and
// its backup codes (the profile's recovery codes). better-auth has no text-message factor here, so no `phone`.

/** An authenticator app setup must be finished within 10 minutes (profile §15.1). */
const TOTP_ENROLLMENT_SECONDS = 10 * 60;

/** `GET …/factors`. */
export async function getFactors(ctx: GenericEndpointContext): Promise<Response> {
  const caller = await requireSession(ctx);
  return jsonAnswer(200, await factorSummary(ctx, caller));
}

/** `POST …/factors/totp` `{action:"start"}` or `{action:"verify", code}`; sensitive. */
export async function enrollTotp(ctx: GenericEndpointContext, options: AccountOptions): Promise<Response> {
  const caller = await requireSession(ctx, { authoritative: true });
  requireRecentAuth(ctx, caller, options, 'set up an authenticator app');
  const parsed = TotpEnrollmentRequest.safeParse(await readJsonBody(ctx));
  if (!parsed.success) throw invalidRequest('the request is malformed');
  if (parsed.data.action === 'start') return jsonAnswer(200, await startTotp(ctx, caller, options));
  await finishTotp(ctx, caller, parsed.data.code, options);
  return jsonAnswer(200, await factorSummary(ctx, caller));
}

/** `DELETE …/factors/totp`: the app and its backup codes go, as with better-auth's `/two-factor/disable`. */
export async function removeTotp(ctx: GenericEndpointContext, options: AccountOptions): Promise<Response> {
  const caller = await requireSession(ctx, { authoritative: true });
  requireRecentAuth(ctx, caller, options, 'remove the authenticator app');
  await ctx.context.adapter.delete({ model: 'twoFactor', where: [{ field: 'userId', value: caller.user.id }] });
  await ctx.context.internalAdapter.updateUser(caller.user.id, { twoFactorEnabled: false });
  return jsonAnswer(200, await factorSummary(ctx, caller));
}

/**
 * `POST …/factors/recovery-codes`: a new set, shown once; the old set stops working. better-auth asks for
 * backup codes only as a second factor, so there are none to make without an authenticator app.
 */
export async function createRecoveryCodes(ctx: GenericEndpointContext, options: AccountOptions): Promise<Response> {
  const caller = await requireSession(ctx, { authoritative: true });
  requireRecentAuth(ctx, caller, options, 'make new recovery codes');
  await readJsonBody(ctx);
  const row = await findTwoFactor(ctx.context, caller.user.id);
  if (!row || row.verified === false) throw invalidRequest('set up an authenticator app first: recovery codes go with it');
  const settings = twoFactorSettings(ctx.context);
  const codes = newBackupCodes(settings);
  await ctx.context.adapter.update({
    model: 'twoFactor',
    where: [{ field: 'id', value: row.id }],
    update: { backupCodes: await encodeBackupCodes(ctx.context, settings, codes) },
  });
  return jsonAnswer(200, { codes } satisfies RecoveryCodes);
}

/** What the user has: the app (a verified row), backup codes left, a password (a credential account with one). */
export async function factorSummary(ctx: GenericEndpointContext, caller: Caller): Promise<FactorSummary> {
  const row = await findTwoFactor(ctx.context, caller.user.id);
  const totp = row !== null && row.verified !== false;
  const credential = await ctx.context.internalAdapter.findCredentialAccount(caller.user.id);
  return {
    totp,
    recovery_codes_remaining: totp && row ? await countBackupCodes(ctx.context, twoFactorSettings(ctx.context), row) : 0,
    password: Boolean(credential?.password),
    // The backup codes live on the twoFactor row: none to make before the app (see createRecoveryCodes).
    recovery_codes_need_factor: true,
  };
}

/**
 * A new secret, kept (encrypted, in better-auth's verification table) with this session for 10 minutes: the
 * account's current app keeps working until the new one proves it has the secret.
 */
async function startTotp(ctx: GenericEndpointContext, caller: Caller, options: AccountOptions): Promise<TotpEnrollment> {
  const settings = twoFactorSettings(ctx.context);
  const secret = newTotpSecret();
  const identifier = enrollmentKey(caller);
  await ctx.context.internalAdapter.deleteVerificationByIdentifier(identifier);
  await ctx.context.internalAdapter.createVerificationValue({
    identifier,
    value: await encryptSecret(ctx.context, secret),
    expiresAt: new Date(now(options) + TOTP_ENROLLMENT_SECONDS * 1000),
  });
  const otpauthURI = createOTP(secret, { digits: settings.digits, period: settings.period }).url(settings.issuer, caller.user.email);
  const base32 = new URL(otpauthURI).searchParams.get('secret') ?? '';
  return {
    secret: base32.match(/.{1,4}/g)?.join(' ') ?? base32,
    otpauth_uri: `${otpauthURI}&algorithm=SHA1`,
    digits: settings.digits,
    period: settings.period,
  };
}

/** Checks the app's code against the pending secret, then makes it the account's app (replacing an earlier one). */
async function finishTotp(ctx: GenericEndpointContext, caller: Caller, code: string, options: AccountOptions): Promise<void> {
  const identifier = enrollmentKey(caller);
  const pending = await ctx.context.internalAdapter.findVerificationValue(identifier);
  if (!pending) throw invalidRequest('start the setup first');
  if (new Date(pending.expiresAt).getTime() <= now(options)) {
    await ctx.context.internalAdapter.deleteVerificationByIdentifier(identifier);
    throw new Refusal(400, 'expired_code', 'the setup took too long; start again');
  }
  const settings = twoFactorSettings(ctx.context);
  const secret = await decryptSecret(ctx.context, pending.value);
  const step = await timeStepOf(ctx.context, secret, code);
  if (step === null) throw new Refusal(400, 'invalid_code', 'the code is wrong');
  // The step that proved the app is spent (profile §14): the same code does not also sign in.
  const proved = { secret: await encryptSecret(ctx.context, secret), verified: true, [LAST_TOTP_STEP_FIELD]: step };
  const row = await findTwoFactor(ctx.context, caller.user.id);
  if (row) {
    await ctx.context.adapter.update({ model: 'twoFactor', where: [{ field: 'id', value: row.id }], update: proved });
  } else {
    const backupCodes = await encodeBackupCodes(ctx.context, settings, newBackupCodes(settings));
    await ctx.context.adapter.create({ model: 'twoFactor', data: { userId: caller.user.id, backupCodes, ...proved } });
  }
  await ctx.context.internalAdapter.updateUser(caller.user.id, { twoFactorEnabled: true });
  await ctx.context.internalAdapter.deleteVerificationByIdentifier(identifier);
}

/** The pending setup belongs to one session (as the reference backend keeps it with the session). */
const enrollmentKey = (caller: Caller) => `latchkey-totp-enrollment:${caller.session.id}`;
