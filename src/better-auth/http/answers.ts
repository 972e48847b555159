// The JSON answers every Latchkey endpoint of the plugin gives. They are built as `Response` objects (which a
// better-auth endpoint may return) so the status, `Cache-Control: no-store` and several `Set-Cookie` lines
// are exactly the profile's, not better-call's defaults.

/** Extra headers of one answer: `set-cookie` may repeat, so values may be lists. */
export type AnswerHeaders = Record<string, string | readonly string[]>;

/** A JSON answer with `Cache-Control: no-store` (profile §2: every answer) and a `Content-Length` (§2.1a). */
export function jsonAnswer(status: number, body: unknown, headers: AnswerHeaders = {}): Response {
  const text = JSON.stringify(body);
  const out = new Headers({
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(new TextEncoder().encode(text).byteLength),
  });
  appendHeaders(out, headers);
  return new Response(text, { status, headers: out });
}

/** `204` with no body (sign-out), still `no-store`. */
export function noContent(headers: AnswerHeaders = {}): Response {
  const out = new Headers({ 'Cache-Control': 'no-store' });
  appendHeaders(out, headers);
  return new Response(null, { status: 204, headers: out });
}

/** An error answer in the profile's shape (ChallengeErrorResponse, §2.7, §6): `{ error, error_description, … }`. */
export function errorAnswer(status: number, error: string, description: string, extra: Record<string, unknown> = {}, headers: AnswerHeaders = {}): Response {
  return jsonAnswer(status, { error, error_description: description, ...extra }, headers);
}

function appendHeaders(target: Headers, headers: AnswerHeaders): void {
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') target.append(name, value);
    else for (const one of value) target.append(name, one);
  }
}

/** Copies CORS (or any) headers onto an answer built elsewhere, e.g. after a step decided its body. */
export function withHeaders(response: Response, headers: AnswerHeaders): Response {
  const out = new Headers(response.headers);
  appendHeaders(out, headers);
  return new Response(response.body, { status: response.status, headers: out });
}
