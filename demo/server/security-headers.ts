/**
 * The strict policy every HTML page is served with: no inline script or style, Trusted Types required
 * for DOM sinks, no framing (clickjacking on a login page), forms only to ourselves. In the sibling-subdomain
 * topology the store's pages add the backend's origin to `connect-src`, and a backend page whose form ends,
 * through redirects, on the store adds the store's origin to `form-action` (CSP3 checks every redirect).
 */
/**
 * The strict policy. `connectSrc`: more origins the page may fetch from; `formAction`: more origins a form of
 * the page may go to (CSP 3 `form-action` also governs the redirects after a submission, so a form that ends
 * on the site's page lists its origin).
 */
export function contentSecurityPolicy(
  extra: { connectSrc?: readonly string[]; formAction?: readonly string[]; frameAncestors?: "'none'" | "'self'" } = {},
): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    ["connect-src 'self'", ...(extra.connectSrc ?? [])].join(' '),
    "base-uri 'none'",
    "object-src 'none'",
    `frame-ancestors ${extra.frameAncestors ?? "'none'"}`,
    ["form-action 'self'", ...(extra.formAction ?? [])].join(' '),
    "require-trusted-types-for 'script'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;

/**
 * The demo's own static pages: the same policy, framed by pages of this origin only (the theme playground
 * previews them in an iframe); the elements still refuse to work inside another origin's frame.
 */
export const STATIC_HTML_HEADERS = {
  ...HTML_HEADERS,
  'Content-Security-Policy': contentSecurityPolicy({ frameAncestors: "'self'" }),
} as const;
