import * as z from 'zod/mini';
import { integer, text, token } from './limits.js';

// The widget's remote configuration (profile §28): options for `<latch-login>` and the experiments that vary
// them, from `ciam_widget_config_endpoint`. Public, not personal: the same document for every visitor.
// The browser reads it with a small hand-written check before the form (src/experiments/config.ts), so the
// form's first file carries no schema library; these schemas are the contract and the backend's check.

/** A widget option's short value: an attribute's word or a space-separated list of words. */
const word = () => text(256);

/**
 * The `<latch-login>` options a variant may set: each is the element's attribute of the same meaning (README
 * "Options"), in camelCase. A variant is only a set of options; anything else is ignored.
 */
export const WidgetOptions = z.object({
  /** `methods`: the methods offered, in order (`passkey email_otp password`). */
  methods: z.optional(word()),
  /** `lead`: `email` (the email field first) or `passkey` (the passkey button first, the email under it). */
  lead: z.optional(z.enum(['email', 'passkey'])),
  /** `layout`: `identifier-first` (the email, then a method) or `combined` (email and password on one step). */
  layout: z.optional(z.enum(['identifier-first', 'combined'])),
  /** `social-position`: the social and enterprise buttons `top` (above the email) or `bottom`. */
  socialPosition: z.optional(z.enum(['top', 'bottom'])),
  /** `nudge-copy`: the passkey nudge's wording, one of the translated sets `standard`, `faster`, `safer`. */
  nudgeCopy: z.optional(z.enum(['standard', 'faster', 'safer'])),
  /** `trust-signals`: which trust signals to show (`none`, or a list; absent shows all). */
  trustSignals: z.optional(word()),
  /** `sign-up-cta`: the sign-up link's wording, one of the translated sets `standard`, `free`, `quick`. */
  signUpCta: z.optional(z.enum(['standard', 'free', 'quick'])),
});
export type WidgetOptions = z.infer<typeof WidgetOptions>;

/** One arm of an experiment: a key that events carry, its share of the covered traffic, and its options. */
export const Variation = z.object({
  key: token(64),
  /** Share of the covered traffic, 0–1; the weights of one experiment sum to 1 (± 0.01), else all are equal. */
  weight: z.number().check(z.gte(0), z.lte(1)),
  options: WidgetOptions,
});
export type Variation = z.infer<typeof Variation>;

/**
 * Who an experiment includes (every condition given must hold). Evaluated in the browser on what it knows
 * before the form: no request, no personal data.
 */
export const Targeting = z.object({
  /** BCP 47 language tags or primary languages (`de` matches `de-AT`) of the widget's locale. */
  locales: z.optional(z.array(token(35)).check(z.maxLength(64))),
  /** `new`: no earlier Latchkey visit on this device (no device id stored yet); `returning`: one. */
  visitor: z.optional(z.enum(['new', 'returning'])),
  /** The device class, from `navigator.userAgentData.mobile` or the primary pointer. */
  devices: z.optional(z.array(z.enum(['mobile', 'tablet', 'desktop'])).check(z.maxLength(3))),
});
export type Targeting = z.infer<typeof Targeting>;

/**
 * An A/B experiment on the widget (profile §28.2). Bucketing is GrowthBook's hash v2 (FNV-1a 32, twice) of
 * `seed + device id`, into ranges of `coverage × weight`.
 */
export const Experiment = z.object({
  key: token(64),
  /** `running` experiments assign; `stopped` ones show no variant (the widget's own options apply). */
  status: z.enum(['running', 'stopped']),
  /** The hash's salt; defaults to `key`. Change it to reshuffle visitors. */
  seed: z.optional(token(128)),
  /** The bucketing scheme: 2 is GrowthBook's hash v2, the only one defined. */
  hash_version: z.optional(z.literal(2)),
  /** The share of the targeted visitors that enter the experiment at all, 0–1 (default 1). */
  coverage: z.optional(z.number().check(z.gte(0), z.lte(1))),
  targeting: z.optional(Targeting),
  variations: z.array(Variation).check(z.minLength(2), z.maxLength(8)),
  /** Whether QA may force a variation with `?latch-variant=<key>:<variation>` or the `force-variant` property. */
  allow_force: z.optional(z.boolean()),
});
export type Experiment = z.infer<typeof Experiment>;

/**
 * `GET ciam_widget_config_endpoint?client_id=…` (profile §28.1): the widget's options and experiments for one
 * client. Answered with an `ETag` (and `Cache-Control`); a request with `If-None-Match` gets `304`.
 */
export const WidgetConfig = z.object({
  /** Changes whenever anything in the document changes; events carry it. */
  version: token(64),
  /** Options for every visitor, under the element's own attributes and over its defaults. */
  options: z.optional(WidgetOptions),
  experiments: z.optional(z.array(Experiment).check(z.maxLength(16))),
  /**
   * A global holdout: this share of visitors (bucketed on `holdout.seed`) enters no experiment and sees the
   * plain options, the baseline every experiment is read against.
   */
  holdout: z.optional(z.object({ seed: token(128), share: z.number().check(z.gte(0), z.lte(1)) })),
  /** How long a browser may use its cached copy before revalidating, in seconds (default 300). */
  max_age: z.optional(integer(0, 86_400)),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;
