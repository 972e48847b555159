import type { LatchErrorCode } from './error-codes.js';

// The codes' named constants live in their own module: the client's code uses them, the code before the form
// writes the (type-checked) code strings, so the table of constants comes with the client instead.
export { LatchErrorCode } from './error-codes.js';

/** What a configuration error (`LATCH_CONFIG_*`) names for the developer who has to fix it. */
export interface ConfigProblem {
  /** The issuer the element or client was given. */
  issuer: string;
  /** The issuer the discovery document names (issuer mismatch). */
  discoveredIssuer?: string;
  /** The page's origin, which the backend must allow (CORS refused). */
  origin?: string;
  /** The client id the backend does not know. */
  clientId?: string;
  /** The profile version this client speaks, and those the backend offers. */
  version?: string;
  versions?: readonly string[];
}

/** Details a {@link LatchError} may carry. */
export interface LatchErrorDetails {
  cause?: unknown;
  /** Seconds to wait before retrying (from `Retry-After`, clamped to 1 s – 1 h). */
  retryAfter?: number;
  /** Wrong tries left, when the backend says. */
  attemptsRemaining?: number;
  /** Fields the backend rejected, with a reason code each. */
  fieldErrors?: ReadonlyArray<{ field: string; code: string }>;
  /** The backend's `error` value, kept for developers (never shown to users). */
  backendError?: string;
  /** What a `LATCH_CONFIG_*` error names. */
  config?: ConfigProblem;
}

/** Every failure of the client: a stable {@link LatchErrorCode} plus details. */
export class LatchError extends Error {
  override readonly name = 'LatchError';
  readonly code: LatchErrorCode;
  readonly retryAfter?: number;
  readonly attemptsRemaining?: number;
  readonly fieldErrors?: ReadonlyArray<{ field: string; code: string }>;
  readonly backendError?: string;
  readonly config?: ConfigProblem;

  constructor(code: LatchErrorCode, message: string, details: LatchErrorDetails = {}) {
    super(message, { cause: details.cause });
    this.code = code;
    this.retryAfter = details.retryAfter;
    this.attemptsRemaining = details.attemptsRemaining;
    this.fieldErrors = details.fieldErrors;
    this.backendError = details.backendError;
    this.config = details.config;
  }
}

/** Whether an error is the quiet kind that should never be announced (our own abort, a dismissed prompt). */
export function isQuietError(error: unknown): boolean {
  return (
    error instanceof LatchError &&
    (error.code === 'LATCH_ABORTED' || error.code === 'LATCH_PASSKEY_CANCELLED')
  );
}

/** Whether an error is a misconfiguration of the page or the backend (`LATCH_CONFIG_*`), not a passing fault. */
export function isConfigError(error: unknown): error is LatchError & { config: ConfigProblem } {
  return error instanceof LatchError && error.code.startsWith('LATCH_CONFIG_') && error.config !== undefined;
}

/** Wraps anything thrown into a {@link LatchError}, keeping the original as `cause`. */
export function toLatchError(error: unknown): LatchError {
  if (error instanceof LatchError) return error;
  return new LatchError('LATCH_SERVER_ERROR', 'Unexpected failure', { cause: error });
}
