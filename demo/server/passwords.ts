import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** A stored password: scrypt output with its own salt and cost parameters, so costs can rise later. */
export interface PasswordHash {
  alg: 'scrypt';
  salt: string;
  hash: string;
  N: number;
  r: number;
  p: number;
}

// OWASP Password Storage Cheat Sheet: scrypt N=2^17, r=8, p=1 (128 MiB). maxmem must exceed 128*N*r.
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    // NFKC so the same password typed on two keyboards matches (NIST SP 800-63B-4 §3.1.1.2).
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, PARAMS);
  return { alg: 'scrypt', salt: salt.toString('base64url'), hash: hash.toString('base64url'), ...PARAMS };
}

/** A hash nobody's password matches; checked for unknown users so their answer takes as long as a real one. */
const dummyHash: Promise<PasswordHash> = hashPassword(randomBytes(32).toString('base64url'));

/** Compares in constant time. Without a stored hash it still runs scrypt (no timing oracle for account existence). */
export async function verifyPassword(password: string, stored: PasswordHash | undefined): Promise<boolean> {
  const target = stored ?? (await dummyHash);
  const expected = Buffer.from(target.hash, 'base64url');
  const actual = await derive(password, Buffer.from(target.salt, 'base64url'), target);
  return timingSafeEqual(actual, expected) && stored !== undefined;
}

/** Length in Unicode code points, as NIST SP 800-63B-4 §3.1.1.2 counts it (an emoji is one character). */
export function passwordLength(password: string): number {
  return [...password.normalize('NFKC')].length;
}
