import type { Factor } from '../../src/protocol/index.js';

/** One factor of authentication (NIST SP 800-63B), as a session records it. */
export type UsedFactor = 'password' | Factor;

/** Single-factor sign-in. */
export const ACR_1FA = 'urn:latch:acr:1fa';
/** Multi-factor: a passkey (user-verifying, phishing-resistant) or two different factors. */
export const ACR_MFA = 'urn:latch:acr:mfa';
/** A hardware-bound key the reference backend cannot assure (no attestation): requested, never reached. */
export const ACR_HWK = 'urn:latch:acr:hwk';
/** `acr_values_supported`, weakest first (OIDC Discovery §3; the order is the profile's, §12.1a). */
export const ACR_VALUES_SUPPORTED = [ACR_1FA, ACR_MFA] as const;

/** A level's place in {@link ACR_VALUES_SUPPORTED}, -1 for one this backend does not support. */
function rank(acr: string): number {
  return (ACR_VALUES_SUPPORTED as readonly string[]).indexOf(acr);
}

/** Whether this backend supports (can reach) a requested `acr` value. */
export function isSupportedAcr(value: string): boolean {
  return rank(value) >= 0;
}

/**
 * The one rule by which this backend compares levels (profile §12.1a): a session at `acr` satisfies an
 * `acr_values` list when it is one of them (RFC 9470 §3: any one satisfies) or at least as strong as a
 * supported one of them. An unsupported value is met only by itself, which no session here ever has.
 */
export function acrSatisfies(acr: string, acrValues: readonly string[]): boolean {
  return acrValues.some((wanted) => wanted === acr || (isSupportedAcr(wanted) && rank(acr) >= rank(wanted)));
}

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
