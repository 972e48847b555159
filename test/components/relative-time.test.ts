import { expect } from '@open-wc/testing';
import { relativeTime } from '../../src/components/form/relative-time.js';

// The one relative time every element shows (passkeys, the last sign-in, sessions and activity, the trust panel).

describe('relativeTime', () => {
  const now = 1_800_000_000;
  it('picks the largest whole unit, in the given language', () => {
    expect(relativeTime(now - 3 * 86_400, 'en', now * 1000)).to.equal('3 days ago');
    expect(relativeTime(now - 86_400, 'en', now * 1000)).to.equal('yesterday');
    expect(relativeTime(now - 2 * 3600, 'de', now * 1000)).to.equal('vor 2 Stunden');
    expect(relativeTime(now - 10, 'en', now * 1000)).to.equal('now');
  });

  it('reads a time a little ahead of the page (the backend clock runs ahead) as now', () => {
    expect(relativeTime(now + 90, 'en', now * 1000)).to.equal('now');
  });
});
