import type { PreferenceStore } from '../client/storage.js';
import type { WidgetConfig } from '../protocol/widget-config.js';
import { parseWidgetConfig } from './config.js';

// The backend's widget config (`config-url`, profile §28.1), kept in the PreferenceStore: it is public and the
// same for every visitor, so it may be stored. A fresh copy is used with no request at all; a stale one is
// revalidated with `If-None-Match` (one request; 304 keeps it); without a copy, one plain GET.

/** The seconds a copy stays fresh when the config does not say (`max_age`). */
const DEFAULT_MAX_AGE = 300;

/** A copy of the config as the store keeps it. */
interface CachedConfig {
  config: WidgetConfig;
  etag?: string;
  /** When it was fetched or last confirmed (304), in milliseconds since the epoch. */
  at: number;
}

/** What reading the config needs from the page (replaceable in tests). */
export interface RemoteConfigContext {
  store: PreferenceStore;
  fetch?: typeof fetch;
  now?: () => number;
}

/** The PreferenceStore key of the copy of the config at `url`. */
export const cacheKey = (url: string): string => `widget-config ${url}`;

/** The stored copy, if the store holds a well-formed one. */
function cachedCopy(value: unknown): CachedConfig | undefined {
  const { config, at, etag } = (value ?? {}) as Partial<Record<keyof CachedConfig, unknown>>;
  const valid = typeof at === 'number' ? parseWidgetConfig(config) : undefined;
  return valid && { config: valid, at: at as number, ...(typeof etag === 'string' ? { etag } : {}) };
}

/**
 * The widget config at `url`: the stored copy while fresh, else revalidated or fetched (public: no cookies).
 * A failed or malformed answer leaves the stored copy as it was (used even when stale); without one, undefined.
 */
export async function loadWidgetConfig(url: string, ctx: RemoteConfigContext): Promise<WidgetConfig | undefined> {
  const { store, fetch = globalThis.fetch, now = Date.now } = ctx;
  const key = cacheKey(url);
  const cached = cachedCopy(await store.get(key));
  if (cached && now() - cached.at < (cached.config.max_age ?? DEFAULT_MAX_AGE) * 1000) return cached.config;
  try {
    const headers: HeadersInit = { accept: 'application/json', ...(cached?.etag ? { 'if-none-match': cached.etag } : {}) };
    const response = await fetch(url, { headers, credentials: 'omit' });
    const config = response.status === 304 ? cached?.config : response.ok ? parseWidgetConfig(await response.json()) : undefined;
    if (!config) return cached?.config;
    const etag = response.headers.get('etag') ?? (response.status === 304 ? cached?.etag : undefined);
    await store.set(key, { config, at: now(), ...(etag ? { etag } : {}) } satisfies CachedConfig);
    return config;
  } catch {
    return cached?.config;
  }
}
