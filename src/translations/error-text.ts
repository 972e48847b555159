import type { ConfigProblem, LatchErrorCode } from '../client/errors.js';
import { configDetail } from './config-detail.js';
import type { Texts } from './format.js';
import type { errorCounts, errors } from './locales/en/errors.js';

/** What an error message may mention. */
export interface ErrorContext {
  retryAfter?: number;
  attemptsRemaining?: number;
  minLength?: number;
  /** What a `LATCH_CONFIG_*` error names: technical values for the site's developer. */
  config?: ConfigProblem;
}

/** The number each counted message is about (see `errorCounts`); none: the plain message. */
const COUNTS: { [C in keyof typeof errorCounts]: (context: ErrorContext) => number | undefined } = {
  LATCH_INVALID_CODE: ({ attemptsRemaining }) => attemptsRemaining,
  LATCH_RATE_LIMITED: ({ retryAfter }) => retryAfter || undefined,
  LATCH_TOO_MANY_ATTEMPTS: ({ retryAfter }) => retryAfter || undefined,
  LATCH_ACCOUNT_LOCKED: ({ retryAfter }) => (retryAfter ? Math.ceil(retryAfter / 60) : undefined),
  LATCH_WEAK_PASSWORD: ({ minLength }) => minLength || undefined,
};

/** The error sections of a locale, ready to read. */
export interface ErrorTexts {
  errors: Texts<typeof errors>;
  errorCounts: Texts<typeof errorCounts>;
}

/**
 * The message of an error code in a locale, with its number where it carries one, and a configuration
 * error's technical detail for the site's developer.
 */
export function errorText(t: ErrorTexts, code: LatchErrorCode, context: ErrorContext = {}): string {
  const count = code in COUNTS ? COUNTS[code as keyof typeof COUNTS](context) : undefined;
  const message = count === undefined ? t.errors[code] : t.errorCounts[code as keyof typeof COUNTS]({ count });
  return message + configDetail(code, context.config);
}
