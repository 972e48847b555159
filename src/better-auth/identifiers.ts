// Profile §2.2 "Identifier normalisation": NFC, the whole address lower-cased, and the domain in its ASCII form,
// so every spelling reaches one account and one counter. better-auth lower-cases addresses itself; the adapter
// hands it this form.

/** The normalised address, or `undefined` when it is not an address. */
export function normaliseEmail(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 320) return undefined;
  const folded = raw.trim().normalize('NFC').toLowerCase().normalize('NFC');
  const at = folded.lastIndexOf('@');
  if (at <= 0 || at === folded.length - 1) return undefined;
  const local = folded.slice(0, at);
  let domain: string;
  try {
    domain = new URL(`http://${folded.slice(at + 1)}`).hostname;
  } catch {
    return undefined;
  }
  if (/[\s<>()[\]\\,;:"]/.test(local) || !domain.includes('.')) return undefined;
  return `${local}@${domain}`;
}

/** `a•••@example.com`: enough for the user to recognise the address (profile §2.3 `destination_hint`). */
export function destinationHint(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
