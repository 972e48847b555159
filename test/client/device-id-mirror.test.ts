import { expect } from '@open-wc/testing';
import { deviceIdOf, DEVICE_ID_KEY, DEVICE_ID_MIRROR } from '../../src/client/device-id.js';
import { indexedDbStore, memoryStore } from '../../src/client/storage.js';
import { waitUntil } from '../helpers/wait-until.js';

// The device id's localStorage mirror (src/client/device-id.ts): read synchronously, so a form with experiments
// draws its variant before its first paint, while Latchkey's IndexedDB store keeps a copy. This file's page
// starts with empty storage (each test file has a browser context of its own); a second page view is a second
// copy of the module (a query string makes the test server's module new).

type DeviceIdModule = typeof import('../../src/client/device-id.js');

/** The module as another page view finds it: a new copy, with nothing read yet. */
const nextView = (name: string): Promise<DeviceIdModule> => import(`../../src/client/device-id.ts?view=${name}`) as Promise<DeviceIdModule>;

describe('device id mirror', () => {
  after(() => localStorage.removeItem(DEVICE_ID_MIRROR));

  it('makes the id synchronously on a new device, and every read of this view gets the same one', async () => {
    expect(localStorage.getItem(DEVICE_ID_MIRROR)).to.equal(null);
    let settled = false;
    const first = deviceIdOf();
    void first.then(() => (settled = true));
    // Settled within the microtasks: no storage is waited for.
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).to.equal(true);
    const made = await first;
    expect(made.visitor).to.equal('new');
    expect(made.id).to.match(/^[0-9a-f-]{36}$/);
    expect(localStorage.getItem(DEVICE_ID_MIRROR)).to.equal(made.id);
    expect(await deviceIdOf()).to.equal(made);
  });

  it("gives Latchkey's own store the mirrored id and a copy of it, but a page's own store its own id", async () => {
    const { id } = await deviceIdOf();
    const store = indexedDbStore();
    expect((await deviceIdOf(store)).id).to.equal(id);
    await waitUntil(async () => (await store.get(DEVICE_ID_KEY)) === id, 'the IndexedDB copy of the mirrored id');
    const own = memoryStore();
    const ownId = await deviceIdOf(own);
    expect(ownId.id).not.to.equal(id);
    expect(await own.get(DEVICE_ID_KEY)).to.equal(ownId.id);
  });

  it('finds the id on the next view as returning, and replaces a mirror that is not an id', async () => {
    const { id } = await deviceIdOf();
    expect(await (await nextView('2')).deviceIdOf()).to.deep.equal({ id, visitor: 'returning' });

    localStorage.setItem(DEVICE_ID_MIRROR, 'ana@example.com');
    const replaced = await (await nextView('3')).deviceIdOf();
    expect(replaced.visitor).to.equal('new');
    expect(replaced.id).to.match(/^[0-9a-f-]{36}$/);
    expect(localStorage.getItem(DEVICE_ID_MIRROR)).to.equal(replaced.id);
  });

  it('holds an id for the page only where localStorage is blocked (fault C1), and says it is new', async () => {
    const { getItem } = Storage.prototype;
    Storage.prototype.getItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    try {
      const blockedView = await nextView('blocked');
      const made = await blockedView.deviceIdOf();
      expect(made.visitor).to.equal('new');
      expect(await blockedView.deviceIdOf()).to.equal(made);
    } finally {
      Storage.prototype.getItem = getItem;
    }
  });
});
