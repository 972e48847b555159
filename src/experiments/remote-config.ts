import type { WidgetConfig } from '../protocol/widget-config.js';
import { parseWidgetConfig } from './config.js';

// The backend's widget config (`config-url`, profile §28.1), through the browser's HTTP cache (RFC 9111): the
// endpoint answers with `Cache-Control: max-age` (the config's `max_age`) and an `ETag`, so a fresh copy costs
// no request, and a stale one is revalidated by the browser with `If-None-Match` (one request, a `304` renews
// it). The browser adds that header itself, so a config on another origin needs no CORS preflight for it, as it
// would if this code sent it. No copy of our own: the cache is the one the backend's headers govern.

/** What reading the config needs from the page (replaceable in tests). */
export interface RemoteConfigContext {
  fetch?: typeof fetch;
}

/**
 * The widget config at `url` (public: no cookies), or undefined for a malformed one or an error answer (the form
 * then shows its own options). When the backend cannot be reached at all, the copy the browser's cache holds is
 * used, stale or not.
 */
export async function loadWidgetConfig(url: string, { fetch = globalThis.fetch }: RemoteConfigContext = {}): Promise<WidgetConfig | undefined> {
  const read = (cache: RequestCache) => fetch(url, { headers: { accept: 'application/json' }, credentials: 'omit', cache });
  try {
    // Only a network error falls back to `force-cache`: the stored answer whatever its age.
    const response = await read('default').catch(() => read('force-cache'));
    return response.ok ? parseWidgetConfig(await response.json()) : undefined;
  } catch {
    return undefined;
  }
}
