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
