import { expect } from '@open-wc/testing';
import { memoryStore, type PreferenceStore } from '../../src/client/storage.js';
import { MAX_SHOWS, NUDGE_KEY, nudgeAllowed, recordNudgeShown, snoozeNudge } from '../../src/controllers/passkey-nudge.js';

const DAY = 86_400_000;

describe('the passkey nudge frequency cap', () => {
  it('shows on a fresh device, and stops after MAX_SHOWS showings', async () => {
    const store = memoryStore();
    for (let shown = 0; shown < MAX_SHOWS; shown++) {
      expect(await nudgeAllowed(store)).to.equal(true);
      await recordNudgeShown(store);
    }
    expect(await nudgeAllowed(store)).to.equal(false);
  });

  it('"Not now" snoozes it for a week the first time, then for a month', async () => {
    const store = memoryStore();
    const now = Date.UTC(2026, 0, 1);
    await snoozeNudge(store, now);
    expect(await nudgeAllowed(store, now + 7 * DAY - 1)).to.equal(false);
    expect(await nudgeAllowed(store, now + 7 * DAY)).to.equal(true);
    const later = now + 8 * DAY;
    await snoozeNudge(store, later);
    expect(await nudgeAllowed(store, later + 29 * DAY)).to.equal(false);
    expect(await nudgeAllowed(store, later + 30 * DAY)).to.equal(true);
  });

  it('a "Not now" made while the showing is still being counted is not lost', async () => {
    const store = memoryStore();
    const now = Date.UTC(2026, 0, 1);
    await Promise.all([recordNudgeShown(store), snoozeNudge(store, now)]);
    expect(await store.get(NUDGE_KEY)).to.deep.equal({ shown: 1, dismissed: 1, snoozedUntil: now + 7 * DAY });
    expect(await nudgeAllowed(store, now + DAY)).to.equal(false);
  });

  it('reads a garbled or old-format record as a fresh device, and a failing store never throws', async () => {
    const store = memoryStore();
    await store.set(NUDGE_KEY, 'garbage');
    expect(await nudgeAllowed(store)).to.equal(true);
    const broken: PreferenceStore = {
      get: () => Promise.reject(new Error('blocked')),
      set: () => Promise.reject(new Error('blocked')),
      delete: () => Promise.reject(new Error('blocked')),
    };
    expect(await nudgeAllowed(broken)).to.equal(true);
    await recordNudgeShown(broken);
    await snoozeNudge(broken);
  });
});
