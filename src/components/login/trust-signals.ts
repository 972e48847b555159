/**
 * The trust signals `<latch-login>` shows (issue 14; profile §26), each switchable with the `trust-signals`
 * attribute: absent shows all, `none` shows none, a space-separated list shows those listed.
 * - `site`: the registrable domain of the page the customer is on ("Signing in to acme.co.uk");
 * - `brand`: the site's name and logo from the backend's branding;
 * - `links`: the privacy policy and terms links from the branding;
 * - `passkey`: after a passkey sign-in, once, that passkeys cannot be phished;
 * - `last-sign-in`: after sign-in, "Last signed in 3 days ago on Chrome, macOS", with a link to the activity page;
 * - `last-used`: the method or provider this device last signed in with, marked "Last used";
 * - `new-device`: after a sign-in from a new device, a brief notice that an email was sent.
 */
export type TrustSignal = 'site' | 'brand' | 'links' | 'passkey' | 'last-sign-in' | 'last-used' | 'new-device';

const ALL: readonly TrustSignal[] = ['site', 'brand', 'links', 'passkey', 'last-sign-in', 'last-used', 'new-device'];

/** The signals an attribute value turns on; unknown names are ignored. */
export function trustSignals(value: string | null | undefined): ReadonlySet<TrustSignal> {
  if (value == null || value.trim() === '') return new Set(ALL);
  const listed = value.split(/\s+/);
  return new Set(ALL.filter((signal) => listed.includes(signal)));
}
