import type { ConsentMethod, ConsentReceipt } from '../../protocol/index.js';
import type { privacy } from '../../translations/locales/en/privacy.js';

// What <latch-privacy> shows of the profile's codes (policy ids, consent methods, factors) in words, and how it
// saves a file: plain functions, so the element keeps to drawing and its flows.

type Key = keyof typeof privacy;

const POLICIES = {
  terms: 'privacyPolicyTerms',
  privacy: 'privacyPolicyPrivacy',
  marketing: 'privacyPolicyMarketing',
  cookies: 'privacyPolicyCookies',
} as const satisfies Record<string, Key>;

const METHODS = {
  banner: 'privacyMethodBanner',
  preferences: 'privacyMethodPreferences',
  gpc: 'privacyMethodGpc',
  api: 'privacyMethodApi',
  sign_up: 'privacyMethodSignUp',
  sign_in: 'privacyMethodSignIn',
  privacy_center: 'privacyMethodPrivacyCenter',
} as const satisfies Record<ConsentMethod, Key>;

/** Sign-in methods and factors by their profile names (a sign-in's `method`, the overview's `factors`). */
const FACTORS = {
  passkey: 'privacyFactorPasskey',
  email_otp: 'privacyFactorEmail',
  password: 'privacyFactorPassword',
  totp: 'privacyFactorTotp',
  sms_otp: 'privacyFactorSms',
  recovery_code: 'privacyFactorRecovery',
  sso: 'privacyFactorSso',
} as const satisfies Record<string, Key>;

/** The words for a policy the reference profile names (`terms`, `privacy`, `marketing`, `cookies`); a site's own shows its id. */
export function policyKey(policy: string): (typeof POLICIES)[keyof typeof POLICIES] | undefined {
  return Object.hasOwn(POLICIES, policy) ? POLICIES[policy as keyof typeof POLICIES] : undefined;
}

export function methodKey(method: ConsentMethod): (typeof METHODS)[ConsentMethod] {
  return METHODS[method];
}

export function factorKey(factor: string): (typeof FACTORS)[keyof typeof FACTORS] | undefined {
  return Object.hasOwn(FACTORS, factor) ? FACTORS[factor as keyof typeof FACTORS] : undefined;
}

/** The newest receipt of each policy (by when it was chosen; the log's order breaks ties), newest policy first. */
export function currentReceipts(receipts: readonly ConsentReceipt[]): ConsentReceipt[] {
  const newest = new Map<string, ConsentReceipt>();
  for (const receipt of receipts) {
    const before = newest.get(receipt.policy);
    if (!before || receipt.chosen_at >= before.chosen_at) newest.set(receipt.policy, receipt);
  }
  return [...newest.values()].sort((a, b) => b.chosen_at - a.chosen_at);
}

/** Saves a file made in the page: an `<a download>` of a `blob:` URL, revoked once the click has started the download. */
export function saveFile(file: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}
