import { expect } from '@open-wc/testing';
import { LatchErrorCode } from '../../src/client/errors.js';
import { readJSON, retryAfterSeconds, send } from '../../src/client/transport.js';
import { rejection } from '../helpers/rejection.js';

// Responses a real backend does not send (HTML from a proxy, 1 MB bodies, hung connections) are built
// here with the browser's own Response and fetch: the faults cannot be produced by the reference backend.

/** The page's fetch bound to the window, as the client keeps it (an unbound call throws "Illegal invocation"). */
const pageFetch: typeof fetch = fetch.bind(globalThis);

const json = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status: 200, headers: { 'content-type': 'application/json', ...headers } });

describe('readJSON()', () => {
  it('reads a JSON body', async () => {
    expect(await readJSON(json('{"a":1}'))).to.deep.equal({ a: 1 });
  });

  it('accepts structured-syntax JSON types (application/problem+json)', async () => {
    const response = new Response('{"a":1}', { headers: { 'content-type': 'application/problem+json' } });
    expect(await readJSON(response)).to.deep.equal({ a: 1 });
  });

  it('refuses an HTML error page from a proxy (fault R8)', async () => {
    const response = new Response('<h1>502</h1>', { status: 502, headers: { 'content-type': 'text/html' } });
    expect((await rejection(readJSON(response))).code).to.equal(LatchErrorCode.INVALID_RESPONSE);
  });

  it('refuses truncated JSON (fault R9)', async () => {
    expect((await rejection(readJSON(json('{"error":"ins')))).code).to.equal(LatchErrorCode.INVALID_RESPONSE);
  });

  it('stops reading a body over 256 KB (fault R6)', async () => {
    const huge = json(`{"x":"${'a'.repeat(300 * 1024)}"}`);
    expect((await rejection(readJSON(huge))).code).to.equal(LatchErrorCode.INVALID_RESPONSE);
  });

  it('refuses a declared Content-Length over the cap without reading', async () => {
    const response = json('{}', { 'content-length': String(10 * 1024 * 1024) });
    expect((await rejection(readJSON(response))).code).to.equal(LatchErrorCode.INVALID_RESPONSE);
  });
});

describe('retryAfterSeconds()', () => {
  it('reads delay-seconds', () => expect(retryAfterSeconds('30')).to.equal(30));
  it('reads an HTTP-date', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(retryAfterSeconds('Sat, 21 Nov 2026 10:00:45 GMT', now)).to.equal(45);
  });
  it('clamps absurd values to 1 s – 1 h (fault R14)', () => {
    expect(retryAfterSeconds('1000000000')).to.equal(3600);
    expect(retryAfterSeconds('0')).to.equal(1);
    expect(retryAfterSeconds('Thu, 01 Jan 1970 00:00:00 GMT')).to.equal(1);
  });
  it('ignores garbage', () => {
    expect(retryAfterSeconds('soon')).to.equal(undefined);
    expect(retryAfterSeconds(null)).to.equal(undefined);
  });
});

describe('send()', () => {
  it('times out a request that never answers (fault N1)', async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const error = await rejection(send('http://localhost:9/x', {}, { fetch: hang, timeout: 50 }));
    expect(error.code).to.equal(LatchErrorCode.TIMEOUT);
  });

  it('reports an abort by the caller as ABORTED, not as a failure', async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const controller = new AbortController();
    const pending = send('http://localhost:9/x', {}, { fetch: hang, timeout: 5000, signal: controller.signal });
    controller.abort();
    expect((await rejection(pending)).code).to.equal(LatchErrorCode.ABORTED);
  });

  it('reports a refused connection as NETWORK', async () => {
    // Port 9 (discard) is closed here: a real connection failure in the browser.
    const error = await rejection(send('http://localhost:9/x', {}, { fetch, timeout: 5000 }));
    expect(error.code).to.equal(LatchErrorCode.NETWORK);
  });

  it('reports a backend on another origin that is down as NETWORK, not as a CORS refusal', async () => {
    const error = await rejection(send('http://localhost:9/x', {}, { fetch: pageFetch, timeout: 5000, origin: location.origin }));
    expect(error.code).to.equal(LatchErrorCode.NETWORK);
  });

  it('reports a backend that answers but refuses this origin as CONFIG_CORS_REFUSED, naming the origin to allow', async () => {
    // The test server itself, addressed as 127.0.0.1 from a page on localhost: another origin, no CORS headers.
    const backend = `http://127.0.0.1:${location.port}`;
    const error = await rejection(send(`${backend}/`, {}, { fetch: pageFetch, timeout: 5000, origin: location.origin }));
    expect(error.code).to.equal(LatchErrorCode.CONFIG_CORS_REFUSED);
    expect(error.config).to.deep.equal({ issuer: backend, origin: location.origin });
  });
});
