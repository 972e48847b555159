import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { HttpError } from './http.js';

/** Digits in an email code. Six digits with five tries gives a 1 in 200 000 guess (NIST SP 800-63B-4 §3.1.3). */
export const CODE_LENGTH = 6;
/** Wrong tries before a code is burnt and a new one must be sent. */
export const CODE_MAX_ATTEMPTS = 5;
/** Seconds before another code may be sent to the same address. */
export const RESEND_AFTER_SECONDS = 30;
/** Sends per address per {@link SEND_WINDOW_SECONDS}. */
export const MAX_SENDS_PER_WINDOW = 5;
export const SEND_WINDOW_SECONDS = 15 * 60;

/** A uniformly random code from the CSPRNG (crypto.randomInt has no modulo bias). */
export function generateCode(): string {
  return randomInt(0, 10 ** CODE_LENGTH).toString().padStart(CODE_LENGTH, '0');
}

/** Only a hash is kept, so a memory dump does not hand out live codes. */
export function hashCode(code: string): Buffer {
  return createHash('sha256').update(code).digest();
}

function codeMatches(code: string, expected: Buffer | null): boolean {
  if (!expected) return false;
  return timingSafeEqual(hashCode(code.trim()), expected);
}

/** A code that was sent and not yet used: its hash (null once burnt), its expiry (epoch ms), the wrong tries left. */
export interface PendingCode {
  codeHash: Buffer | null;
  expiresAt: number;
  attemptsRemaining: number;
}

/**
 * Checks `code` against a pending one and returns when it is right; the caller then forgets the pending
 * code (a code works once). Expired, burnt, and wrong codes throw the profile's errors; a wrong one costs a
 * try (`onWrong` runs first, to count failures) and the last wrong try burns the code.
 */
export async function checkPendingCode(pending: PendingCode, code: string, now: number, onWrong?: () => void): Promise<void> {
  if (pending.expiresAt <= now) throw new HttpError(400, 'expired_code', 'the code has expired; ask for a new one');
  if (pending.attemptsRemaining <= 0 || pending.codeHash === null) throw burnt();
  if (codeMatches(code, pending.codeHash)) return;
  onWrong?.();
  pending.attemptsRemaining -= 1;
  if (pending.attemptsRemaining <= 0) {
    pending.codeHash = null;
    throw burnt();
  }
  throw new HttpError(400, 'invalid_code', 'the code is wrong', {}, { attempts_remaining: pending.attemptsRemaining });
}

function burnt(): HttpError {
  return new HttpError(400, 'too_many_attempts', 'too many wrong codes; ask for a new one', {}, { attempts_remaining: 0 });
}

/** `alice@example.com` → `a•••@example.com`: enough to recognise the address, not to harvest it. */
export function destinationHint(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
