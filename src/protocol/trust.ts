import * as z from 'zod/mini';
import { httpUrl, integer, text, token } from './limits.js';

// Trust signals the sign-in form shows (profile §26): the site's branding and the customer's last sign-in.
// Small and needed by `<latch-login>`, so these stay in the client's chunk; the sessions list and the
// activity log are in devices.ts, loaded with `<latch-devices>` only.

/**
 * Where a request came from, approximately, from its IP address. Personal data (GDPR Art. 4(1)): shown to
 * the account's owner only, never to analytics. A backend without a location source omits it.
 */
export const ApproximateLocation = z.object({
  city: z.optional(text(128)),
  /** ISO 3166-1 alpha-2, upper case; the widget words it with `Intl.DisplayNames`. */
  country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
});
export type ApproximateLocation = z.infer<typeof ApproximateLocation>;

/**
 * A browser as the backend describes it, from the User-Agent header (parsed with a maintained parser) and
 * the IP address. Never the header itself nor the IP address: a summary is enough to recognise a device.
 */
export const DeviceInfo = z.object({
  /** Browser name, e.g. `Chrome`. */
  browser: z.optional(text(64)),
  /** Major version, e.g. `131`. */
  browser_version: z.optional(text(16)),
  /** Operating system name, e.g. `macOS`, `Android`. */
  os: z.optional(text(64)),
  /** `desktop`, `mobile` or `tablet` (unknown values are shown as `desktop`). */
  device_type: z.optional(text(16)),
  location: z.optional(ApproximateLocation),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

/** The customer's sign-in before this one (profile §26.3): when, how and from where. Personal data. */
export const LastSignIn = z.object({
  /** Epoch seconds. */
  at: integer(),
  /** `passkey`, `password`, `email_otp`, `email_link`, `sso`: the method, as the widget names methods. */
  method: z.optional(text(32)),
  device: z.optional(DeviceInfo),
});
export type LastSignIn = z.infer<typeof LastSignIn>;

/**
 * `GET ciam_branding_endpoint?client_id=…` (profile §26.1): how the site presents itself, from the client's
 * registration (RFC 7591 §2 names), and the web origins allowed to run its sign-in. Public, not personal.
 */
export const Branding = z.object({
  client_id: token(256),
  /** RFC 7591 `client_name`. */
  client_name: z.optional(text(128)),
  /**
   * RFC 7591 `logo_uri`. The widget shows it only when it is a `data:image/…` URL or on the page's own origin
   * (profile §26.1); anything else is ignored, so a backend cannot make the form load a tracker.
   */
  logo_uri: z.optional(token(65536)),
  /** RFC 7591 `policy_uri`; the widget links it only when it is https (or on the page's own origin). */
  policy_uri: z.optional(httpUrl()),
  /** RFC 7591 `tos_uri`; same rule. */
  tos_uri: z.optional(httpUrl()),
  /** Web origins (`scheme://host[:port]`) allowed to run this client's sign-in; any other gets `origin_not_allowed`. */
  allowed_origins: z.array(token(2048)).check(z.maxLength(64)),
});
export type Branding = z.infer<typeof Branding>;
