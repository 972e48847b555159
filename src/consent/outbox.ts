import type { PreferenceStore } from '../client/storage.js';
import type { ConsentRecordRequest } from '../protocol/consent.js';

// The durable outbox of consent records (profile §23.2): a choice is applied on the page at once and its
// record waits here, in IndexedDB, until the backend confirms it. The record's id is its receipt id, so sending
// it again after a lost answer records nothing twice; a record leaves only when the backend said 200 or 201.

/** The PreferenceStore key of the records not yet confirmed. */
export const OUTBOX_KEY = 'consent-outbox';
/** First wait after a failed send, doubled after each further failure up to {@link MAX_DELAY_MS}. */
export const BASE_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 300_000;

/** What one send came to: confirmed (`done`), refused for good (`drop`), or worth trying again (`retry`). */
export type SendResult = 'done' | 'drop' | 'retry';

export interface OutboxDeps {
  store: PreferenceStore;
  /** Sends one record to the backend. */
  send(record: ConsentRecordRequest): Promise<SendResult>;
  /** The page's timers (injectable for tests). */
  setTimeout?: (run: () => void, ms: number) => unknown;
  clearTimeout?: (timer: unknown) => void;
  baseDelayMs?: number;
}

export interface Outbox {
  /** Keeps a record until it is confirmed. Adding an id already waiting changes nothing. */
  add(record: ConsentRecordRequest): Promise<void>;
  /** Sends every waiting record once, in order; a failure schedules the next try with back-off. */
  flush(): Promise<void>;
  /** The records still waiting. */
  pending(): Promise<ConsentRecordRequest[]>;
  /** Stops the scheduled retry. */
  dispose(): void;
}

/** An outbox over the client's PreferenceStore (IndexedDB, or memory when blocked). */
export function createOutbox(deps: OutboxDeps): Outbox {
  const schedule = deps.setTimeout ?? ((run, ms) => globalThis.setTimeout(run, ms));
  const cancel = deps.clearTimeout ?? ((timer) => globalThis.clearTimeout(timer as number));
  const baseDelay = deps.baseDelayMs ?? BASE_DELAY_MS;
  let failures = 0;
  let timer: unknown;
  // One change of the stored list at a time, and one flush at a time (a flush asked for meanwhile runs after it).
  let writing: Promise<unknown> = Promise.resolve();
  let flushing: Promise<void> | undefined;
  let again = false;

  const pending = async (): Promise<ConsentRecordRequest[]> => {
    const value = await deps.store.get(OUTBOX_KEY);
    return Array.isArray(value) ? (value as ConsentRecordRequest[]) : [];
  };

  const update = (change: (records: ConsentRecordRequest[]) => ConsentRecordRequest[]): Promise<void> => {
    const next = writing.then(async () => deps.store.set(OUTBOX_KEY, change(await pending())));
    writing = next.catch(() => undefined);
    return next;
  };

  const retryLater = (): void => {
    stop();
    const delay = Math.min(baseDelay * 2 ** failures, MAX_DELAY_MS);
    failures++;
    timer = schedule(() => {
      timer = undefined;
      void flush();
    }, delay);
  };

  async function sendAll(): Promise<void> {
    await writing;
    for (const record of await pending()) {
      const result = await deps.send(record).catch((): SendResult => 'retry');
      if (result === 'retry') return retryLater();
      await update((records) => records.filter((waiting) => waiting.id !== record.id));
    }
    failures = 0;
    stop();
  }

  function stop(): void {
    if (timer !== undefined) cancel(timer);
    timer = undefined;
  }

  function flush(): Promise<void> {
    if (flushing) {
      again = true;
      return flushing;
    }
    flushing = sendAll().finally(() => {
      flushing = undefined;
      if (again) {
        again = false;
        void flush();
      }
    });
    return flushing;
  }

  return {
    add: (record) => update((records) => (records.some((waiting) => waiting.id === record.id) ? records : [...records, record])),
    flush,
    pending,
    dispose: stop,
  };
}
