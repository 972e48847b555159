import { expect } from '@open-wc/testing';
import { loadWidgetConfig } from '../../src/experiments/remote-config.js';

// `config-url` through the browser's HTTP cache, against a real HTTP endpoint that answers as profile §28.1 asks
// (widget-config-server.mjs, in the test runner's own server): what reached the server is what it saw.

/** A URL of this test's own, so no other test's answer is in the cache for it. */
const configUrl = (query = '') => `/__widget-config/${crypto.randomUUID()}${query}`;

/** What reached the server for `url`: each request's If-None-Match and the status it was answered with. */
async function seen(url: string): Promise<Array<{ ifNoneMatch: string | null; status: number }>> {
  return (await fetch(`${url.replace(/\?.*$/, '')}/seen`)).json();
}

describe('remote widget config (config-url)', () => {
  it('asks once; while the answer is fresh (its max-age), the next read reaches no server', async () => {
    const url = configUrl('?max_age=300');
    const first = await loadWidgetConfig(url);
    expect(first?.version).to.equal('fixture-1');
    expect(first?.options).to.deep.equal({ socialPosition: 'top' });
    expect(await loadWidgetConfig(url)).to.deep.equal(first);
    expect(await seen(url)).to.deep.equal([{ ifNoneMatch: null, status: 200 }]);
  });

  it('revalidates a stale answer with If-None-Match, added by the browser, and a 304 keeps the config', async () => {
    const url = configUrl('?max_age=0');
    const first = await loadWidgetConfig(url);
    expect(await loadWidgetConfig(url)).to.deep.equal(first);
    const [, revalidation] = await seen(url);
    expect(revalidation).to.deep.equal({ ifNoneMatch: `"${url.split('/')[2]!.replace(/\?.*$/, '')}-0"`, status: 304 });
  });

  it('keeps using the stale copy when the backend cannot be reached', async () => {
    const url = configUrl('?max_age=0&then=unreachable');
    expect((await loadWidgetConfig(url))?.version).to.equal('fixture-1');
    expect((await loadWidgetConfig(url))?.version).to.equal('fixture-1');
    // The browser may try a dropped connection once more before it gives up: every try after the first failed.
    const [first, ...tries] = (await seen(url)).map((request) => request.status);
    expect(first).to.equal(200);
    expect(tries).to.not.be.empty;
    expect(tries.every((status) => status === 0)).to.equal(true);
  });

  it('draws with its own options on an error answer (the form is not held by a failing backend)', async () => {
    const url = configUrl('?max_age=0&then=500');
    expect((await loadWidgetConfig(url))?.version).to.equal('fixture-1');
    expect(await loadWidgetConfig(url)).to.equal(undefined);
    expect((await seen(url)).map((request) => request.status)).to.deep.equal([200, 500]);
  });

  it('gives nothing for a malformed config, a missing one or an unreachable backend', async () => {
    expect(await loadWidgetConfig(configUrl('?body=malformed'))).to.equal(undefined);
    expect(await loadWidgetConfig('/__widget-config/no/such/config')).to.equal(undefined);
    expect(await loadWidgetConfig('http://127.0.0.1:9/widget-config')).to.equal(undefined);
  });

  it('asks once for an answer that is not JSON: only a network error tries the cached copy', async () => {
    const url = configUrl('?body=html');
    expect(await loadWidgetConfig(url)).to.equal(undefined);
    expect(await seen(url)).to.deep.equal([{ ifNoneMatch: null, status: 200 }]);
  });

  it('sends no cookies and asks for JSON', async () => {
    const sent: RequestInit[] = [];
    const url = configUrl();
    await loadWidgetConfig(url, { fetch: (input, init) => (sent.push(init ?? {}), fetch(input, init)) });
    expect(sent[0]).to.include({ credentials: 'omit', cache: 'default' });
    expect(new Headers(sent[0]!.headers).get('accept')).to.equal('application/json');
  });
});
