import type { APIResponse } from '@playwright/test';
import type { HttpCustomer } from './backend.js';
import { expect } from './widget.js';

// The side-by-side check (OWASP ASVS 5 6.3.8) of test/e2e/enumeration.spec.ts and the specs of later steps:
// the same request for an address with an account and one without must answer alike in status, body (the
// address, its hint and random values aside), headers and median time.

/** One answer, reduced to what must not depend on whether the account exists. */
export interface Seen {
  status: number;
  body: string;
  headers: string[];
  ms: number;
}

const VOLATILE_KEYS = new Set(['auth_session', 'challenge', 'expires_in']);
const VOLATILE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** Sends one request and reduces its answer (the address and its hint as placeholders, random values by type). */
export async function see(email: string, send: () => Promise<APIResponse>): Promise<Seen> {
  const started = performance.now();
  const response = await send();
  const text = await response.text();
  const ms = performance.now() - started;
  const hint = `${email.slice(0, 1)}•••${email.slice(email.indexOf('@'))}`;
  const body = JSON.stringify(text ? JSON.parse(text) : {}, (key, value: unknown) => (VOLATILE_KEYS.has(key) ? `<${typeof value}>` : value))
    .replaceAll(email, '<email>')
    .replaceAll(hint, '<hint>');
  const headers = response
    .headersArray()
    .filter(({ name }) => !VOLATILE_HEADERS.has(name.toLowerCase()))
    .map(({ name, value }) => {
      const lower = name.toLowerCase();
      if (lower === 'set-cookie') return `${lower}: ${value.replace(/=[^;]*/, '=<value>')}`;
      if (lower === 'retry-after') return `${lower}: <seconds>`;
      return `${lower}: ${value}`;
    })
    .sort();
  return { status: response.status(), body, headers, ms };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Two customers, one per address, each in its own browser (cookie jar), sent the same requests. */
export class SideBySide {
  constructor(
    readonly known: HttpCustomer,
    readonly unknown: HttpCustomer,
  ) {}

  /**
   * Sends for both (`tries` times, alternating, after `before` each time) and asserts equal answers;
   * `timed`: equal medians within half the slower plus 40 ms.
   */
  async same(
    label: string,
    send: (customer: HttpCustomer) => Promise<APIResponse>,
    { tries = 1, timed = false, before = async () => {} }: { tries?: number; timed?: boolean; before?: () => Promise<unknown> } = {},
  ): Promise<Seen> {
    const known: Seen[] = [];
    const unknown: Seen[] = [];
    for (let i = 0; i < tries; i += 1) {
      await before();
      known.push(await see(this.known.email, () => send(this.known)));
      unknown.push(await see(this.unknown.email, () => send(this.unknown)));
      const strip = ({ ms: _ms, ...rest }: Seen) => rest;
      expect(strip(unknown[i]!), `${label} (try ${i + 1})`).toEqual(strip(known[i]!));
    }
    if (timed) {
      // A step that skips the password hash for an unknown address answers in a fraction of the time.
      const [a, b] = [median(known.map((seen) => seen.ms)), median(unknown.map((seen) => seen.ms))];
      expect(Math.abs(a - b), `${label}: ${a.toFixed(0)} ms with an account, ${b.toFixed(0)} ms without`).toBeLessThan(Math.max(a, b) / 2 + 40);
    }
    return known[0]!;
  }
}

/** FiPA's initial request for the customer, with its address as `login_hint`; keeps the auth_session. */
export async function startFor(customer: HttpCustomer): Promise<APIResponse> {
  const response = await customer.request.post('/authorize-challenge', {
    form: { client_id: 'latchkey-demo', response_type: 'code', scope: 'openid email profile', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', login_hint: customer.email },
  });
  const body = (await response.json()) as { auth_session?: string };
  if (body.auth_session) customer.authSession = body.auth_session;
  return response;
}

/** An intermediate step of the customer's current auth_session, as sent. */
export const stepOf = (step: Record<string, unknown>) => (customer: HttpCustomer) =>
  customer.request.post('/authorize-challenge', { data: { auth_session: customer.authSession, step } });
