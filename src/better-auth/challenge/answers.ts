import { errorAnswer, jsonAnswer } from '../http/answers.js';
import type { AuthSession } from '../auth-sessions.js';

// The FiPA envelope of every intermediate answer (profile §2.3, §2.7): "more is needed" is `400
// insufficient_authorization` with the next step in `ciam`; a step's error echoes `auth_session` so the client
// retries it.

/** `400 insufficient_authorization` with the next step. */
export function nextStep(session: AuthSession, ciam: Record<string, unknown>): Response {
  return jsonAnswer(400, { error: 'insufficient_authorization', auth_session: session.handle, ciam });
}

/** A step's error, keeping the auth session alive (§2.7). */
export function stepError(
  session: AuthSession,
  error: string,
  description: string,
  extra: Record<string, unknown> = {},
  status = 400,
  headers: Record<string, string> = {},
): Response {
  return errorAnswer(status, error, description, { ...extra, auth_session: session.handle }, headers);
}

/** `429 rate_limited` with `Retry-After` (§7). */
export function rateLimited(session: AuthSession, retryAfter: number): Response {
  return errorAnswer(429, 'rate_limited', 'wait before asking for another code', { auth_session: session.handle }, { 'Retry-After': String(retryAfter) });
}

/** `400 invalid_request` for a step that is malformed or out of order. */
export function outOfOrder(session: AuthSession, description: string): Response {
  return stepError(session, 'invalid_request', description);
}
