import * as z from 'zod/mini';
import { httpUrl, integer, text, token } from './limits.js';
import { CONSENT_MODE_TYPES } from './consent-mode-types.js';
import { ActivityEvent } from './devices.js';
import { ConsentMethod, ConsentReceipt, LocalisedText } from './policies.js';

// Consent and privacy (docs/protocol.md §23–§25): what a site collects about a visitor and why, the records
// that prove what each visitor and customer agreed to, and the customer's own view, export and erasure.
// Its own module, like the account schemas, so the sign-in's client chunk does not build these schemas; the few
// members the sign-in steps need are in policies.ts.

/** Google Consent Mode v2 storage types a purpose grants (consent-mode-types.ts). */
export const ConsentModeType = z.enum(CONSENT_MODE_TYPES);
export type ConsentModeType = z.infer<typeof ConsentModeType>;

/**
 * One reason a site stores or reads something on the visitor's device. The standard ids are `necessary`,
 * `functional`, `analytics`, `advertising`, `personalisation` and `sale_share` (the widget words them in
 * every language); a site may add its own ids with `title` and `description`.
 */
export const Purpose = z.object({
  id: token(64),
  /** GDPR Art. 6(1): `consent` purposes start off and need a choice; the others are shown, not asked. */
  legal_basis: z.enum(['consent', 'legitimate_interest', 'contract', 'legal_obligation']),
  /** Always on (strictly necessary): shown with a disabled, checked switch and never recorded as a choice. */
  required: z.boolean(),
  title: z.optional(LocalisedText),
  description: z.optional(LocalisedText),
  /** `opt_out`: a browser sending Global Privacy Control starts with this purpose off (W3C GPC; CCPA sale/share). */
  gpc: z.optional(z.enum(['opt_out', 'none'])),
  /** The Consent Mode v2 types this purpose grants. A type is granted when every purpose mapping it is. */
  consent_mode: z.optional(z.array(ConsentModeType).check(z.maxLength(7))),
});
export type Purpose = z.infer<typeof Purpose>;

/** A Consent Mode default for visitors in some regions (ISO 3166-1 alpha-2 or ISO 3166-2 codes). */
export const ConsentModeRegion = z.object({
  region: z.array(token(8)).check(z.maxLength(64)),
  granted: z.array(ConsentModeType).check(z.maxLength(7)),
});

/** `GET ciam_consent_endpoint`: the site's consent policy. ETag-cacheable; the widget keeps the last one it saw. */
export const ConsentConfig = z.object({
  /** The policy's id in receipts (the reference backend uses `cookies`). */
  policy: token(64),
  /** Bumped when the purposes or their wording change: every visitor is asked again. */
  version: token(64),
  /** What changed since the previous version, told to a visitor asked again. */
  changes: z.optional(LocalisedText),
  purposes: z.array(Purpose).check(z.minLength(1), z.maxLength(16)),
  /** How long a choice holds, in days: a refusal (CNIL: 6 months) and an acceptance (at most 13 months). */
  expiry: z.object({ refused_days: integer(1, 396), accepted_days: integer(1, 396) }),
  /** Where the site explains its use of cookies (https only). */
  privacy_url: z.optional(httpUrl()),
  /** Consent Mode defaults granted by region; everywhere else every type is denied until a choice. */
  consent_mode_regions: z.optional(z.array(ConsentModeRegion).check(z.maxLength(16))),
});
export type ConsentConfig = z.infer<typeof ConsentConfig>;

/**
 * `POST ciam_consent_endpoint/records`: one choice, sent until the backend confirms it. `id` is made by the
 * browser when the choice is made (a UUID), so a retry after a lost answer records nothing twice.
 */
export const ConsentRecordRequest = z.object({
  id: token(64),
  /** The browser's random, non-secret device id (profile §23.3): how an anonymous visitor's records are found. */
  device_id: token(64),
  policy: token(64),
  version: token(64),
  /** Every non-required purpose of that version, on or off. */
  purposes: z.record(token(64), z.boolean()),
  /** Whether the browser sent Global Privacy Control when the choice was made. */
  gpc: z.boolean(),
  method: ConsentMethod,
  /** When the visitor chose, epoch milliseconds (the record may arrive much later). */
  chosen_at: integer(0),
  /** The words the visitor saw, as shown, so the receipt can prove them (the backend keeps their SHA-256). */
  text: text(4096),
});
export type ConsentRecordRequest = z.infer<typeof ConsentRecordRequest>;

/** `GET ciam_consent_endpoint/records?device_id=…`: the current choice of this device or signed-in account. */
export const CurrentConsent = z.object({ receipt: z.optional(ConsentReceipt) });
export type CurrentConsent = z.infer<typeof CurrentConsent>;

/** `POST ciam_consent_endpoint/link`: after a sign-in, the device's anonymous records join the account. */
export const ConsentLinkRequest = z.object({ device_id: token(64) });
export type ConsentLinkRequest = z.infer<typeof ConsentLinkRequest>;

/** `GET ciam_privacy_endpoint`: everything the backend holds about the signed-in customer (GDPR Art. 15). */
export const PrivacyOverview = z.object({
  profile: z.record(token(64), z.union([text(1024), z.number(), z.boolean(), z.null()])),
  consents: z.array(ConsentReceipt).check(z.maxLength(1000)),
  /** Policies the customer may withdraw here (`POST ciam_privacy_endpoint/consents/{policy}`): their current receipt gives something. */
  withdrawable: z.optional(z.array(token(64)).check(z.maxLength(64))),
  sign_ins: z.array(
    z.object({ at: integer(0), method: token(64), device: z.optional(text(256)) }),
  ).check(z.maxLength(1000)),
  /** The sign-in activity the backend keeps (profile §27.3): with the approximate places, personal data too. */
  activity: z.optional(z.array(ActivityEvent).check(z.maxLength(500))),
  passkeys: z.array(z.object({ name: text(256), created_at: integer(0), last_used_at: z.nullable(integer(0)) })).check(z.maxLength(100)),
  factors: z.array(token(64)).check(z.maxLength(16)),
  /** What erasure deletes and keeps, and when, in the backend's words (shown before the customer confirms). */
  deletion: z.object({
    /** Days until erased data also leaves backups; 0 when there are none. */
    backups_days: integer(0, 365),
    retained: z.optional(LocalisedText),
  }),
});
export type PrivacyOverview = z.infer<typeof PrivacyOverview>;

/**
 * `POST ciam_privacy_endpoint/consents/{policy}`: withdraws an opt-in (`granted: false`) or, for a purposes
 * policy, every purpose. `text`: the words the customer saw, hashed into the receipt's `text_hash`.
 */
export const ConsentWithdrawal = z.object({ granted: z.literal(false), text: z.optional(text(4096)) });
export type ConsentWithdrawal = z.infer<typeof ConsentWithdrawal>;

/** `DELETE ciam_privacy_endpoint` (after step-up): the account is gone. */
export const AccountDeletion = z.object({
  deleted_at: integer(0),
  /** What the backend still keeps and why (a legal obligation), in its words. */
  retained: z.optional(LocalisedText),
});
export type AccountDeletion = z.infer<typeof AccountDeletion>;
