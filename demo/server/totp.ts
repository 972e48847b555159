import { Secret, TOTP } from 'otpauth';

/** RFC 6238 parameters every authenticator app understands (Key Uri Format defaults). */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD = 30;
/** Steps either side of now that still count (RFC 6238 §5.2: one step of clock drift). */
const TOTP_WINDOW = 1;

/** A new 160-bit secret (RFC 4226 §4 recommends 160 bits for HMAC-SHA-1), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = 'Latchkey'): TOTP {
  return new TOTP({ issuer: 'Acme', label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD });
}

/** The `otpauth://totp/…` URI for the QR code (Google Authenticator Key Uri Format). */
export function otpauthUri(secret: string, accountName: string): string {
  return totp(secret, accountName).toString();
}

/** The secret in groups of four, easier to type by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The time step a code belongs to, at `nowMs` on the backend's clock, or `null` when it matches none in
 * the window. The caller refuses a step it already accepted, so each code works once (RFC 6238 §5.2).
 */
export function matchTotp(secret: string, code: string, nowMs: number): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: nowMs, window: TOTP_WINDOW });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_PERIOD, timestamp: nowMs }) + delta;
}
