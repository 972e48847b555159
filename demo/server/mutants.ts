import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

// TEST ONLY. Deliberately broken variants of the reference backend, which the conformance runner
// (src/conformance/, `npx latchkey-conformance`) must catch, each naming the requirement of docs/protocol.md §30
// it breaks (test/conformance/mutants.test.ts). Chosen with `LATCH_MUTANT=<name>` (or the `mutant` option), and
// only in development mode (`LATCH_DEV=1`): a production start refuses the variable. This module is the only
// place the breakage lives; the backend consults it at four points (app.ts for the answers and the origin rule,
// challenge.ts for PKCE, steps/identifier.ts for select_method).

/** Each mutant, and the requirement (§30) the runner must report as failed. */
export const MUTANTS = {
  /** `select_method` offers no passkey for an address without an account. */
  enumeration: 'C-ENUM-1',
  /** The authorization response (`Location` to the redirect URI) has no `iss` (RFC 9207). */
  'no-iss': 'C-REDIR-2',
  /** Errors say `message` instead of `error`. */
  'error-shape': 'C-ERR-1',
  /** A 429 carries no `Retry-After`. */
  'no-retry-after': 'C-RATE-1',
  /** The initial request is accepted without `code_challenge`, or with `plain`. */
  'pkce-optional': 'C-PKCE-1',
  /** JSON answers carry no `Cache-Control: no-store`. */
  'no-cache-control': 'C-HDR-1',
  /** The `email_otp` state's `code_length` is a string. */
  'schema-break': 'C-STEP-1',
  /** Any `Origin` is echoed with credentials allowed. */
  'cors-any-origin': 'C-CORS-2',
  /** A page of any origin may run the steps and read the session (profile §26.2's refusal is skipped). */
  'origin-unchecked': 'C-ORIG-1',
} as const;

export type Mutant = keyof typeof MUTANTS;

/** `LATCH_MUTANT`, checked: a name of {@link MUTANTS}, and never outside development mode. */
export function readMutant(value: string | undefined, dev: boolean): Mutant | undefined {
  if (!value) return undefined;
  if (!dev) throw new Error('LATCH_MUTANT breaks the backend on purpose; it is honoured only with LATCH_DEV=1');
  if (!(value in MUTANTS)) throw new Error(`LATCH_MUTANT must be one of ${Object.keys(MUTANTS).join(', ')}`);
  return value as Mutant;
}

/** `pkce-optional`: a form without PKCE, or with `plain`, passes as if it had sent S256. */
export function relaxPkce(mutant: Mutant | undefined, form: Record<string, string>): Record<string, string> {
  if (mutant !== 'pkce-optional' || (form.code_challenge && form.code_challenge_method === 'S256')) return form;
  return { ...form, code_challenge: form.code_challenge || 'A'.repeat(43), code_challenge_method: 'S256' };
}

/** Whether the backend applies profile §26.2's origin rule: every variant but `origin-unchecked` does. */
export function checksOrigins(mutant: Mutant | undefined): boolean {
  return mutant !== 'origin-unchecked';
}

/** `enumeration`: the methods offered for an address without an account lose the passkey. */
export function leakAccount<T extends string>(mutant: Mutant | undefined, exists: boolean, methods: T[]): T[] {
  return mutant === 'enumeration' && !exists ? methods.filter((method) => method !== 'passkey') : methods;
}

/** Mutants that change an answer's headers or JSON body; patches `res` for this one answer. */
export function breakAnswer(mutant: Mutant | undefined, req: IncomingMessage, res: ServerResponse): void {
  if (!mutant || mutant === 'pkce-optional' || mutant === 'enumeration' || mutant === 'origin-unchecked') return;
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => {
    const headers = breakHeaders(mutant, req, res.statusCode, { [name]: value as OutgoingHttpHeaders[string] });
    for (const [key, val] of Object.entries(headers)) if (val !== undefined) setHeader(key, val);
    return res;
  };
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: OutgoingHttpHeaders) => ServerResponse;
  const end = res.end.bind(res) as (body?: unknown) => ServerResponse;
  // A JSON answer whose body a mutant rewrites waits for its body (sendJson: writeHead, then end); everything
  // else, including Node's own implicit writeHead inside `end`, goes through at once.
  let held: { status: number; headers: OutgoingHttpHeaders } | undefined;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const given = rest.find((arg): arg is OutgoingHttpHeaders => typeof arg === 'object' && arg !== null && !Array.isArray(arg));
    const headers = breakHeaders(mutant, req, status, given ?? {});
    const json = String(Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '').includes('json');
    if (!BODY_MUTANTS.has(mutant) || !json) return writeHead(status, headers);
    held = { status, headers };
    return res;
  }) as typeof res.writeHead;
  res.end = ((body?: unknown) => {
    if (!held) return end(body);
    const broken = typeof body === 'string' ? breakBody(mutant, held.status, body) : body;
    if (typeof broken === 'string' && broken !== body) held.headers['Content-Length'] = String(Buffer.byteLength(broken));
    writeHead(held.status, held.headers);
    return end(broken);
  }) as typeof res.end;
}

/** The mutants that rewrite a JSON body. */
const BODY_MUTANTS = new Set<Mutant>(['error-shape', 'schema-break']);

function breakHeaders(mutant: Mutant, req: IncomingMessage, status: number, headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (mutant === 'no-cache-control' && lower === 'cache-control') continue;
    if (mutant === 'no-retry-after' && status === 429 && lower === 'retry-after') continue;
    if (mutant === 'no-iss' && lower === 'location' && typeof value === 'string') {
      out[name] = value.replace(/([?&])iss=[^&#]*&?/, '$1').replace(/[?&]$/, '');
      continue;
    }
    out[name] = value;
  }
  if (mutant === 'cors-any-origin' && req.headers.origin) {
    out['Access-Control-Allow-Origin'] = req.headers.origin;
    out['Access-Control-Allow-Credentials'] = 'true';
  }
  return out;
}

function breakBody(mutant: Mutant, status: number, body: string): string {
  if (mutant !== 'error-shape' && mutant !== 'schema-break') return body;
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return body;
  }
  if (mutant === 'error-shape' && status >= 400 && typeof json.error === 'string' && json.error !== 'insufficient_authorization') {
    const { error, ...rest } = json;
    return JSON.stringify({ message: error, ...rest });
  }
  const ciam = json.ciam as Record<string, unknown> | undefined;
  if (mutant === 'schema-break' && ciam?.step === 'email_otp') return JSON.stringify({ ...json, ciam: { ...ciam, code_length: String(ciam.code_length) } });
  return body;
}
