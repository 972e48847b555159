import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { emailOTP, twoFactor } from 'better-auth/plugins';
import { passkey } from '@better-auth/passkey';
import { latchkey, MAIL_PURPOSE_HEADER } from '../../src/better-auth/index.js';
import type { MailPurpose } from '../server/mailbox.js';
import type { DemoMail } from './mail.js';

// The demo's better-auth server: PostgreSQL (PGlite, in the data directory), email + password, email codes, TOTP / email-code second factors
// with backup codes, passkeys, and the Latchkey plugin. Mail goes to the dev outbox.

/** What the demo's better-auth needs from the app around it. */
export interface DemoAuthOptions {
  /** The origin the pages and the API are on, e.g. `http://localhost:4180`. */
  readonly origin: string;
  readonly dataDir: string;
  readonly appOrigins: readonly string[];
  readonly mail: DemoMail;
}

/** better-auth's emailed codes (emailOTP): digits, lifetime in seconds, wrong tries; as the reference backend's. */
export const EMAIL_CODE = { length: 6, expiresIn: 600, allowedAttempts: 5 } as const;

/** NIST SP 800-63B-4 §3.1.1.2, as the reference backend. */
const PASSWORD_MIN_LENGTH = 15;

/** better-auth's signing secret, kept beside the database so sessions and cookies survive a restart. */
function readSecret(dataDir: string): string {
  const path = join(dataDir, 'better-auth.secret');
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(path, 'utf8').trim();
}

function purposeOf(headers: Headers | undefined, fallback: MailPurpose): MailPurpose {
  const named = headers?.get(MAIL_PURPOSE_HEADER);
  return named === 'sign_up' ? 'sign_up' : fallback;
}

/**
 * Creates the better-auth instance on PostgreSQL in `<dataDir>/postgres` and runs its migrations. PGlite is
 * PostgreSQL compiled to WebAssembly: a real database that keeps its files on disk, installed from npm in seconds,
 * where better-sqlite3 on Node 20 compiles SQLite from source on every fresh machine (about 65–90 s).
 */
export async function createDemoAuth(options: DemoAuthOptions) {
  const { origin, mail } = options;
  const database = new PGlite(join(options.dataDir, 'postgres'));
  const config = {
    appName: 'Latchkey demo',
    baseURL: origin,
    basePath: '/api/auth',
    secret: readSecret(options.dataDir),
    database: { dialect: new PGliteDialect(database), type: 'postgres' as const },
    telemetry: { enabled: false },
    trustedOrigins: [origin, ...options.appOrigins],
    emailAndPassword: { enabled: true, minPasswordLength: PASSWORD_MIN_LENGTH },
    // The profile's own limits (cooldown, five tries) are the adapter's; better-auth's limiter stays as shipped.
    plugins: [
      emailOTP({
        otpLength: EMAIL_CODE.length,
        expiresIn: EMAIL_CODE.expiresIn,
        allowedAttempts: EMAIL_CODE.allowedAttempts,
        // Profile §21.2's email change (demo/better-auth/email-change.ts): the code goes to the new address.
        changeEmail: { enabled: true },
        sendVerificationOTP: async ({ email, otp, type }, ctx) => {
          mail.sendCode(email, otp, type === 'change-email' ? 'email_change' : purposeOf(ctx?.headers, 'sign_in'));
        },
      }),
      twoFactor({
        issuer: 'Latchkey demo',
        // Profile §14: after 5 wrong app or recovery codes in a row the account waits (better-auth's default is 10
        // and 15 minutes; its wait does not double as the profile's does).
        accountLockout: { maxFailedAttempts: 5, durationSeconds: 30 },
        otpOptions: { sendOTP: async ({ user, otp }) => mail.sendCode(user.email, otp, 'step_up') },
      }),
      // Discoverable passkeys with user verification, as the profile requires (§5); better-auth prefers both.
      passkey({
        rpID: new URL(origin).hostname,
        rpName: 'Latchkey demo',
        origin: [origin, ...options.appOrigins],
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      }),
      latchkey({
        clientId: 'latchkey-demo',
        issuer: origin,
        appOrigins: options.appOrigins,
        passwordMinLength: PASSWORD_MIN_LENGTH,
        sendNotice: ({ kind, email }) => mail.sendNotice(email, kind),
      }),
    ],
  } satisfies BetterAuthOptions;
  // Migrate before better-auth starts, so its startup schema check finds the tables.
  const { runMigrations } = await getMigrations(config);
  await runMigrations();
  return { auth: betterAuth(config), database };
}

/** The better-auth instance the demo runs. */
export type DemoAuth = Awaited<ReturnType<typeof createDemoAuth>>['auth'];
