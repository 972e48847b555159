import type { AuthContext } from '@better-auth/core';
import { generateRandomString, symmetricDecrypt, symmetricEncrypt } from 'better-auth/crypto';
import { findPlugin } from '../better-auth-calls.js';

// better-auth's twoFactor plugin keeps an account's authenticator app and backup codes in one `twoFactor` row:
// the TOTP secret encrypted under better-auth's secret, the backup codes as its `backupCodes` option says. Its
// HTTP endpoints (`/two-factor/enable`, `/disable`, `/generate-backup-codes`) ask for the account password,
// which the profile does not send (§21.1: the recent authentication is the proof) and a passwordless account
// does not have; so the account endpoints write the same row, in the same format, with the plugin's options,
// and better-auth's own sign-in (`/two-factor/verify-totp`, `/verify-backup-code`) reads it as its own.

/** The `twoFactor` row (better-auth's schema; `verified` false while an enable waits for its first code). */
export interface TwoFactorRow {
  id: string;
  userId: string;
  secret: string;
  backupCodes: string;
  verified?: boolean | null;
}

/** How backup codes are stored: better-auth's default `"encrypted"`, `"plain"`, or the integrator's own pair. */
type BackupCodeStorage = 'plain' | 'encrypted' | { encrypt(codes: string): Promise<string>; decrypt(codes: string): Promise<string> };

/** The twoFactor plugin's options that shape the row, with better-auth's defaults. */
export interface TwoFactorSettings {
  digits: number;
  period: number;
  issuer: string;
  amount: number;
  length: number;
  storage: BackupCodeStorage;
  generate?: () => string[];
}

export function twoFactorSettings(context: AuthContext): TwoFactorSettings {
  const plugin = findPlugin(context, 'two-factor');
  if (!plugin) throw new Error('latchkey/better-auth: the factors endpoint needs better-auth\'s "twoFactor" plugin');
  const options = (plugin.options ?? {}) as {
    issuer?: string;
    totpOptions?: { digits?: number; period?: number };
    backupCodeOptions?: { amount?: number; length?: number; storeBackupCodes?: BackupCodeStorage; customBackupCodesGenerate?: () => string[] };
  };
  const codes = options.backupCodeOptions;
  return {
    digits: options.totpOptions?.digits ?? 6,
    period: options.totpOptions?.period ?? 30,
    issuer: options.issuer ?? context.appName,
    amount: codes?.amount ?? 10,
    length: codes?.length ?? 10,
    storage: codes?.storeBackupCodes ?? 'encrypted',
    ...(codes?.customBackupCodesGenerate ? { generate: codes.customBackupCodesGenerate } : {}),
  };
}

export function findTwoFactor(context: AuthContext, userId: string): Promise<TwoFactorRow | null> {
  return context.adapter.findOne<TwoFactorRow>({ model: 'twoFactor', where: [{ field: 'userId', value: userId }] });
}

/** A new TOTP secret as the plugin makes one: 32 random characters, used as the HMAC key's bytes. */
export const newTotpSecret = (): string => generateRandomString(32);

export const encryptSecret = (context: AuthContext, secret: string): Promise<string> => symmetricEncrypt({ key: context.secretConfig, data: secret });
export const decryptSecret = (context: AuthContext, sealed: string): Promise<string> => symmetricDecrypt({ key: context.secretConfig, data: sealed });

/** A set of backup codes in the plugin's form (`xxxxx-xxxxx` from letters and digits), or the integrator's. */
export function newBackupCodes(settings: TwoFactorSettings): string[] {
  if (settings.generate) return settings.generate();
  return Array.from({ length: settings.amount }, () => generateRandomString(settings.length, 'a-z', '0-9', 'A-Z')).map(
    (code) => `${code.slice(0, 5)}-${code.slice(5)}`,
  );
}

export async function encodeBackupCodes(context: AuthContext, settings: TwoFactorSettings, codes: string[]): Promise<string> {
  const json = JSON.stringify(codes);
  if (settings.storage === 'encrypted') return symmetricEncrypt({ key: context.secretConfig, data: json });
  if (typeof settings.storage === 'object') return settings.storage.encrypt(json);
  return json;
}

/** How many backup codes the row still holds (each is removed when used). */
export async function countBackupCodes(context: AuthContext, settings: TwoFactorSettings, row: TwoFactorRow): Promise<number> {
  let json = row.backupCodes;
  if (settings.storage === 'encrypted') json = await symmetricDecrypt({ key: context.secretConfig, data: json });
  else if (typeof settings.storage === 'object') json = await settings.storage.decrypt(json);
  try {
    const codes: unknown = JSON.parse(json);
    return Array.isArray(codes) ? codes.length : 0;
  } catch {
    return 0;
  }
}
