import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { betterAuth, type AuthContext, type BetterAuthOptions } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { emailOTP, genericOAuth, jwt, twoFactor } from 'better-auth/plugins';
import { passkey } from '@better-auth/passkey';
import { oauthProvider } from '@better-auth/oauth-provider';
import { latchkey, LOGIN_PAGE_PATH, MAIL_PURPOSE_HEADER } from '../../src/better-auth/index.js';
import type { MailPurpose } from '../server/mailbox.js';
import { BROKER_CLIENT_ID, type Sandboxes } from '../server/sandboxes.js';
import { LOGO_PATH } from '../server/branding.js';
import { SITE_NAME } from '../server/html.js';
import type { DemoMail } from './mail.js';

// The demo's better-auth server: PostgreSQL (PGlite, in the data directory), email + password, email codes, TOTP / email-code second factors
// with backup codes, passkeys, @better-auth/oauth-provider as the OAuth server with the reference demo's sandbox
// providers as genericOAuth upstreams, and the Latchkey plugin. Mail goes to the dev outbox.

/** What the demo's better-auth needs from the app around it. */
export interface DemoAuthOptions {
  /** The origin the pages and the API are on, e.g. `http://localhost:4180`. */
  readonly origin: string;
  readonly dataDir: string;
  readonly appOrigins: readonly string[];
  readonly mail: DemoMail;
  /** The upstream OpenID providers (served by the demo's own server, so it must listen before this starts). */
  readonly sandboxes: Sandboxes;
  /**
   * Runs @better-auth/oauth-provider (with `jwt` and the sandboxes as `genericOAuth` upstreams): redirect sign-in,
   * connections and code completion. Without it the plugin is in its session-only mode (profile §1 `2026-12`).
   */
  readonly oauthServer: boolean;
}

/** better-auth's emailed codes (emailOTP): digits, lifetime in seconds, wrong tries; as the reference backend's. */
export const EMAIL_CODE = { length: 6, expiresIn: 600, allowedAttempts: 5 } as const;

/** The widget's client id, a public client of oauth-provider redirecting to `/callback` on the demo's origins. */
export const DEMO_CLIENT_ID = 'latchkey-demo';

/** The sandboxes as connections: the enterprise one takes its staff's domain (home-realm discovery, §11.2). */
const CONNECTIONS = [
  { id: 'google', kind: 'social', name: 'Google', brand: 'google' },
  { id: 'github', kind: 'social', name: 'GitHub', brand: 'github' },
  { id: 'bigcorp', kind: 'enterprise', name: 'BigCorp SSO', brand: 'oidc', domains: ['bigcorp.example'] },
] as const;

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
  const { origin, mail, sandboxes } = options;
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
    // Profile §11.4.5: never link by email alone. better-auth links an upstream account to the local account with
    // the same verified address by default; with implicit linking off it refuses (`account_not_linked`) instead.
    account: { accountLinking: { disableImplicitLinking: true } },
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
      ...(options.oauthServer ? oauthServerPlugins(origin, sandboxes) : []),
      latchkey({
        clientId: DEMO_CLIENT_ID,
        connections: [...CONNECTIONS],
        issuer: origin,
        appOrigins: options.appOrigins,
        passwordMinLength: PASSWORD_MIN_LENGTH,
        sendNotice: ({ kind, email }) => mail.sendNotice(email, kind),
        // The trust signals' brand line (profile §26.1), with the reference demo's logo served on this origin.
        branding: { clientName: SITE_NAME, logoUri: `${origin}${LOGO_PATH}` },
      }),
    ],
  } satisfies BetterAuthOptions;
  // Migrate before better-auth starts, so its startup schema check finds the tables.
  const { runMigrations } = await getMigrations(config);
  await runMigrations();
  const auth = betterAuth(config);
  if (options.oauthServer) await registerWidgetClient((await auth.$context) as unknown as AuthContext, [origin, ...options.appOrigins]);
  return { auth, database };
}

/**
 * The OAuth server: the sandboxes as upstreams, better-auth's `jwt` plugin signing ID tokens, and oauth-provider with
 * the plugin's login page.
 */
function oauthServerPlugins(origin: string, sandboxes: Sandboxes) {
  return [
    // The upstreams: each sandbox is an OpenID provider found by discovery (PKCE, nonce and `iss` checked by
    // better-auth), the broker's client secret sent by HTTP Basic as oidc-provider expects.
    genericOAuth({
      config: sandboxes.list().map(({ id }) => ({
        providerId: id,
        discoveryUrl: `${sandboxes.issuerOf(id)}/.well-known/openid-configuration`,
        clientId: BROKER_CLIENT_ID,
        clientSecret: sandboxes.clientSecret,
        authentication: 'basic' as const,
        scopes: ['openid', 'email', 'profile'],
        requireIdTokenVerification: true,
      })),
    }),
    // ID tokens are signed by the jwt plugin; its issuer is the demo's, so `iss` matches discovery (RFC 9207).
    // ES256: every browser's WebCrypto verifies it (better-auth's default, EdDSA, is newer).
    jwt({ jwt: { issuer: origin }, jwks: { keyPairConfig: { alg: 'ES256' } } }),
    oauthProvider({
      loginPage: `${origin}/api/auth${LOGIN_PAGE_PATH}`,
      consentPage: `${origin}/api/auth${LOGIN_PAGE_PATH}`,
      scopes: ['openid', 'email', 'profile'],
      allowDynamicClientRegistration: false,
      // FiPA codes live 60 s like the reference backend's (profile §2.4).
      codeExpiresIn: 60,
      // oauth-provider puts the scope claims in /oauth2/userinfo only; profile §3 wants them in the ID token.
      customIdTokenClaims: ({ user, scopes }) => ({
        ...(scopes.includes('email') ? { email: user.email, email_verified: user.emailVerified } : {}),
        ...(scopes.includes('profile') && user.name ? { name: user.name } : {}),
      }),
      silenceWarnings: { oauthAuthServerConfig: true, openidConfig: true },
    }),
  ];
}

/**
 * Registers the widget with oauth-provider as a trusted public client (PKCE, no secret, no consent screen: it is the
 * site's own sign-in) whose redirect URIs are the `/callback` page of each origin it runs on; kept when already there.
 */
async function registerWidgetClient(context: AuthContext, origins: readonly string[]): Promise<void> {
  const found = await context.adapter.findOne({ model: 'oauthClient', where: [{ field: 'clientId', value: DEMO_CLIENT_ID }] });
  if (found) return;
  await context.adapter.create({
    model: 'oauthClient',
    data: {
      clientId: DEMO_CLIENT_ID,
      name: 'Latchkey demo',
      redirectUris: origins.map((origin) => `${origin}/callback`),
      tokenEndpointAuthMethod: 'none',
      grantTypes: ['authorization_code'],
      responseTypes: ['code'],
      scopes: ['openid', 'email', 'profile'],
      skipConsent: true,
      requirePKCE: true,
      disabled: false,
      createdAt: new Date(),
      updatedAt: new Date(),
    },
  });
}

/** The better-auth instance the demo runs. */
export type DemoAuth = Awaited<ReturnType<typeof createDemoAuth>>['auth'];
