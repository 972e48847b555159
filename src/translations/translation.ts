import type { ConfigProblem, LatchErrorCode } from '../client/errors.js';

/** What an error message may mention. */
export interface ErrorContext {
  retryAfter?: number;
  attemptsRemaining?: number;
  minLength?: number;
  /** What a `LATCH_CONFIG_*` error names: technical values for the site's developer. */
  config?: ConfigProblem;
}

/**
 * Every user-visible string of the elements. A locale is one object of this shape; parameterised strings
 * are functions. Error messages are keyed by {@link LatchErrorCode}, never by backend text (STYLE.md 9).
 */
export interface Translation {
  /** BCP 47 tag, e.g. `en`. */
  $code: string;
  /** Text direction of the locale. */
  $dir: 'ltr' | 'rtl';
  signInTitle: (site: string) => string;
  signUpTitle: (site: string) => string;
  emailLabel: string;
  continue: string;
  or: string;
  passkeySignIn: string;
  continueWith: (provider: string) => string;
  signingIn: string;
  newHere: string;
  createAccount: string;
  haveAccount: string;
  signInInstead: string;
  change: string;
  chooseMethodTitle: string;
  useAnotherMethod: string;
  methodPasskey: string;
  methodEmailCode: string;
  methodPassword: string;
  passwordTitle: string;
  passwordLabel: string;
  newPasswordTitle: string;
  newPasswordLabel: string;
  passwordHint: (minLength: number) => string;
  showPassword: string;
  signIn: string;
  createAccountSubmit: string;
  signUpWithoutPassword: string;
  codeTitle: string;
  codeSent: (destination: string) => string;
  codeLabel: string;
  codeHint: (length: number) => string;
  verify: string;
  resendCode: string;
  resendIn: (seconds: number) => string;
  codeResent: string;
  passkeyTitle: string;
  passkeyBody: string;
  passkeyTryAgain: string;
  working: string;
  /** Shown instead of the form inside another site's frame (clickjacking, reliability.md S31). */
  framedTitle: string;
  framedRefused: string;
  signedInTitle: string;
  signedInAs: (who: string) => string;
  signOut: string;
  signedOut: string;
  signedOutElsewhere: string;
  signedOutIdle: string;
  sessionEnded: string;
  signedInElsewhere: string;
  nudgeTitle: string;
  nudgeBody: string;
  nudgeCreate: string;
  nudgeNotNow: string;
  passkeyCreated: string;
  emailInvalid: string;
  passwordMissing: string;
  passwordTooShort: (minLength: number) => string;
  codeInvalidFormat: (length: number) => string;
  errors: Record<LatchErrorCode, (context: ErrorContext) => string>;
}

const registry = new Map<string, Translation>();

/** Adds locales. Later registrations of the same `$code` replace earlier ones. */
export function registerTranslation(...translations: Translation[]): void {
  for (const translation of translations) registry.set(translation.$code.toLowerCase(), translation);
}

/** The best registered locale for a BCP 47 tag (`pt-BR` → `pt-br`, then `pt`), else English. */
export function translationFor(lang: string | undefined): Translation {
  const tag = (lang ?? '').toLowerCase();
  return registry.get(tag) ?? registry.get(tag.split('-')[0] ?? '') ?? (registry.get('en') as Translation);
}

/**
 * A string table of its own, for an element that loads lazily (its words stay out of the base bundle):
 * `register` adds a locale, `for` picks the best one for a BCP 47 tag, falling back to `fallback`.
 */
export function stringTable<T extends { $code: string }>(fallback: T) {
  const table = new Map<string, T>([[fallback.$code.toLowerCase(), fallback]]);
  return {
    register: (...locales: T[]) => {
      for (const locale of locales) table.set(locale.$code.toLowerCase(), locale);
    },
    for: (lang: string | undefined): T => {
      const tag = (lang ?? '').toLowerCase();
      return table.get(tag) ?? table.get(tag.split('-')[0] ?? '') ?? fallback;
    },
  };
}
