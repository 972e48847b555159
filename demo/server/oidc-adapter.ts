import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number | undefined;
}

/** The adapter factory oidc-provider is given, and what a password reset needs of its store. */
export type MemoryAdapterFactory = ((model: string) => Adapter) & {
  /** Ends everything the provider keeps for an account: its grants, codes, access and refresh tokens, sessions. */
  revokeAccount(accountId: string): void;
};

/**
 * In-memory storage for oidc-provider's short-lived models (authorization codes, grants, tokens).
 * Losing them on restart only means signing in again; accounts live in {@link AccountStore}.
 * Written here rather than using the package's quick-start adapter so the demo starts without warnings.
 */
export function createMemoryAdapterFactory(): MemoryAdapterFactory {
  const entries = new Map<string, Entry>();
  /** Per model: revoking a grant's tokens must not delete an Interaction or Session that names the same grant. */
  const grants = new Map<string, Set<string>>();

  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    // Provider token lifetimes run on real time (its own epochTime), so never on the adjustable test clock.
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  const revokeAccount = (accountId: string): void => {
    for (const [key, entry] of entries) if (entry.payload.accountId === accountId) entries.delete(key);
  };

  const factory = (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    const grantKey = (grantId: string) => `${model}:${grantId}`;
    return {
      async upsert(id, payload, expiresIn) {
        entries.set(key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
        if (model !== 'Grant' && payload.grantId) {
          const set = grants.get(grantKey(payload.grantId)) ?? new Set<string>();
          set.add(key(id));
          grants.set(grantKey(payload.grantId), set);
        }
        if (payload.uid) entries.set(`${model}:uid:${payload.uid}`, { payload: { id }, expiresAt: undefined });
        if (payload.userCode) entries.set(`${model}:userCode:${payload.userCode}`, { payload: { id }, expiresAt: undefined });
      },
      async find(id) {
        return live(key(id));
      },
      async findByUid(uid) {
        const pointer = live(`${model}:uid:${uid}`);
        return typeof pointer?.id === 'string' ? live(key(pointer.id)) : undefined;
      },
      async findByUserCode(userCode) {
        const pointer = live(`${model}:userCode:${userCode}`);
        return typeof pointer?.id === 'string' ? live(key(pointer.id)) : undefined;
      },
      async consume(id) {
        const payload = live(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const tokenKey of grants.get(grantKey(grantId)) ?? []) entries.delete(tokenKey);
        grants.delete(grantKey(grantId));
      },
    };
  };
  return Object.assign(factory, { revokeAccount });
}
