import * as z from 'zod/mini';
import { integer, token } from './limits.js';

// The widget's analytics events (profile §29): one vocabulary, versioned, that the widget hands to the site's
// own tools (the `latch-analytics` DOM event, `client.onAnalyticsEvent`, `dataLayer`, `analytics.track`,
// OpenFeature `track()`, a beacon URL) and, where a backend offers `ciam_events_endpoint`, to its collector.
// No personal data: no email, name, code, token, user id, IP address or free text a customer typed. The
// browser builds these with plain TypeScript types (src/analytics/events.ts); these schemas are the contract
// the collector checks.

/** The vocabulary's version; a field's meaning never changes within one. */
export const ANALYTICS_VERSION = 1;

/** An experiment a view is in, and the variation it shows. */
export const ExperimentRef = z.object({ key: token(64), variation: token(64) });
export type ExperimentRef = z.infer<typeof ExperimentRef>;

/** What every event carries. */
const common = {
  v: z.literal(ANALYTICS_VERSION),
  /** A random id of this event (a UUID), so a collector drops a copy sent twice. */
  id: token(64),
  /** When it happened, epoch milliseconds. */
  at: integer(0),
  /** A random id of this view of the form (new on each page load and after each sign-out), tying a funnel together. */
  view: token(64),
  /**
   * The visitor: a salted SHA-256 of the random device id (first 16 bytes, hex), so a collector counts
   * visitors without holding the id the consent records use. Never a user id.
   */
  visitor: token(64),
  /** The experiments this view is in (assigned and shown). */
  experiments: z.array(ExperimentRef).check(z.maxLength(16)),
  /** The widget config's `version` the options came from, when one was used. */
  config_version: z.optional(token(64)),
  /** The widget's language (a BCP 47 tag). */
  locale: z.optional(token(35)),
};

/** Milliseconds since the view's `viewed`. */
const elapsed = integer(0);

/** The widget's method names (`passkey`, `email_otp`, `email_link`, `password`, `sso`). */
const method = token(32);

export const AnalyticsEvent = z.discriminatedUnion('type', [
  /** A variation was drawn on screen (once per view and experiment; not when it was only assigned). */
  z.object({ ...common, type: z.literal('exposure'), experiment: token(64), variation: token(64) }),
  /** The form was drawn and could be used. */
  z.object({ ...common, type: z.literal('viewed'), mode: z.enum(['sign-in', 'sign-up']) }),
  z.object({ ...common, type: z.literal('identifier_submitted'), elapsed_ms: elapsed }),
  /** A method was chosen (a button, or the backend's only method). */
  z.object({ ...common, type: z.literal('method_chosen'), method, elapsed_ms: elapsed }),
  z.object({ ...common, type: z.literal('code_sent'), method, elapsed_ms: elapsed }),
  z.object({ ...common, type: z.literal('code_entered'), elapsed_ms: elapsed }),
  /** A passkey ceremony started: from the button, or from the browser's autofill. */
  z.object({ ...common, type: z.literal('passkey_prompted'), trigger: z.enum(['button', 'autofill']), elapsed_ms: elapsed }),
  z.object({ ...common, type: z.literal('passkey_succeeded'), elapsed_ms: elapsed }),
  z.object({ ...common, type: z.literal('passkey_cancelled'), elapsed_ms: elapsed }),
  /** A second factor was asked for. */
  z.object({ ...common, type: z.literal('second_factor'), factor: token(32), elapsed_ms: elapsed }),
  /** A failure was shown: its `LATCH_…` code and the step it was on. */
  z.object({ ...common, type: z.literal('error_shown'), code: token(64), step: token(32), elapsed_ms: elapsed }),
  z.object({
    ...common,
    type: z.literal('signed_in'),
    method,
    elapsed_ms: elapsed,
    /** Steps shown from the first to this one, this one included. */
    steps: integer(1, 1000),
    /** Failures shown on the way. */
    retries: integer(0, 1000),
  }),
  z.object({ ...common, type: z.literal('sign_up_completed'), method, elapsed_ms: elapsed }),
  /** The page was hidden (closed, navigated away) after the form was used and before a sign-in. */
  z.object({ ...common, type: z.literal('abandoned'), step: token(32), elapsed_ms: elapsed }),
]);
export type AnalyticsEvent = z.infer<typeof AnalyticsEvent>;
export type AnalyticsEventType = AnalyticsEvent['type'];

/** `POST ciam_events_endpoint`: a batch (as JSON; `text/plain` is accepted too, for `sendBeacon` without a preflight). */
export const AnalyticsBatch = z.object({
  client_id: token(256),
  events: z.array(AnalyticsEvent).check(z.minLength(1), z.maxLength(100)),
});
export type AnalyticsBatch = z.infer<typeof AnalyticsBatch>;
