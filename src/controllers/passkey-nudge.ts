import type { PreferenceStore } from '../client/storage.js';

// How often this device shows the passkey nudge: a "Not now" snoozes it (a week, then a month), and it
// is shown at most MAX_SHOWS times in all. Kept in the preference store (IndexedDB, non-secret).

/** The preference store key; its value is a {@link NudgeRecord}. */
export const NUDGE_KEY = 'passkey-nudge';
/** Most times the nudge is shown on one device, whatever the user does with it. */
export const MAX_SHOWS = 3;
const DAY = 86_400_000;
/** The snooze after the first "Not now", and after every later one. */
export const SNOOZES = [7 * DAY, 30 * DAY] as const;

/** What the device remembers about the nudge. */
export interface NudgeRecord {
  /** Times it was shown. */
  shown: number;
  /** Times the user said "Not now". */
  dismissed: number;
  /** Epoch milliseconds until which it stays hidden. */
  snoozedUntil: number;
}

function read(value: unknown): NudgeRecord {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof NudgeRecord, unknown>>;
  const count = (field: unknown) => (typeof field === 'number' && Number.isFinite(field) && field >= 0 ? field : 0);
  return { shown: count(record.shown), dismissed: count(record.dismissed), snoozedUntil: count(record.snoozedUntil) };
}

/** Whether the nudge may show now. A store that fails reads as a fresh device. */
export async function nudgeAllowed(store: PreferenceStore, now = Date.now()): Promise<boolean> {
  const record = read(await store.get(NUDGE_KEY).catch(() => undefined));
  return record.shown < MAX_SHOWS && record.snoozedUntil <= now;
}

/**
 * Read-modify-write of the record, one at a time: a "Not now" clicked while the showing is still being
 * counted must not be overwritten by that count (it would bring the nudge back on the next visit).
 */
let updates: Promise<void> = Promise.resolve();
function update(store: PreferenceStore, change: (record: NudgeRecord) => NudgeRecord): Promise<void> {
  updates = updates.then(async () => {
    const record = read(await store.get(NUDGE_KEY).catch(() => undefined));
    await store.set(NUDGE_KEY, change(record)).catch(() => undefined);
  });
  return updates;
}

/** Counts one showing. */
export function recordNudgeShown(store: PreferenceStore): Promise<void> {
  return update(store, (record) => ({ ...record, shown: record.shown + 1 }));
}

/** "Not now": hidden for a week the first time, a month after that. */
export function snoozeNudge(store: PreferenceStore, now = Date.now()): Promise<void> {
  return update(store, (record) => ({
    ...record,
    dismissed: record.dismissed + 1,
    snoozedUntil: now + (record.dismissed === 0 ? SNOOZES[0] : SNOOZES[1]),
  }));
}
