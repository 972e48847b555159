import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import type { MailPurpose } from '../../../demo/server/mailbox.js';
import { SoftAuthenticator } from '../../../src/conformance/authenticator.js';
import type { PublicKeyCredentialCreationOptionsJSON } from '../../../src/protocol/index.js';

/** One message from the reference backend's dev outbox (`GET /dev/mailbox.json`): an email or a text message. */
export interface DevMail {
  id: string;
  channel: 'email' | 'sms';
  /** An email address, or an E.164 number for `sms`. */
  to: string;
  /** Emails only. */
  subject?: string;
  text: string;
  code: string | null;
  purpose: MailPurpose;
  created_at: number;
}

/** The default backend of the e2e suite (playwright.config.ts `use.baseURL`). */
export const E2E_BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 4173}`;

/**
 * The backend of the running test's project, for reading its dev routes from Node: a project that serves pages
 * from another host than its backend names it in `metadata.backendURL` (the sibling-subdomain project).
 */
export function backendURL(): string {
  const named = test.info().project.metadata?.['backendURL'];
  return typeof named === 'string' ? named : E2E_BASE_URL;
}

/** A fresh address per test, so tests never share codes, cooldowns or lockouts. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
}

/** Every message in the outbox, newest first. Pass a Playwright `request` fixture or a base URL. */
export async function readOutbox(source: APIRequestContext | string): Promise<DevMail[]> {
  if (typeof source === 'string') return (await (await fetch(new URL('/dev/mailbox.json', source))).json()) as DevMail[];
  return (await (await source.get('/dev/mailbox.json')).json()) as DevMail[];
}

/** The newest mail sent to `email`, or `undefined`. Pass a Playwright `request` fixture or a base URL. */
export async function readMailbox(source: APIRequestContext | string, email: string): Promise<DevMail | undefined> {
  const wanted = email.toLowerCase();
  return (await readOutbox(source)).find((mail) => mail.channel === 'email' && mail.to === wanted);
}

/** The newest text message to `phoneNumber` (E.164), or `undefined`. */
export async function readSms(source: APIRequestContext | string, phoneNumber: string): Promise<DevMail | undefined> {
  return (await readOutbox(source)).find((mail) => mail.channel === 'sms' && mail.to === phoneNumber);
}

/** A fresh, valid-looking E.164 number per test (UK drama range, never a real line). */
export function uniquePhone(): string {
  return `+447700${String(randomBytes(3).readUIntBE(0, 3) % 1_000_000).padStart(6, '0')}`;
}

/** The backend's clock (`GET /dev/clock`, epoch seconds), which the test clock may have moved ahead. */
export async function serverNow(baseURL: string): Promise<number> {
  const response = await fetch(new URL('/dev/clock', baseURL));
  if (!response.ok) throw new Error(`reading the server clock failed: ${response.status}`);
  return ((await response.json()) as { now: number }).now;
}

/** The authenticator-app code for `secret` (base32, spaces allowed) at the backend's clock, `steps` periods away. */
export async function totpCode(baseURL: string, secret: string, steps = 0): Promise<string> {
  const totp = new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, '')), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: ((await serverNow(baseURL)) + steps * 30) * 1000 });
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

/** The demo's public client. */
export const CLIENT_ID = 'latchkey-demo';
/** A password long enough for the backend's 15-character minimum. */
export const PASSWORD = 'correct horse battery staple';

/** An HTTP answer with its JSON body parsed. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export async function answer(response: APIResponse): Promise<Answer> {
  const text = await response.text();
  return { status: response.status(), body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers() };
}

/** A new cookie jar, as a different browser (no `latch_device`, no session) would be. */
export function newBrowser(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL });
}

/**
 * A customer driving the reference backend over HTTP with one cookie jar (one browser): FiPA steps, session,
 * factors and passkeys through the real endpoints.
 */
export class HttpCustomer {
  /** The PKCE verifier and auth_session of the last started challenge. */
  verifier = '';
  authSession = '';

  constructor(
    readonly request: APIRequestContext,
    readonly email: string,
    readonly baseURL: string,
  ) {}

  /** FiPA §5.1 initial request (a step-up when `acr_values`/`max_age` are given). */
  async start(params: Record<string, string> = {}): Promise<Answer> {
    const pkce = pkcePair();
    const result = await answer(
      await this.request.post('/authorize-challenge', {
        form: { client_id: CLIENT_ID, response_type: 'code', scope: 'openid email profile', code_challenge: pkce.challenge, code_challenge_method: 'S256', ...params },
      }),
    );
    this.verifier = pkce.verifier;
    if (typeof result.body.auth_session === 'string') this.authSession = result.body.auth_session;
    return result;
  }

  /** One intermediate step (FiPA §5.3) of the current auth_session. */
  async step(step: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
    return answer(await this.request.post('/authorize-challenge', { data: { auth_session: this.authSession, step }, headers }));
  }

  /** A step-up of the signed-in session. */
  stepUp(need: { acr_values?: string; max_age?: number }): Promise<Answer> {
    return this.start({ ...(need.acr_values ? { acr_values: need.acr_values } : {}), ...(need.max_age !== undefined ? { max_age: String(need.max_age) } : {}) });
  }

  /** Creates the account with a password, proving the email with its code; ends signed in. */
  async signUp(password = PASSWORD): Promise<Answer> {
    await this.start({ login_hint: this.email });
    const sent = await this.step({ type: 'sign_up', password });
    if (sent.status !== 400) throw new Error(`sign_up answered ${sent.status}`);
    return this.step({ type: 'email_otp', action: 'verify', code: (await readMailbox(this.request, this.email))!.code! });
  }

  /** Password as first factor; the answer is either 200 or a second-factor step. */
  async signInWithPassword(password = PASSWORD): Promise<Answer> {
    await this.start({ login_hint: this.email });
    return this.step({ type: 'password', password });
  }

  /** The token endpoint's answer for an authorization code of the last challenge. */
  async redeem(code: string): Promise<Answer> {
    return answer(
      await this.request.post('/token', { form: { grant_type: 'authorization_code', code, code_verifier: this.verifier, client_id: CLIENT_ID } }),
    );
  }

  async session(): Promise<Record<string, unknown>> {
    return (await (await this.request.get('/session')).json()) as Record<string, unknown>;
  }

  /** The `latch_session` cookie value in the jar. */
  async sessionCookie(): Promise<string | undefined> {
    return (await this.request.storageState()).cookies.find((cookie) => cookie.name === 'latch_session')?.value;
  }

  /** Sets up an authenticator app through `/factors/totp`; answers its base32 secret (used once, at the current step). */
  async enrollTotp(): Promise<string> {
    const started = await answer(await this.request.post('/factors/totp', { data: { action: 'start' } }));
    if (started.status !== 200) throw new Error(`totp start answered ${started.status}`);
    const secret = String(started.body.secret).replace(/\s/g, '');
    const verified = await answer(await this.request.post('/factors/totp', { data: { action: 'verify', code: await totpCode(this.baseURL, secret) } }));
    if (verified.status !== 200) throw new Error(`totp verify answered ${verified.status}`);
    return secret;
  }

  /** Adds and proves a phone through `/factors/phone` and its texted code. */
  async enrollPhone(phoneNumber: string): Promise<void> {
    const started = await answer(await this.request.post('/factors/phone', { data: { action: 'start', phone_number: phoneNumber } }));
    if (started.status !== 200) throw new Error(`phone start answered ${started.status}`);
    const code = (await readSms(this.request, phoneNumber))!.code!;
    const verified = await answer(await this.request.post('/factors/phone', { data: { action: 'verify', code } }));
    if (verified.status !== 200) throw new Error(`phone verify answered ${verified.status}`);
  }

  /** A new set of recovery codes through `/factors/recovery-codes`. */
  async newRecoveryCodes(): Promise<string[]> {
    const result = await answer(await this.request.post('/factors/recovery-codes', { data: {} }));
    if (result.status !== 200) throw new Error(`recovery codes answered ${result.status}`);
    return result.body.codes as string[];
  }

  /** Registers a passkey from `authenticator` through `ciam_passkey_registration_endpoint`. */
  async registerPasskey(authenticator: SoftAuthenticator): Promise<Record<string, unknown>> {
    const headers = { Origin: this.baseURL };
    const options = await answer(await this.request.post('/passkeys/register', { data: { action: 'options' }, headers }));
    if (options.status !== 200) throw new Error(`passkey options answered ${options.status}`);
    const response = authenticator.create(options.body.creation_options as PublicKeyCredentialCreationOptionsJSON);
    const verified = await answer(await this.request.post('/passkeys/register', { data: { action: 'verify', response }, headers }));
    if (verified.status !== 200) throw new Error(`passkey verify answered ${verified.status}: ${JSON.stringify(verified.body)}`);
    return verified.body.passkey as Record<string, unknown>;
  }
}

/** A software WebAuthn authenticator: the conformance runner's (src/conformance/authenticator.ts). */
export { SoftAuthenticator };
