import * as z from 'zod/mini';
import { httpUrl, integer, text, token } from './limits.js';

// The consent members of the sign-in steps (docs/protocol.md §24): the policies a customer accepts or opts in to,
// their decisions, the receipts the backend returns, and the profile question. A module of their own, so the
// sign-in's client chunk builds only these few schemas; the banner's and the privacy center's (consent.ts) come
// with those features.

/**
 * Words in several languages, keyed by BCP 47 tag (`en`, `pt-BR`); the widget picks the page's language,
 * then its base language, then `en`. Site-specific text (a purpose's title, a policy's change summary) comes
 * this way; the widget has its own translations for the standard purposes.
 */
export const LocalisedText = z.record(token(35), text(1024));
export type LocalisedText = z.infer<typeof LocalisedText>;

/** How a consent was given, for its receipt. */
export const ConsentMethod = z.enum(['banner', 'preferences', 'gpc', 'api', 'sign_up', 'sign_in', 'privacy_center']);
export type ConsentMethod = z.infer<typeof ConsentMethod>;

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
