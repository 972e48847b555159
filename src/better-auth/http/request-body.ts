import { errorAnswer } from './answers.js';

/** Profile §2.2: intermediate request bodies are at most 64 KB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A body read within the limit, or why it was refused (`413`, `415`) and the profile's answer saying so. */
export type BodyRead = { ok: true; text: string } | { ok: false; status: 413 | 415; description: string; answer: Response };

/** The request's media type without parameters, lower-cased. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Reads the body as text when its media type is `expected`: `415` otherwise (JSON forces a CORS preflight, the
 * CSRF defence of §2.2), `413` past 64 KB, counted while reading so a lying `Content-Length` does not help.
 */
export async function readLimitedBody(request: Request, expected: string): Promise<BodyRead> {
  if (mediaType(request) !== expected) {
    return refused(415, `send ${expected}`);
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return refused(413, TOO_LARGE);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        return refused(413, TOO_LARGE);
      }
      chunks.push(value);
    }
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

const TOO_LARGE = `the body is larger than ${MAX_BODY_BYTES} bytes`;

function refused(status: 413 | 415, description: string): BodyRead {
  return { ok: false, status, description, answer: errorAnswer(status, 'invalid_request', description) };
}
