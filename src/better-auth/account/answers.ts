import { errorAnswer } from '../http/answers.js';

// The account endpoints' refusals, thrown by the checks and steps and turned into the profile's error shape (§6,
// §15) once per endpoint; their other answers are the plugin's (`http/answers.ts`: `no-store`, `Content-Length`).

/**
 * A refusal in the profile's error shape (§6). Thrown by the checks and steps, caught once per endpoint, so a
 * handler reads as its happy path.
 */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${error}: ${description}`);
  }

  answer(): Response {
    return errorAnswer(this.status, this.error, this.description, this.extra, this.headers);
  }
}

/** No session: RFC 6750 §3, a bare `Bearer` challenge (profile §12.3, §15). */
export function loginRequired(): Refusal {
  return new Refusal(401, 'login_required', 'sign in first', {}, { 'WWW-Authenticate': 'Bearer' });
}

/**
 * RFC 9470 §3: the last authentication is older than `maxAge` seconds. Every auth-param is a quoted string
 * (RFC 9110 §11.2); the JSON body repeats the challenge with `max_age` as a number (profile §15).
 */
export function insufficientUserAuthentication(description: string, maxAge: number): Refusal {
  const header = `Bearer error="insufficient_user_authentication", error_description="${description}", max_age="${maxAge}"`;
  return new Refusal(401, 'insufficient_user_authentication', description, { max_age: maxAge }, { 'WWW-Authenticate': header });
}

export const invalidRequest = (description: string, extra: Record<string, unknown> = {}) => new Refusal(400, 'invalid_request', description, extra);
export const notFound = (description: string) => new Refusal(404, 'not_found', description);

/** Runs an endpoint's work; a `Refusal` becomes its answer, anything else stays a server error. */
export async function answering(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return error.answer();
    throw error;
  }
}
