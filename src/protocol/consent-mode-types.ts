// The seven Google Consent Mode v2 types (developers.google.com/tag-platform/security/guides/consent), in
// Google's order. Plain data, no zod: the Consent Mode script and the banner's first paint read it too.
export const CONSENT_MODE_TYPES = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;
