import { Branding } from '../protocol/index.js';
import type { ClientContext } from './context.js';
import type { Discovery } from './discovery.js';
import { invalidResponse, parseWith, readJSON, send } from './transport.js';
import type { CallOptions, LatchClient } from './types.js';

// The client's branding (profile §26.1): its name, logo, policy links and allowed origins, from the backend's
// public `ciam_branding_endpoint`.

/** `client.branding()`: fetched once per client (retried after a failure); `undefined` when the backend has none. */
export function createBranding(ctx: ClientContext, discovery: Pick<Discovery, 'discover'>): Pick<LatchClient, 'branding'> {
  let answer: Promise<Branding | undefined> | undefined;

  async function fetchBranding(call?: CallOptions): Promise<Branding | undefined> {
    const endpoint = (await discovery.discover(call)).ciam_branding_endpoint;
    if (!endpoint) return undefined;
    const url = new URL(endpoint);
    url.searchParams.set('client_id', ctx.clientId);
    // Public: no cookies, so an answer with `Access-Control-Allow-Origin: *` is readable from any origin.
    const response = await send(url.href, { headers: { accept: 'application/json' }, credentials: 'omit' }, ctx.request(call));
    // A client the backend has no branding for: nothing to show, and nothing to check origins against.
    if (response.status === 404) return undefined;
    if (!response.ok) throw invalidResponse(`Branding failed (HTTP ${response.status})`);
    return parseWith(Branding, await readJSON(response));
  }

  return {
    branding(call?: CallOptions) {
      answer ??= fetchBranding(call).catch((error: unknown) => {
        answer = undefined;
        throw error;
      });
      return answer;
    },
  };
}
