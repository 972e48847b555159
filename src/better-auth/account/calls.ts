import type { AuthContext } from '@better-auth/core';
import { dispatchAuthEndpoint } from 'better-auth/api';

// The account endpoints do their real work by calling better-auth's own endpoints (the passkey plugin's), through
// `dispatchAuthEndpoint` so the endpoints' middlewares and every configured hook run as for an HTTP request.

type Endpoint = Parameters<typeof dispatchAuthEndpoint>[0];

/** What one internal call gave back: the status, the JSON body (errors are better-auth's `{ code, message }`). */
export interface CallResult {
  status: number;
  body: unknown;
  setCookies: string[];
}

/** One internal call with the caller's request headers (session cookie, Origin), a body or a query. */
export async function callBetterAuth(
  context: AuthContext,
  endpoint: Endpoint,
  input: { method: 'GET' | 'POST'; headers: Headers; body?: Record<string, unknown>; query?: Record<string, string> },
): Promise<CallResult> {
  const headers = new Headers(input.headers);
  if (input.body) headers.set('content-type', 'application/json');
  else headers.delete('content-type');
  const response = (await dispatchAuthEndpoint(endpoint, {
    context,
    method: input.method,
    headers,
    ...(input.body ? { body: input.body } : {}),
    ...(input.query ? { query: input.query } : {}),
    asResponse: true,
  })) as Response;
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, setCookies: response.headers.getSetCookie() };
}

/** better-auth's error code of a failed call (`SESSION_NOT_FRESH`, `CHALLENGE_NOT_FOUND`, …). */
export function errorCode(result: CallResult): string | undefined {
  const code = (result.body as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A configured plugin by id, narrowed to what the account endpoints read. */
export interface PluginLike {
  id: string;
  endpoints?: Record<string, unknown>;
  options?: Record<string, unknown>;
}

export function findPlugin(context: AuthContext, id: string): PluginLike | undefined {
  return (context.options.plugins ?? []).find((plugin: PluginLike) => plugin.id === id) as PluginLike | undefined;
}

/** The named endpoint of plugin `id`; a missing plugin is a setup error, said at the first request. */
export function pluginEndpoint(context: AuthContext, id: string, name: string): Endpoint {
  const endpoint = findPlugin(context, id)?.endpoints?.[name];
  if (!endpoint) throw new Error(`latchkey/better-auth: the account endpoints need better-auth's "${id}" plugin (endpoint "${name}")`);
  return endpoint as Endpoint;
}
