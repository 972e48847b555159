import { errorAnswer } from '../http/answers.js';
import type { AuthSessionStart } from '../auth-sessions.js';
import type { ResolvedOptions } from '../options.js';

// The form-encoded initial request of FiPA §5.1 (profile §2.1): a registered public client, PKCE S256
// required, optional `login_hint`, `nonce`, `scope`. `acr_values` is refused: better-auth has no
// authentication levels, so the adapter advertises none (levels are optional, profile §12 since 2026-12);
// `max_age` asks a signed-in user to prove a factor again.

/** A parsed initial request, or the answer that refuses it. */
export type InitialRequest = { ok: true; start: AuthSessionStart; loginHint: string | undefined; maxAge: number | undefined } | { ok: false; answer: Response };

const PKCE_CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;

/** Parses and checks the form; `allowHints` is false at `ciam_passkey_options_endpoint` (§2.1a). */
export function parseInitialRequest(form: URLSearchParams, options: ResolvedOptions, allowHints: boolean): InitialRequest {
  const refuse = (error: string, description: string) => ({ ok: false as const, answer: errorAnswer(400, error, description) });
  for (const name of new Set(form.keys())) if (form.getAll(name).length > 1) return refuse('invalid_request', `${name} is repeated`);
  const clientId = form.get('client_id');
  if (!clientId) return refuse('invalid_request', 'client_id is required');
  if (!options.clientIds.includes(clientId)) return refuse('invalid_client', 'unknown client');
  if (form.get('response_type') !== 'code') return refuse('invalid_request', 'response_type must be code');
  const codeChallenge = form.get('code_challenge') ?? '';
  if (!PKCE_CHALLENGE.test(codeChallenge)) return refuse('invalid_request', 'code_challenge is required (RFC 7636)');
  if (form.get('code_challenge_method') !== 'S256') return refuse('invalid_request', 'code_challenge_method must be S256');
  // Step-up levels (§12) are not offered: better-auth has no `acr`, so no requested level can be reached (§12.2,
  // answered before the session is looked at, which 2026-12 allows a backend without levels). `max_age` is offered.
  if (form.has('acr_values')) return refuse('unmet_authentication_requirements', 'this backend has no authentication levels (acr_values_supported)');
  if (!allowHints && (form.has('login_hint') || form.has('max_age'))) return refuse('invalid_request', 'login_hint and max_age belong to the authorization challenge endpoint');
  const maxAge = form.get('max_age');
  if (maxAge !== null && !/^\d{1,9}$/.test(maxAge)) return refuse('invalid_request', 'max_age must be a number of seconds');
  const nonce = form.get('nonce') ?? undefined;
  if (nonce !== undefined && nonce.length > 512) return refuse('invalid_request', 'nonce is too long');
  return {
    ok: true,
    start: { clientId, codeChallenge, nonce, scope: form.get('scope') ?? 'openid' },
    loginHint: form.get('login_hint') ?? undefined,
    maxAge: maxAge === null ? undefined : Number(maxAge),
  };
}
