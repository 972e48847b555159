import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { backendURL } from '../support/backend.js';

// The backend's CORS answers, read over HTTP as a browser would receive them: the store's origin (and the
// backend's own) get a credentialed allow-list; any other origin gets nothing the browser would accept.
const FOREIGN = 'https://evil.example';

async function api(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: backendURL() });
}

test.describe('sibling subdomains: the CORS allow-list', () => {
  test('a preflight from the store is allowed with credentials, the methods and the request headers the client sends', async ({ baseURL }) => {
    const http = await api();
    for (const path of ['/authorize-challenge', '/session', '/passkeys/register', '/factors', '/email', '/token']) {
      const response = await http.fetch(path, {
        method: 'OPTIONS',
        headers: { Origin: baseURL!, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,authorization' },
      });
      expect(response.status(), path).toBe(204);
      expect(response.headers(), path).toMatchObject({
        'access-control-allow-origin': baseURL,
        'access-control-allow-credentials': 'true',
        // PUT: the password (`PUT /factors/password`, docs/protocol.md §21.1).
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': 'Content-Type, Authorization, Accept',
        vary: expect.stringContaining('Origin'),
      });
    }
    await http.dispose();
  });

  test('an answer to the store exposes Retry-After, WWW-Authenticate and Date; a foreign origin gets no CORS headers', async ({ baseURL }) => {
    const http = await api();
    const ours = await http.get('/session', { headers: { Origin: baseURL! } });
    expect(ours.headers()).toMatchObject({
      'access-control-allow-origin': baseURL,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'Retry-After, WWW-Authenticate, Date',
      vary: 'Origin',
    });

    const theirs = await http.get('/session', { headers: { Origin: FOREIGN } });
    expect(Object.keys(theirs.headers()).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const preflight = await http.fetch('/authorize-challenge', { method: 'OPTIONS', headers: { Origin: FOREIGN, 'Access-Control-Request-Method': 'POST' } });
    expect(Object.keys(preflight.headers()).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    await http.dispose();
  });

  test('discovery is open to any origin without credentials; the store gets it with credentials', async ({ baseURL }) => {
    const http = await api();
    const foreign = await http.get('/.well-known/openid-configuration', { headers: { Origin: FOREIGN } });
    expect(foreign.status()).toBe(200);
    expect(foreign.headers()['access-control-allow-origin']).toBe(FOREIGN);
    expect(foreign.headers()['access-control-allow-credentials']).toBeUndefined();
    const ours = await http.get('/.well-known/openid-configuration', { headers: { Origin: baseURL! } });
    expect(ours.headers()).toMatchObject({ 'access-control-allow-origin': baseURL, 'access-control-allow-credentials': 'true' });
    expect((await ours.json()).issuer).toBe(baseURL!.replace('://www.', '://id.'));
    await http.dispose();
  });
});
