import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

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

export function codeMatches(code: string, expected: Buffer | null): boolean {
  if (!expected) return false;
  return timingSafeEqual(hashCode(code.trim()), expected);
}

/** `alice@example.com` → `a•••@example.com`: enough to recognise the address, not to harvest it. */
export function destinationHint(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
