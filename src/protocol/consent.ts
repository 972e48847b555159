import * as z from 'zod/mini';
import { httpUrl, integer, text, token } from './limits.js';

// Consent and privacy (docs/protocol.md §23–§25): what a site collects about a visitor and why, the records
// that prove what each visitor and customer agreed to, and the customer's own view, export and erasure.
// Its own module, like the account schemas, so the sign-in form's bundle carries only the few members its
// steps need (`AccountPolicy`, `ConsentReceipt`, `ProfileField`).

/**
 * Words in several languages, keyed by BCP 47 tag (`en`, `pt-BR`); the widget picks the page's language,
 * then its base language, then `en`. Site-specific text (a purpose's title, a policy's change summary) comes
 * this way; the widget has its own translations for the standard purposes.
 */
export const LocalisedText = z.record(token(35), text(1024));
export type LocalisedText = z.infer<typeof LocalisedText>;

/** Google Consent Mode v2 storage types a purpose grants (developers.google.com/tag-platform/security/guides/consent). */
export const ConsentModeType = z.enum([
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
]);
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

/** How a consent was given, for its receipt. */
export const ConsentMethod = z.enum(['banner', 'preferences', 'gpc', 'api', 'sign_up', 'sign_in', 'privacy_center']);
export type ConsentMethod = z.infer<typeof ConsentMethod>;

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

/**
 * What a backend keeps as proof of one consent (GDPR Art. 7(1)): a banner choice, a policy accepted at sign-up
 * or sign-in, a marketing opt-in, a withdrawal. Receipts are append-only: a withdrawal is a new receipt.
 */
export const ConsentReceipt = z.object({
  id: token(64),
  policy: token(64),
  version: token(64),
  /** For a policy (terms, privacy, marketing): accepted or not. Absent for a purposes choice. */
  granted: z.optional(z.boolean()),
  /** For a purposes choice (the banner): each purpose on or off. */
  purposes: z.optional(z.record(token(64), z.boolean())),
  gpc: z.optional(z.boolean()),
  method: ConsentMethod,
  /** When the choice was made, epoch milliseconds. */
  chosen_at: integer(0),
  /** When the backend recorded it, epoch milliseconds. */
  recorded_at: integer(0),
  /** `sha256:` and the base64url SHA-256 of the UTF-8 text shown. */
  text_hash: token(128),
});
export type ConsentReceipt = z.infer<typeof ConsentReceipt>;

/** `GET ciam_consent_endpoint/records?device_id=…`: the current choice of this device or signed-in account. */
export const CurrentConsent = z.object({ receipt: z.optional(ConsentReceipt) });
export type CurrentConsent = z.infer<typeof CurrentConsent>;

/** `POST ciam_consent_endpoint/link`: after a sign-in, the device's anonymous records join the account. */
export const ConsentLinkRequest = z.object({ device_id: token(64) });
export type ConsentLinkRequest = z.infer<typeof ConsentLinkRequest>;

/**
 * A document a customer accepts (`terms`, `privacy`) or an opt-in they may give (`marketing`), as offered at
 * sign-up (`select_method.policies`) and when it changes (`consent_required`).
 */
export const AccountPolicy = z.object({
  id: token(64),
  version: token(64),
  /** `accept`: needed to have an account. `opt_in`: optional, never pre-ticked (marketing). */
  kind: z.enum(['accept', 'opt_in']),
  /** The document (https, or http on localhost in development); opened in a new tab. */
  url: z.optional(httpUrl()),
  /** What changed since the version the customer accepted (re-consent only). */
  changes: z.optional(LocalisedText),
});
export type AccountPolicy = z.infer<typeof AccountPolicy>;

/** The customer's decision on one policy, with the words shown, in a `sign_up` or `consent` request. */
export const PolicyDecision = z.object({
  policy: token(64),
  version: token(64),
  granted: z.boolean(),
  text: text(4096),
});
export type PolicyDecision = z.infer<typeof PolicyDecision>;

/** One more profile field a backend asks for after sign-in (progressive profiling, profile §24.3). */
export const ProfileField = z.object({
  /** The field's name in the request and the export: `phone`, `name`, `birth_year`, … */
  name: token(64),
  /** How to ask: an HTML input type and `autocomplete` token. */
  type: z.enum(['text', 'tel', 'number', 'date']),
  autocomplete: z.optional(token(64)),
  label: LocalisedText,
  /** Why it is asked, shown with the field: "to text you delivery updates". */
  reason: LocalisedText,
  required: z.boolean(),
  max_length: z.optional(integer(1, 256)),
});
export type ProfileField = z.infer<typeof ProfileField>;

/** `GET ciam_privacy_endpoint`: everything the backend holds about the signed-in customer (GDPR Art. 15). */
export const PrivacyOverview = z.object({
  profile: z.record(token(64), z.union([text(1024), z.number(), z.boolean(), z.null()])),
  consents: z.array(ConsentReceipt).check(z.maxLength(1000)),
  /** Policies the customer may withdraw here (`POST ciam_privacy_endpoint/consents/{policy}`): their current receipt gives something. */
  withdrawable: z.optional(z.array(token(64)).check(z.maxLength(64))),
  sign_ins: z.array(
    z.object({ at: integer(0), method: token(64), device: z.optional(text(256)) }),
  ).check(z.maxLength(1000)),
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
