/**
 * Where to send the user after a redirect sign-in, if anywhere: only this page's origin or an origin the
 * site listed. `javascript:`, `data:`, scheme-relative (`//evil`), backslash tricks (`/\evil`), userinfo
 * look-alikes (`https://good@evil`) and encoded variants all resolve to another origin or scheme and are
 * refused (OWASP ASVS 5 §3.7.2, unvalidated redirects cheat sheet; reliability.md P12).
 */
export function validateReturnTo(
  value: string | null | undefined,
  options: { origin: string; allowedOrigins?: readonly string[] },
): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value, options.origin);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  const allowed = [options.origin, ...(options.allowedOrigins ?? [])].map((origin) => new URL(origin).origin);
  return allowed.includes(url.origin) ? url.href : undefined;
}

/**
 * Where a redirect sign-in lands afterwards: the site's `returnTo` if it passes {@link validateReturnTo},
 * else the page the sign-in started on (validated the same way), unless that is the redirect URI page
 * itself, where the callback is finished anyway.
 */
export function redirectReturnTarget(options: {
  returnTo?: string;
  startedAt: string;
  redirectUri: string;
  origin: string;
  allowedOrigins?: readonly string[];
}): string | undefined {
  const { returnTo, startedAt, redirectUri, ...rules } = options;
  const start = new URL(startedAt);
  const callback = new URL(redirectUri);
  const onCallbackPage = start.origin === callback.origin && start.pathname === callback.pathname;
  return validateReturnTo(returnTo, rules) ?? (onCallbackPage ? undefined : validateReturnTo(start.href, rules));
}
