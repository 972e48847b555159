import { expect } from '@open-wc/testing';
import { randomId } from '../../src/client/random-id.js';

// The ids of devices, views, events and consent receipts: version 4 UUIDs made without crypto.randomUUID, which a
// plain-HTTP page lacks (test/e2e/site-identity.spec.ts loads the form on such pages).

describe('randomId', () => {
  it('is a version 4, variant 1 UUID in lowercase', () => {
    for (let i = 0; i < 200; i++) expect(randomId()).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('does not repeat, and its random bits are spread', () => {
    const ids = Array.from({ length: 5000 }, randomId);
    expect(new Set(ids).size).to.equal(5000);
    // Each hex digit of the first group is about equally likely: none is more than twice its share.
    const counts = new Map<string, number>();
    for (const id of ids) for (const digit of id.slice(0, 8)) counts.set(digit, (counts.get(digit) ?? 0) + 1);
    expect(counts.size).to.equal(16);
    for (const count of counts.values()) expect(count).to.be.below((2 * 5000 * 8) / 16);
  });
});
