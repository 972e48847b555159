import type { ReactiveControllerHost } from 'lit';
import type { LatchClient } from '../client/client.js';
import { readLastUsed, type LastUsed } from '../client/last-used.js';

/**
 * What `<latch-login>` knows of this device's "last used" method (issue 14; src/client/last-used.ts): read
 * each time the form starts, after it is interactive, so the badge may appear a moment after the form.
 */
export class LastUsedRecord {
  /** The method or provider this device last signed in with, once read. */
  value: LastUsed | undefined;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Reads the record; the element draws again when it changed. */
  async read(client: LatchClient): Promise<void> {
    const value = await readLastUsed(client.storage);
    if (value === this.value) return;
    this.value = value;
    this.host.requestUpdate();
  }
}
