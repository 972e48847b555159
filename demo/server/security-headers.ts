/**
 * The strict policy every HTML page is served with: no inline script or style, Trusted Types required
 * for DOM sinks, no framing (clickjacking on a login page), forms only to ourselves.
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/**
 * The strict policy; `formTargets` are more origins a form of the page may go to. CSP 3 `form-action`
 * also governs the redirects after a submission, so a form that ends on the site's page lists its origin.
 */
export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    ["form-action 'self'", ...formTargets].join(' '),
    "require-trusted-types-for 'script'",
  ].join('; ');
}

export const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;
