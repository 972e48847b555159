import type { AuthContext } from 'better-auth';
import { findPlugin } from './better-auth-calls.js';

/** A mail the adapter asks the app to send that carries no code (profile §2.5, §2.6). */
export interface LatchkeyNotice {
  /** `account_exists`: a sign-up for a registered address; `no_account`: a code asked for an unknown address with sign-up off. */
  readonly kind: 'account_exists' | 'no_account';
  readonly email: string;
}

/**
 * A connection (profile §11.1) the app brokers through one of better-auth's social providers: a built-in one or one
 * of `genericOAuth`'s. Offered only with `@better-auth/oauth-provider`, whose authorization endpoint starts it.
 */
export interface LatchkeyConnection {
  /** The connection's id in discovery and in the `connection` authorization parameter. */
  readonly id: string;
  /** better-auth's provider id (`socialProviders` key or `genericOAuth` `providerId`); default `id`. */
  readonly providerId?: string;
  readonly kind: 'social' | 'enterprise';
  /** What the button says after "Continue with". */
  readonly name: string;
  /** `google`, `github`, … for brand-correct buttons; default `oidc`. */
  readonly brand?: string;
  /** Email domains whose users sign in here (home-realm discovery). */
  readonly domains?: readonly string[];
}

/** Who runs the site, as the trust signals show it (profile §26.1); each optional. */
export interface LatchkeyBranding {
  /** The site's name, as customers know it. */
  readonly clientName?: string;
  /** A `data:image/…` URL or an image on the page's origin (the widget shows no other). */
  readonly logoUri?: string;
  readonly policyUri?: string;
  readonly tosUri?: string;
}

/** What the app passes to `latchkey({...})`. */
export interface LatchkeyOptions {
  /** The public client id(s) the widget uses (`client_id` of the initial request). */
  readonly clientId: string | readonly string[];
  /** The issuer the metadata names; default better-auth's `baseURL` (with its base path). */
  readonly issuer?: string;
  /** Origins of the pages the widget runs on (credentialed CORS, §2.1's CSRF rule); default the issuer's origin. */
  readonly appOrigins?: readonly string[];
  /** Minimum new-password length in code points (`ciam_password_min_length`); default `emailAndPassword.minPasswordLength` or 8. */
  readonly passwordMinLength?: number;
  /** Whether the widget may create accounts (`ciam_sign_up_enabled`); default `true` unless `emailAndPassword.disableSignUp`. */
  readonly signUp?: boolean;
  /**
   * Sends the mails that carry no code (`account_exists`, `no_account`), through the same delivery as
   * `emailOTP`'s `sendVerificationOTP`: the adapter never owns delivery. Without it those mails are not sent.
   */
  readonly sendNotice?: (notice: LatchkeyNotice) => Promise<void> | void;
  /** Extra discovery keys, e.g. the account endpoints' URLs; merged last. */
  readonly extraMetadata?: (base: string) => Record<string, unknown>;
  /** Social and enterprise connections (profile §11), in display order; used only with `@better-auth/oauth-provider`. */
  readonly connections?: readonly LatchkeyConnection[];
  /** The site's name, logo and policies for the form's trust signals (`ciam_branding_endpoint`); none without it. */
  readonly branding?: LatchkeyBranding;
}

/** The options with defaults filled in from better-auth's own configuration. */
export interface ResolvedOptions {
  readonly clientIds: readonly string[];
  /** better-auth's base URL including its base path, e.g. `http://localhost:4180/api/auth`. */
  readonly base: string;
  readonly issuer: string;
  readonly firstPartyOrigins: readonly string[];
  readonly passwordMinLength: number;
  readonly signUp: boolean;
  readonly sendNotice: (notice: LatchkeyNotice) => Promise<void>;
  readonly emailCodeTtl: number;
  readonly codeLength: number;
  readonly extraMetadata: (base: string) => Record<string, unknown>;
  readonly connections: readonly LatchkeyConnection[];
  readonly branding: LatchkeyBranding | undefined;
  /** The jwt plugin's signing algorithm, which signs oauth-provider's ID tokens (better-auth's default EdDSA). */
  readonly idTokenAlg: string;
  /** Which better-auth plugins are there, hence which methods the adapter offers. */
  readonly has: {
    readonly emailOtp: boolean;
    readonly password: boolean;
    readonly passkey: boolean;
    readonly twoFactor: boolean;
    /** `@better-auth/oauth-provider`: an authorization and a token endpoint, so redirect sign-in and code completion. */
    readonly oauthProvider: boolean;
  };
}

/** Profile §2.2: the auth session's absolute lifetime. */
export const AUTH_SESSION_TTL_SECONDS = 15 * 60;
/** Profile §2.5: wrong tries per code before it burns. */
export const CODE_ATTEMPTS = 5;
/** Profile §2.5: seconds before the same address may get another code. */
export const RESEND_AFTER_SECONDS = 30;

interface JwtOptions {
  readonly jwks?: { readonly keyPairConfig?: { readonly alg?: string } };
}

interface EmailOtpOptions {
  readonly expiresIn?: number;
  readonly otpLength?: number;
}

/** Resolves the options against the running better-auth context (its base URL and plugins). */
export function resolveOptions(options: LatchkeyOptions, context: AuthContext): ResolvedOptions {
  const base = context.baseURL.replace(/\/+$/, '');
  const issuer = (options.issuer ?? base).replace(/\/+$/, '');
  const emailOtp = findPlugin(context, 'email-otp');
  const otpOptions = (emailOtp?.options ?? {}) as EmailOtpOptions;
  const emailAndPassword = context.options.emailAndPassword;
  const send = options.sendNotice;
  return {
    clientIds: typeof options.clientId === 'string' ? [options.clientId] : [...options.clientId],
    base,
    issuer,
    firstPartyOrigins: [...new Set([new URL(issuer).origin, new URL(base).origin, ...(options.appOrigins ?? [])])],
    passwordMinLength: options.passwordMinLength ?? emailAndPassword?.minPasswordLength ?? 8,
    signUp: options.signUp ?? !emailAndPassword?.disableSignUp,
    sendNotice: async (notice) => {
      await send?.(notice);
    },
    emailCodeTtl: otpOptions.expiresIn ?? 300,
    codeLength: otpOptions.otpLength ?? 6,
    extraMetadata: options.extraMetadata ?? (() => ({})),
    connections: options.connections ?? [],
    branding: options.branding,
    idTokenAlg: (findPlugin(context, 'jwt')?.options as JwtOptions | undefined)?.jwks?.keyPairConfig?.alg ?? 'EdDSA',
    has: {
      emailOtp: Boolean(emailOtp),
      password: Boolean(emailAndPassword?.enabled),
      passkey: Boolean(findPlugin(context, 'passkey')),
      twoFactor: Boolean(findPlugin(context, 'two-factor')),
      oauthProvider: Boolean(findPlugin(context, 'oauth-provider')),
    },
  };
}
