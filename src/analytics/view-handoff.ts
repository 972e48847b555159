import type { Method } from '../protocol/index.js';

// A redirect sign-in (social or enterprise) leaves the page and finishes on the redirect URI page: the view
// that left is kept in sessionStorage for that page, so its `signed_in` belongs to the same view, with the
// time and steps since the form was drawn. Only these counters and a random view id: nothing personal, no token.

/** What a view hands to the page after the provider. */
export interface SavedView {
  id: string;
  /** When the view started (epoch milliseconds). */
  start: number;
  steps: number;
  retries: number;
  chosen?: Method | 'sso';
}

const KEY = 'latch-funnel-view';
/** A provider's page taking longer than this is a new visit. */
const MAX_AGE_MS = 30 * 60_000;

/** Keeps the view for the redirect URI page of this tab. Never throws. */
export function saveView({ id, start, steps, retries, chosen }: SavedView): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ id, start, steps, retries, chosen, saved: Date.now() }));
  } catch {
    // Storage blocked: the sign-in counts as a view of its own.
  }
}

/** The view a redirect sign-in left with, once (it is removed), if it is recent and well-formed. */
export function resumeView(now = Date.now()): SavedView | undefined {
  let saved: Partial<SavedView & { saved: number }> | undefined;
  try {
    saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') ?? undefined;
    sessionStorage.removeItem(KEY);
  } catch {
    return undefined;
  }
  const { id, start, steps, retries, chosen } = saved ?? {};
  const fresh = typeof saved?.saved === 'number' && now - saved.saved < MAX_AGE_MS;
  if (!fresh || typeof id !== 'string' || typeof start !== 'number' || typeof steps !== 'number' || typeof retries !== 'number') return undefined;
  return { id, start, steps, retries, chosen };
}
