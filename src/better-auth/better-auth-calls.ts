import { dispatchAuthEndpoint } from 'better-auth/api';
import type { AuthContext } from 'better-auth';
import type { CookieJar } from './http/cookies.js';

// The adapter does every real piece of authentication by calling better-auth's own endpoints, through
// `dispatchAuthEndpoint` so their hooks run exactly as for an HTTP request (the two-factor plugin turns a
// password sign-in into `twoFactorRedirect` in an after hook). The caller's auth-session cookie jar stands in
// for the browser's cookies.

/** An endpoint as better-auth's plugins expose it (a callable with `path` and `options`). */
type Endpoint = Parameters<typeof dispatchAuthEndpoint>[0];

/** What one internal call gave back. */
export interface CallResult {
  readonly status: number;
  /** The JSON body, or `null`. Errors are `{ code, message }` as better-auth answers them. */
  readonly body: Record<string, unknown> | null;
  readonly setCookies: string[];
}

/** One internal call: the endpoint, its body or query, the jar standing in for cookies, the page's origin. */
export interface CallInput {
  readonly method: 'GET' | 'POST';
  readonly body?: Record<string, unknown>;
  readonly query?: Record<string, string>;
  readonly jar?: CookieJar;
  /** A `Cookie` header to send instead of the jar's (the browser's own, for session calls). */
  readonly cookie?: string | null;
  /** The page's `Origin`: WebAuthn verification checks the assertion against it. */
  readonly origin?: string | null;
  /** Extra request headers (the mail purpose the app's `sendVerificationOTP` may read). */
  readonly headers?: HeadersInit;
}

/** Calls `endpoint` as if the browser had, collecting status, body and `Set-Cookie` lines; the jar absorbs them. */
export async function callBetterAuth(context: AuthContext, endpoint: Endpoint, input: CallInput): Promise<CallResult> {
  const headers = new Headers(input.headers);
  const cookie = input.cookie !== undefined ? input.cookie : input.jar?.header();
  if (cookie) headers.set('cookie', cookie);
  if (input.origin) headers.set('origin', input.origin);
  // A caller's own request headers may name a JSON body the internal call does not have.
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
  const setCookies = response.headers.getSetCookie();
  input.jar?.absorb(setCookies);
  const text = await response.text();
  return { status: response.status, body: parseObject(text), setCookies };
}

function parseObject(text: string): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A better-auth plugin as the options list holds it, narrowed to what the adapter reads. */
interface PluginLike {
  readonly id: string;
  readonly endpoints?: Record<string, unknown>;
  readonly options?: Record<string, unknown>;
}

/** The plugin with `id` among the configured ones, or `undefined` (the adapter then does not offer its method). */
export function findPlugin(context: AuthContext, id: string): PluginLike | undefined {
  return (context.options.plugins ?? []).find((plugin: PluginLike) => plugin.id === id) as PluginLike | undefined;
}

/** The named endpoint of plugin `id`; throws when the plugin is missing, which discovery prevents. */
export function pluginEndpoint(context: AuthContext, id: string, name: string): Endpoint {
  const endpoint = findPlugin(context, id)?.endpoints?.[name];
  if (!endpoint) throw new Error(`latchkey: better-auth plugin "${id}" with endpoint "${name}" is not configured`);
  return endpoint as Endpoint;
}

/** better-auth's error code of a failed call (`INVALID_OTP`, `INVALID_EMAIL_OR_PASSWORD`, …). */
export function errorCode(result: CallResult): string | undefined {
  const code = result.body?.['code'];
  return typeof code === 'string' ? code : undefined;
}
