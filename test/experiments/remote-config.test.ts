import { expect } from '@open-wc/testing';
import { memoryStore } from '../../src/client/storage.js';
import { cacheKey, loadWidgetConfig } from '../../src/experiments/remote-config.js';

// `config-url` against a real HTTP server: the test runner's own, which answers its files with an ETag and a
// 304 to a matching If-None-Match. The fetch is the browser's, wrapped only to list what went out.

const CONFIG_URL = new URL('./fixtures/widget-config.json', import.meta.url).href;
const MALFORMED_URL = new URL('./fixtures/malformed-config.json', import.meta.url).href;
const MISSING_URL = new URL('./fixtures/no-such-config.json', import.meta.url).href;

/** The browser's fetch, listing each request's `If-None-Match` and each answer's status. */
function recordingFetch(): { fetch: typeof fetch; sent: Array<{ ifNoneMatch: string | null; status: number }> } {
  const sent: Array<{ ifNoneMatch: string | null; status: number }> = [];
  return {
    sent,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      sent.push({ ifNoneMatch: new Headers(init?.headers).get('if-none-match'), status: response.status });
      return response;
    },
  };
}

describe('remote widget config (config-url)', () => {
  it('fetches once, then uses the fresh copy with no request at all', async () => {
    const store = memoryStore();
    const { fetch, sent } = recordingFetch();
    const first = await loadWidgetConfig(CONFIG_URL, { store, fetch });
    expect(first?.version).to.equal('fixture-1');
    expect(sent).to.deep.equal([{ ifNoneMatch: null, status: 200 }]);
    const copy = (await store.get(cacheKey(CONFIG_URL))) as { etag?: string };
    expect(copy.etag).to.be.a('string');
    const second = await loadWidgetConfig(CONFIG_URL, { store, fetch });
    expect(second).to.deep.equal(first);
    expect(sent).to.have.length(1);
  });

  it('revalidates a stale copy with If-None-Match, keeps it on 304, and counts it fresh again', async () => {
    const store = memoryStore();
    let now = Date.now();
    const { fetch, sent } = recordingFetch();
    await loadWidgetConfig(CONFIG_URL, { store, fetch, now: () => now });
    const { etag } = (await store.get(cacheKey(CONFIG_URL))) as { etag: string };
    now += 301_000;
    const revalidated = await loadWidgetConfig(CONFIG_URL, { store, fetch, now: () => now });
    expect(revalidated?.version).to.equal('fixture-1');
    expect(sent[1]).to.deep.equal({ ifNoneMatch: etag, status: 304 });
    now += 299_000;
    await loadWidgetConfig(CONFIG_URL, { store, fetch, now: () => now });
    expect(sent).to.have.length(2);
  });

  it('gives nothing for a malformed or missing config, and keeps using a stale copy when the server fails', async () => {
    const store = memoryStore();
    expect(await loadWidgetConfig(MALFORMED_URL, { store })).to.equal(undefined);
    expect(await loadWidgetConfig(MISSING_URL, { store })).to.equal(undefined);
    expect(await store.get(cacheKey(MISSING_URL))).to.equal(undefined);
    // A copy of the good config stored under the missing URL, long stale: the 404 leaves it in use.
    const good = await loadWidgetConfig(CONFIG_URL, { store: memoryStore() });
    await store.set(cacheKey(MISSING_URL), { config: good, at: 0 });
    expect((await loadWidgetConfig(MISSING_URL, { store }))?.version).to.equal('fixture-1');
  });

  it('fetches afresh over a stored copy that is not a config', async () => {
    const store = memoryStore();
    await store.set(cacheKey(CONFIG_URL), { config: { version: '' }, at: Date.now(), etag: '"x"' });
    const { fetch, sent } = recordingFetch();
    expect((await loadWidgetConfig(CONFIG_URL, { store, fetch }))?.version).to.equal('fixture-1');
    expect(sent).to.deep.equal([{ ifNoneMatch: null, status: 200 }]);
  });
});
