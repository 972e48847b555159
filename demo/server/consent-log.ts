import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ConsentReceipt } from '../../src/protocol/index.js';
import { readJsonFile, writeFileAtomic } from './files.js';

// The consent log (docs/protocol.md §23.4): every consent a visitor or customer gave or withdrew, as a receipt,
// appended and never changed. Two things rewrite it: linking a device's anonymous entries to the account that
// signed in on it, and erasing an account (GDPR Art. 17), which removes every entry of the account and keeps
// one erasure entry with no personal data (profile §25.3 says what and why).

/** One entry: a receipt and whose it is. */
export interface ConsentEntry {
  receipt: ConsentReceipt;
  /** The browser's random device id, for a visitor's choice. */
  device_id?: string;
  /** The account's `sub`, once the entry belongs to an account. */
  account_id?: string;
}

/** What is kept after an account is erased: when, and a count. No id, no email, nothing that points to a person. */
export interface ErasureEntry {
  erased_at: number;
  entries_removed: number;
}

interface LogFile {
  version: 1;
  entries: ConsentEntry[];
  erasures: ErasureEntry[];
}

/** `sha256:` and the base64url SHA-256 of the UTF-8 text: what a receipt keeps of the words shown. */
export function textHash(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('base64url')}`;
}

/** The consent log, persisted as one JSON file in the data directory; every change is written atomically. */
export class ConsentLog {
  readonly #path: string;
  #entries: ConsentEntry[] = [];
  #erasures: ErasureEntry[] = [];
  #writing: Promise<void> = Promise.resolve();

  private constructor(path: string) {
    this.#path = path;
  }

  static async open(dataDir: string): Promise<ConsentLog> {
    const log = new ConsentLog(join(dataDir, 'consent-log.json'));
    const file = (await readJsonFile(log.#path)) as LogFile | undefined;
    log.#entries = file?.entries ?? [];
    log.#erasures = file?.erasures ?? [];
    return log;
  }

  /** The entry with this receipt id: a retried record finds its first receipt here (idempotency). */
  byReceiptId(id: string): ConsentEntry | undefined {
    return this.#entries.find((entry) => entry.receipt.id === id);
  }

  /** Appends an entry. A receipt id already logged is not logged again: the first entry is returned. */
  async append(entry: ConsentEntry): Promise<ConsentEntry> {
    const existing = this.byReceiptId(entry.receipt.id);
    if (existing) return existing;
    this.#entries.push(entry);
    await this.save();
    return entry;
  }

  /** Entries of an account, or of a device not linked to any account, oldest first. */
  entriesOf(owner: { accountId?: string; deviceId?: string }): ConsentEntry[] {
    return this.#entries.filter((entry) =>
      owner.accountId !== undefined
        ? entry.account_id === owner.accountId
        : owner.deviceId !== undefined && entry.device_id === owner.deviceId && entry.account_id === undefined,
    );
  }

  /** The newest receipt of one policy for an account or a device (by when it was chosen, then recorded). */
  current(owner: { accountId?: string; deviceId?: string }, policy: string): ConsentReceipt | undefined {
    let newest: ConsentReceipt | undefined;
    for (const { receipt } of this.entriesOf(owner)) {
      if (receipt.policy !== policy) continue;
      if (!newest || receipt.chosen_at > newest.chosen_at || (receipt.chosen_at === newest.chosen_at && receipt.recorded_at >= newest.recorded_at)) {
        newest = receipt;
      }
    }
    return newest;
  }

  /** After a sign-in: the device's anonymous entries now belong to the account. Returns how many moved. */
  async link(deviceId: string, accountId: string): Promise<number> {
    let moved = 0;
    for (const entry of this.#entries) {
      if (entry.device_id === deviceId && entry.account_id === undefined) {
        entry.account_id = accountId;
        moved++;
      }
    }
    if (moved > 0) await this.save();
    return moved;
  }

  /** Erases every entry of the account, and of the devices it used, keeping one {@link ErasureEntry}. */
  async erase(accountId: string, at: number): Promise<number> {
    const devices = new Set(this.#entries.filter((entry) => entry.account_id === accountId && entry.device_id).map((entry) => entry.device_id));
    const kept = this.#entries.filter((entry) => entry.account_id !== accountId && !(entry.device_id && devices.has(entry.device_id)));
    const removed = this.#entries.length - kept.length;
    this.#entries = kept;
    this.#erasures.push({ erased_at: at, entries_removed: removed });
    await this.save();
    return removed;
  }

  /** Persists the log; writes are chained so two saves never interleave. */
  save(): Promise<void> {
    const contents = JSON.stringify({ version: 1, entries: this.#entries, erasures: this.#erasures } satisfies LogFile, null, 2);
    this.#writing = this.#writing.then(() => writeFileAtomic(this.#path, contents));
    return this.#writing;
  }
}
