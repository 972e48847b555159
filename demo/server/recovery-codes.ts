import { createHash, randomInt } from 'node:crypto';

/** How many codes a set has. */
export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i, 2/z, 5/s, 8/b: nothing a user can misread from paper (Crockford-style).
const ALPHABET = '34679acdefghjkmnpqrtuvwxy';

/** `xxxx-xxxx` from the unambiguous alphabet: 8 characters of 25 symbols, about 37 bits each. */
export function newRecoveryCodes(): string[] {
  const one = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    const code = one();
    codes.add(`${code.slice(0, 4)}-${code.slice(4)}`);
  }
  return [...codes];
}

/** Case, spaces and hyphens do not matter: `ABCD EFGH`, `abcd-efgh` and `abcdefgh` are one code. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** Stored form: SHA-256 of the normalised code. The codes are random, so a slow hash adds nothing. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('base64url');
}
