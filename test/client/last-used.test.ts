import { expect } from '@open-wc/testing';
import { isLastUsed, LAST_USED_KEY, lastUsedOf, readLastUsed, rememberLastUsed } from '../../src/client/last-used.js';
import { indexedDbStore, memoryStore } from '../../src/client/storage.js';

// The "last used" record (issue 14; docs/protocol.md §26.5): a method id, in the real IndexedDB store.

describe('last used', () => {
  it('keeps the method of a sign-in, or its provider, and nothing else', async () => {
    const store = indexedDbStore(`latchkey-test-${Math.random()}`);
    const user = { sub: 'u1', email: 'ana@example.com' };
    await rememberLastUsed(store, { method: 'password', user, amr: ['pwd'] } as Parameters<typeof rememberLastUsed>[1]);
    expect(await store.get(LAST_USED_KEY)).to.equal('password');
    await rememberLastUsed(store, { method: 'sso', connection: 'google' });
    expect(await readLastUsed(store)).to.equal('sso:google');
  });

  it('records nothing for a sign-in at the backend\'s own page, which names no connection', async () => {
    const store = memoryStore();
    await rememberLastUsed(store, { method: 'sso' });
    expect(await readLastUsed(store)).to.equal(undefined);
    expect(lastUsedOf({ method: 'sso', connection: 'acme corp<script>' })).to.equal(undefined);
  });

  it('reads a value of any other shape as none, and a store that fails as none', async () => {
    const store = memoryStore();
    await store.set(LAST_USED_KEY, { email: 'ana@example.com' });
    expect(await readLastUsed(store)).to.equal(undefined);
    await store.set(LAST_USED_KEY, 'ana@example.com');
    expect(await readLastUsed(store)).to.equal(undefined);
    const broken = { get: () => Promise.reject(new Error('blocked')), set: () => Promise.reject(new Error('blocked')), delete: async () => undefined };
    expect(await readLastUsed(broken)).to.equal(undefined);
    await rememberLastUsed(broken, { method: 'passkey' });
  });

  it('takes an email link and an email code for the same choice', () => {
    expect(isLastUsed('email_otp', 'email_link')).to.equal(true);
    expect(isLastUsed('email_link', 'email_otp')).to.equal(true);
    expect(isLastUsed('password', 'email_otp')).to.equal(false);
    expect(isLastUsed(undefined, 'passkey')).to.equal(false);
  });
});
