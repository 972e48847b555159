import type { Connection } from '../../src/protocol/index.js';

/** The upstream providers the demo brokers; each is a local sandbox (see `sandboxes.ts`), never the real one. */
export const CONNECTIONS: readonly Connection[] = [
  { id: 'google', kind: 'social', name: 'Google', brand: 'google', authorization_params: { connection: 'google' } },
  { id: 'github', kind: 'social', name: 'GitHub', brand: 'github', authorization_params: { connection: 'github' } },
  {
    id: 'bigcorp',
    kind: 'enterprise',
    name: 'BigCorp SSO',
    brand: 'oidc',
    authorization_params: { connection: 'bigcorp' },
    domains: ['bigcorp.example'],
  },
];

/**
 * The connection an authorization request asks for: by the `connection` parameter, or else by the
 * `login_hint` email's domain (home-realm discovery, done server-side too so plain OIDC clients get it).
 * `null` means a `connection` was named that does not exist.
 */
export function connectionFor(params: { connection?: string; login_hint?: string }): Connection | null | undefined {
  if (params.connection !== undefined) return CONNECTIONS.find((c) => c.id === params.connection) ?? null;
  const domain = params.login_hint?.toLowerCase().split('@')[1];
  return domain ? CONNECTIONS.find((c) => c.domains?.includes(domain)) : undefined;
}
