import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { createClient } from '../../src/client/client.js';
import type { SessionChange } from '../../src/client/client.js';
import { readSessionMessage, sessionChannel, type SessionMessage } from '../../src/client/session-channel.js';

const OFFLINE_ISSUER = 'http://localhost:9';

describe('session channel', () => {
  it('accepts only the three message shapes, with nothing but a type, a time and what the type needs', () => {
    expect(readSessionMessage({ type: 'signed-in', at: 1 })).to.deep.equal({ type: 'signed-in', at: 1 });
    expect(readSessionMessage({ type: 'signed-out', at: 1, reason: 'idle' })).to.deep.equal({ type: 'signed-out', at: 1, reason: 'idle' });
    expect(readSessionMessage({ type: 'extended', at: 1, idle_expires_at: 2 })).to.deep.equal({ type: 'extended', at: 1, idle_expires_at: 2 });
    // Extra fields are dropped, unknown types and reasons refused.
    expect(readSessionMessage({ type: 'signed-in', at: 1, token: 'secret' })).to.deep.equal({ type: 'signed-in', at: 1 });
    expect(readSessionMessage({ type: 'signed-out', at: 1, reason: 'hacked' })).to.equal(undefined);
    expect(readSessionMessage({ type: 'takeover', at: 1 })).to.equal(undefined);
    expect(readSessionMessage('signed-out')).to.equal(undefined);
    expect(readSessionMessage(null)).to.equal(undefined);
  });

  it('reaches the other channels of the same issuer, not its own and not other issuers', async () => {
    const a = sessionChannel('https://id.example.com');
    const b = sessionChannel('https://id.example.com');
    const other = sessionChannel('https://other.example.com');
    const heardByA: SessionMessage[] = [];
    const heardByB: SessionMessage[] = [];
    const heardByOther: SessionMessage[] = [];
    a.subscribe((message) => heardByA.push(message));
    b.subscribe((message) => heardByB.push(message));
    other.subscribe((message) => heardByOther.push(message));
    a.post({ type: 'signed-out', at: 5, reason: 'user' });
    await waitUntil(() => heardByB.length === 1);
    expect(heardByB).to.deep.equal([{ type: 'signed-out', at: 5, reason: 'user' }]);
    expect(heardByA).to.deep.equal([]);
    expect(heardByOther).to.deep.equal([]);
  });

  it('tells its own listeners and the other clients of the issuer, and a sign-out elsewhere clears the tokens', async () => {
    const here = createClient({ issuer: OFFLINE_ISSUER, clientId: 'web' });
    const there = createClient({ issuer: OFFLINE_ISSUER, clientId: 'web' });
    const heardHere: SessionChange[] = [];
    const heardThere: SessionChange[] = [];
    const stop = here.onSessionChange((change) => heardHere.push(change));
    there.onSessionChange((change) => heardThere.push(change));
    // The backend is unreachable: sign-out still happens locally, and is still told (ASVS 5 14.3.1).
    const failed = await here.signOut().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).to.exist;
    expect(heardHere).to.deep.equal([{ type: 'signed-out', reason: 'user', remote: false }]);
    await waitUntil(() => heardThere.length === 1);
    expect(heardThere).to.deep.equal([{ type: 'signed-out', reason: 'user', remote: true }]);
    expect(there.getAccessToken()).to.equal(undefined);
    stop();
    await here.signOut({ reason: 'idle' }).catch(() => undefined);
    expect(heardHere).to.have.length(1);
    await waitUntil(() => heardThere.length === 2);
    expect(heardThere[1]).to.deep.equal({ type: 'signed-out', reason: 'idle', remote: true });
  });

  describe('without BroadcastChannel (fault K8)', () => {
    const original = globalThis.BroadcastChannel;
    beforeEach(() => {
      // @ts-expect-error: removed to exercise the fallback
      delete globalThis.BroadcastChannel;
    });
    afterEach(() => {
      globalThis.BroadcastChannel = original;
    });

    it('writes the message to a storage key for an instant and leaves nothing behind', () => {
      const writes: Array<[string, string]> = [];
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key: string, value: string) {
        writes.push([key, value]);
        setItem.call(this, key, value);
      };
      try {
        sessionChannel('https://id.example.com').post({ type: 'signed-out', at: 7, reason: 'user' });
      } finally {
        Storage.prototype.setItem = setItem;
      }
      expect(writes).to.deep.equal([['latchkey:session:https://id.example.com', '{"type":"signed-out","at":7,"reason":"user"}']]);
      expect(localStorage.getItem('latchkey:session:https://id.example.com')).to.equal(null);
    });

    it('hears other documents through the storage event', async () => {
      const heard: SessionMessage[] = [];
      sessionChannel('https://id.example.com').subscribe((message) => heard.push(message));
      // What another tab's write looks like here.
      window.dispatchEvent(
        new StorageEvent('storage', { key: 'latchkey:session:https://id.example.com', newValue: '{"type":"signed-in","at":9}' }),
      );
      window.dispatchEvent(new StorageEvent('storage', { key: 'latchkey:session:https://id.example.com', newValue: null }));
      window.dispatchEvent(new StorageEvent('storage', { key: 'unrelated', newValue: '{"type":"signed-in","at":9}' }));
      expect(heard).to.deep.equal([{ type: 'signed-in', at: 9 }]);
    });
  });
});
