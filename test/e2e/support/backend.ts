import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';

/** One message from the reference backend's dev outbox (`GET /dev/mailbox.json`). */
export interface DevMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  code: string | null;
  purpose: 'sign_in' | 'sign_up' | 'account_exists' | 'no_account';
  created_at: number;
}

/** The default backend of the e2e suite (playwright.config.ts `use.baseURL`). */
export const E2E_BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 4173}`;

/** A fresh address per test, so tests never share codes, cooldowns or lockouts. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
}

/** The newest mail sent to `email`, or `undefined`. Pass a Playwright `request` fixture or a base URL. */
export async function readMailbox(source: APIRequestContext | string, email: string): Promise<DevMail | undefined> {
  let mails: DevMail[];
  if (typeof source === 'string') {
    const response = await fetch(new URL('/dev/mailbox.json', source));
    mails = (await response.json()) as DevMail[];
  } else {
    mails = (await (await source.get('/dev/mailbox.json')).json()) as DevMail[];
  }
  const wanted = email.toLowerCase();
  return mails.find((mail) => mail.to === wanted);
}

/** Moves the backend's clock forward (needs `LATCH_TEST_CLOCK=1`), for expiry and cooldown tests. */
export async function advanceServerClock(baseURL: string, seconds: number): Promise<void> {
  const response = await fetch(new URL('/dev/clock', baseURL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advance_seconds: seconds }),
  });
  if (!response.ok) throw new Error(`advancing the server clock failed: ${response.status}`);
}

/** An RFC 7636 PKCE pair (S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The payload of a JWT, unverified: tests read claims from an ID token the token endpoint just issued. */
export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
