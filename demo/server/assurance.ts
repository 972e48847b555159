import type { Factor } from '../../src/protocol/index.js';

/** One factor of authentication (NIST SP 800-63B), as a session records it. */
export type UsedFactor = 'password' | Factor;

/** Single-factor sign-in. */
export const ACR_1FA = 'urn:latch:acr:1fa';
/** Multi-factor: a passkey (user-verifying, phishing-resistant) or two different factors. */
export const ACR_MFA = 'urn:latch:acr:mfa';
/** A hardware-bound key the reference backend cannot assure (no attestation): requested, never reached. */
export const ACR_HWK = 'urn:latch:acr:hwk';
/** `acr_values_supported`, weakest first (OIDC Discovery §3). */
export const ACR_VALUES_SUPPORTED = [ACR_1FA, ACR_MFA] as const;

/**
 * RFC 8176 §2 values per factor. An email code stays `otp` alone (what the backend emitted before step-up;
 * `email` is not a registered value); a passkey is a hardware-bound key plus user verification.
 */
export const AMR: Record<UsedFactor, readonly string[]> = {
  password: ['pwd'],
  email_otp: ['otp'],
  totp: ['otp'],
  sms_otp: ['sms'],
  passkey: ['hwk', 'user'],
  recovery_code: ['kba'],
};

/** The level a set of factors reaches: a passkey alone, or two different factors, is multi-factor. */
export function acrFor(factors: readonly UsedFactor[]): string {
  return factors.includes('passkey') || new Set(factors).size >= 2 ? ACR_MFA : ACR_1FA;
}

/** `amr` for a set of factors, in the order they were used, without duplicates. */
export function amrFor(factors: readonly UsedFactor[]): string[] {
  return [...new Set(factors.flatMap((factor) => AMR[factor]))];
}

/**
 * Best-effort factors behind an `amr` from elsewhere (a provider session after a redirect sign-in); `otp`
 * counts as an email code, the weaker reading. `fed` names no factor of ours.
 */
export function factorsFromAmr(amr: readonly string[]): UsedFactor[] {
  const factors: UsedFactor[] = [];
  if (amr.includes('pwd')) factors.push('password');
  if (amr.includes('hwk')) factors.push('passkey');
  if (amr.includes('otp')) factors.push('email_otp');
  if (amr.includes('sms')) factors.push('sms_otp');
  if (amr.includes('kba')) factors.push('recovery_code');
  return factors;
}
