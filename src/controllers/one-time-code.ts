/**
 * Normalises what a user typed or pasted into a one-time-code field: digits of any script become ASCII
 * (fullwidth, Arabic-Indic, Devanagari: fault O5), separators go (`123 456`, `123-456`: O4), and a pasted
 * message yields its one code of the expected length (`Your code is 482913`: O8). Leading zeros stay (O6).
 */
export function normalizeOneTimeCode(raw: string, length: number): string {
  // NFKC folds fullwidth and mathematical digits; the remaining scripts keep their own digit blocks.
  const ascii = raw.normalize('NFKC').replace(/\p{Nd}/gu, (digit) => String(digitValue(digit)));
  const digits = ascii.replace(/\D/g, '');
  if (digits.length === length) return digits;
  const exact = (ascii.match(/\d+/g) ?? []).filter((run) => run.length === length);
  return exact.length === 1 ? (exact[0] as string) : digits;
}

/**
 * The value of a decimal digit: its distance from the zero of its block. Every Nd block is ten contiguous
 * code points starting at zero (Unicode §4.6), and after NFKC no two blocks touch.
 */
function digitValue(digit: string): number {
  const code = digit.codePointAt(0) as number;
  let value = 0;
  while (value < 9 && /\p{Nd}/u.test(String.fromCodePoint(code - value - 1))) value++;
  return value;
}
