import type * as z from 'zod/mini';
import { LatchError, LatchErrorCode } from './errors.js';

// Shared by the passkey sign-in (webauthn.ts) and the passkey creation chunk (registration.ts), so that
// neither imports the other.

/**
 * Checks what the browser (or an extension that replaced `navigator.credentials`) returned before it is
 * sent: a malformed credential is a failed ceremony, not a crash (fault W11).
 */
export function checkCeremonyResult<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new LatchError(LatchErrorCode.PASSKEY_FAILED, 'The authenticator returned a malformed credential', {
      cause: result.error,
    });
  }
  return result.data;
}
