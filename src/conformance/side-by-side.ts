import { CheckFailure } from './check.js';
import type { Exchange } from './http.js';

// §2.6: the same request for an address with an account and one without must answer alike in status, body
// and headers, once what is random (auth_session, a WebAuthn challenge, lifetimes) and the address itself are
// masked. The runner's reduction of test/e2e/support/enumeration.ts.

const VOLATILE_KEYS = new Set(['auth_session', 'challenge', 'expires_in']);
const VOLATILE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'etag']);

/** An answer reduced to what must not depend on whether the account exists. */
export interface Reduced {
  status: number;
  body: string;
  headers: string[];
}

export function reduce(exchange: Exchange, email: string): Reduced {
  const hint = `${email.slice(0, 1)}•••${email.slice(email.indexOf('@'))}`;
  const masked = exchange.json === undefined ? exchange.text : JSON.stringify(exchange.json, (key, value: unknown) => (VOLATILE_KEYS.has(key) ? `<${typeof value}>` : value));
  const body = masked.replaceAll(email, '<email>').replaceAll(hint, '<hint>');
  const headers = Object.entries(exchange.headers)
    .filter(([name]) => !VOLATILE_HEADERS.has(name))
    .map(([name, value]) => {
      if (name === 'set-cookie') return `${name}: ${value.replace(/=[^;,]*/g, '=<value>')}`;
      if (name === 'retry-after') return `${name}: <seconds>`;
      return `${name}: ${value}`;
    })
    .sort();
  return { status: exchange.status, body, headers };
}

/** Fails with the first difference between the answers for the existing (`known`) and the unknown address. */
export function expectAlike(label: string, known: { exchange: Exchange; email: string }, unknown: { exchange: Exchange; email: string }): void {
  const a = reduce(known.exchange, known.email);
  const b = reduce(unknown.exchange, unknown.email);
  if (a.status !== b.status) throw new CheckFailure(`${label}: the status differs`, `existing ${a.status}, unknown ${b.status}`);
  if (a.body !== b.body) {
    const [x, y] = aroundDifference(a.body, b.body);
    throw new CheckFailure(`${label}: the body differs`, `existing …${x}… | unknown …${y}…`);
  }
  const onlyKnown = a.headers.filter((header) => !b.headers.includes(header));
  const onlyUnknown = b.headers.filter((header) => !a.headers.includes(header));
  if (onlyKnown.length || onlyUnknown.length) {
    throw new CheckFailure(`${label}: the headers differ`, `existing only [${onlyKnown.join('; ')}] | unknown only [${onlyUnknown.join('; ')}]`);
  }
}

/** Both texts from a little before their first difference, so a report shows it however long the bodies are. */
function aroundDifference(a: string, b: string): [string, string] {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 60);
  return [a.slice(from, i + 80), b.slice(from, i + 80)];
}
