/**
 * The trust signals' English (issue 14; profile §26): inside `<latch-login>` (after the form is interactive)
 * and in `<latch-trust-panel>`. Loaded with them, never before the form.
 */
export const trust = {
  /** Above the form: the page's registrable domain, bold, the rest of the host de-emphasised. */
  trustSigningInTo: 'Signing in to {site}',
  /** The branding's links (profile §26.1). */
  trustPrivacy: 'Privacy policy',
  trustTerms: 'Terms',
  /** After a link that opens in a new tab (visually hidden). */
  trustNewTab: '(opens in a new tab)',
  /** The page's origin is not allowed for this client (profile §26.2): no credential fields are shown. */
  trustRefusedTitle: "Sign-in isn't available here",
  trustRefused:
    "This page ({origin}) isn't an address this site's sign-in service accepts, so you can't enter a password or code here. Open the site at its usual address. If you run this site, add {origin} to the allowed origins of its client at the sign-in service.",
  /** `<latch-trust-panel>`'s accessible name. */
  trustPanelLabel: 'About this sign-in',
  /** After a passkey sign-in. */
  trustPasskeyCue: "You signed in with a passkey. Passkeys can't be phished: they only work on this site.",
  /** `{time}` is relative ("3 days ago"), `{device}` e.g. "Chrome, macOS". */
  trustLastSignIn: 'Last signed in {time} on {device}',
  trustLastSignInWhen: 'Last signed in {time}',
} as const;
