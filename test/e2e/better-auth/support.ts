import { request as playwrightRequest, expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import {
  ChallengeErrorResponse,
  ChallengeSuccessResponse,
  PasskeyOptionsResponse,
  SessionStatus,
} from '../../../src/protocol/index.js';
import { backendURL, CLIENT_ID, pkcePair, readOutbox } from '../support/backend.js';

// HTTP walks of the Latchkey profile against the better-auth demo backend: every answer is checked against the
// profile's schemas (src/protocol, from which docs/schemas is generated) before a test reads it.

/** The plugin's routes under better-auth's base path. */
export const ROUTES = {
  challenge: '/api/auth/latchkey/authorize-challenge',
  passkeyOptions: '/api/auth/latchkey/passkey-options',
  session: '/api/auth/latchkey/session',
} as const;

/** An answer with its parsed body. */
export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/** Reads an answer and checks it: `no-store`, and its body valid against the schema its status calls for. */
export async function checkedAnswer(response: APIResponse): Promise<Answer> {
  const text = await response.text();
  const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  const headers = response.headers();
  expect(headers['cache-control']).toBe('no-store');
  if (response.status() === 200 && 'authorization_code' in body) ChallengeSuccessResponse.parse(body);
  else if (response.status() === 200 && 'ciam' in body) PasskeyOptionsResponse.parse(body);
  else if (response.status() !== 200) ChallengeErrorResponse.parse(body);
  return { status: response.status(), body, headers };
}

/** The `ciam` member of a step state (`insufficient_authorization`), or fails. */
export function ciamOf(answer: Answer): Record<string, unknown> {
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  expect(answer.body['error']).toBe('insufficient_authorization');
  return answer.body['ciam'] as Record<string, unknown>;
}

/** One browser's sign-in transactions over HTTP (its own cookie jar). */
export class Walker {
  authSession = '';

  constructor(readonly http: APIRequestContext) {}

  /** A new cookie jar on `baseURL`. */
  static async open(baseURL: string): Promise<Walker> {
    return new Walker(await playwrightRequest.newContext({ baseURL }));
  }

  /** FiPA's initial request (profile §2.1), with `login_hint` when given. */
  async start(loginHint?: string, extra: Record<string, string> = {}): Promise<Answer> {
    const form: Record<string, string> = {
      client_id: CLIENT_ID,
      response_type: 'code',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
      scope: 'openid email profile',
      nonce: 'n-0S6_WzA2Mj',
      ...(loginHint ? { login_hint: loginHint } : {}),
      ...extra,
    };
    const answer = await checkedAnswer(await this.http.post(ROUTES.challenge, { form }));
    if (typeof answer.body['auth_session'] === 'string') this.authSession = answer.body['auth_session'];
    return answer;
  }

  /** One intermediate step (profile §2.2) in the current transaction. */
  async step(step: Record<string, unknown>): Promise<Answer> {
    return checkedAnswer(await this.http.post(ROUTES.challenge, { data: { auth_session: this.authSession, step } }));
  }

  /** The session endpoint's status, checked against SessionStatus. */
  async session(): Promise<SessionStatus> {
    const response = await this.http.get(ROUTES.session);
    expect(response.status()).toBe(200);
    return SessionStatus.parse(await response.json());
  }

  /** The cookies this jar holds. */
  async cookieNames(): Promise<string[]> {
    return (await this.http.storageState()).cookies.map((cookie) => cookie.name);
  }

  async close(): Promise<void> {
    await this.http.dispose();
  }
}

/** The newest code mailed to `email` other than `previous`, polled from the dev mailbox. */
export async function mailedCode(baseURL: string, email: string, previous?: string): Promise<string> {
  let code: string | null | undefined;
  await expect
    .poll(async () => {
      code = (await readOutbox(baseURL)).find((mail) => mail.to === email && mail.code)?.code;
      return Boolean(code) && code !== previous;
    })
    .toBe(true);
  return code!;
}

/** Signs a new account up through the walker (sign_up with `password` → code → 200), ending signed in. */
export async function signUpOverHttp(walker: Walker, baseURL: string, email: string, password?: string): Promise<void> {
  ciamOf(await walker.start(email));
  const started = await walker.step({ type: 'sign_up', ...(password ? { password } : {}) });
  expect(ciamOf(started)).toMatchObject({ step: 'email_otp', purpose: 'sign_up' });
  const done = await walker.step({ type: 'email_otp', action: 'verify', code: await mailedCode(baseURL, email) });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
}

/** Opens walkers (each a browser's cookie jar on the backend under test) that are closed after each test. */
export function walkersClosedAfterEach(): () => Promise<Walker> {
  let walkers: Walker[] = [];
  test.afterEach(async () => {
    await Promise.all(walkers.map((walker) => walker.close()));
    walkers = [];
  });
  return async () => {
    const walker = await Walker.open(backendURL());
    walkers.push(walker);
    return walker;
  };
}
