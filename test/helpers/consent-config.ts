import type { ConsentConfig } from '../../src/protocol/consent.js';

/** The reference backend's policy, version 2026-12 (demo/server/consent.ts). */
export const CONFIG: ConsentConfig = {
  policy: 'cookies',
  version: '2026-12',
  purposes: [
    { id: 'necessary', legal_basis: 'contract', required: true, consent_mode: ['security_storage'] },
    { id: 'functional', legal_basis: 'consent', required: false, consent_mode: ['functionality_storage'] },
    { id: 'analytics', legal_basis: 'consent', required: false, consent_mode: ['analytics_storage'] },
    { id: 'advertising', legal_basis: 'consent', required: false, gpc: 'opt_out', consent_mode: ['ad_storage', 'ad_user_data', 'ad_personalization'] },
    { id: 'personalisation', legal_basis: 'consent', required: false, consent_mode: ['personalization_storage'] },
    { id: 'sale_share', legal_basis: 'consent', required: false, gpc: 'opt_out', consent_mode: ['ad_user_data'] },
  ],
  expiry: { refused_days: 182, accepted_days: 365 },
};
