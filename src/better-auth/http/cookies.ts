// better-auth keeps a sign-in's intermediate state in signed cookies (the two-factor cookie, the passkey
// challenge cookie). The plugin holds them server-side in the FiPA auth session instead of the browser, so it
// needs a small cookie jar: absorb `Set-Cookie` lines from an internal call, replay them as a `Cookie` header.

/** One cookie's name and value as better-auth set it (attributes are dropped: the jar never leaves the server). */
export class CookieJar {
  readonly #values = new Map<string, string>();

  /** Takes the `Set-Cookie` lines of an internal answer; an expired or emptied cookie is removed. */
  absorb(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = value === '' || attributes.some((attribute) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(attribute));
      if (expired) this.#values.delete(name);
      else this.#values.set(name, value);
    }
  }

  /** The `Cookie` request header for the next internal call, or `undefined` when empty. */
  header(): string | undefined {
    if (this.#values.size === 0) return undefined;
    return [...this.#values].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Parses a request's `Cookie` header into a map (first value wins, as browsers send the most specific first). */
export function readRequestCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}
