import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readJsonFile, writeFileAtomic } from './files.js';

/** The provider's secrets: an ES256 signing key (RFC 7518 §3.4) and the keys that sign its cookies. */
export interface ProviderKeys {
  jwks: { keys: Record<string, unknown>[] };
  cookieKeys: string[];
}

/**
 * Loads the keys from the data directory, generating them on first start. Persisting them keeps
 * issued ID tokens verifiable across restarts and avoids oidc-provider's development-key fallback.
 */
export async function loadProviderKeys(dataDir: string): Promise<ProviderKeys> {
  const path = join(dataDir, 'keys.json');
  const existing = (await readJsonFile(path)) as ProviderKeys | undefined;
  if (existing?.jwks?.keys?.length && existing.cookieKeys?.length) return existing;

  const keys = generateProviderKeys();
  await writeFileAtomic(path, JSON.stringify(keys, null, 2));
  return keys;
}

/** Fresh keys, kept in memory by callers that may lose them on restart (the upstream sandboxes). */
export function generateProviderKeys(): ProviderKeys {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'ES256', use: 'sig' };
  return { jwks: { keys: [jwk] }, cookieKeys: [randomBytes(32).toString('base64url')] };
}
