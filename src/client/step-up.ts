import type { SessionStatus } from '../protocol/index.js';
import { LatchError, LatchErrorCode } from './errors.js';

// Step-up (RFC 9470): the app's own API answers 401 with an `insufficient_user_authentication` challenge,
// the user confirms it's them (in the page when the backend is first-party, else through the backend's
// sign-in page), and the request is sent once more. Headless: the prompt itself is whoever registered with
// `onStepUp` (`<latch-step-up>` does).

/** One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1). */
export interface AuthChallenge {
  /** The scheme as sent; compare case-insensitively (RFC 9110 §11.1). */
  scheme: string;
  /** Auth-params, names lowercased, quoted values unescaped. The first of a repeated name wins. */
  params: Record<string, string>;
  /** The token68 form (`Basic dXNlcg==`), when the challenge has one instead of params. */
  token68?: string;
}

/** What an RFC 9470 §3 challenge asks for. */
export interface StepUpChallenge {
  /** `Bearer` or `DPoP` (RFC 9449 §7.1). */
  scheme: string;
  /** Authentication context classes in order of preference; any one satisfies (RFC 9470 §3). */
  acrValues?: string[];
  /** Longest acceptable time since the user last actively authenticated, in seconds. */
  maxAge?: number;
  /** `error_description`, for developers (never shown: the translation table words the prompt). */
  description?: string;
}

/** What a step-up must reach: any one of `acrValues`, and/or an authentication at most `maxAge` seconds old. */
export interface StepUpRequirement {
  acrValues?: readonly string[];
  maxAge?: number;
}

/** Runs the step-up prompt; resolves once the session satisfies the requirement, rejects to abandon it. */
export type StepUpHandler = (request: StepUpRequirement & { signal?: AbortSignal }) => Promise<void>;

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;
const QUOTED = /"((?:[^"\\]|\\[\s\S])*)("?)/y;
const WHITESPACE = /[ \t]*/y;

/**
 * Parses a `WWW-Authenticate` value into its challenges (RFC 9110 §11.6.1): several challenges in one
 * header (a comma separates both challenges and their params), token and quoted-string values, token68.
 * Garbage is skipped rather than thrown on: a header is a hint, never a reason to crash.
 */
export function parseAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const read = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = i;
    const match = pattern.exec(header);
    if (match) i = pattern.lastIndex;
    return match;
  };
  const skipSpace = () => read(WHITESPACE);
  const skipSeparators = () => {
    while (i < header.length && /[\s,]/.test(header[i] as string)) i++;
  };
  /** Whether `token BWS "="` followed by a value starts at `from` (an auth-param, not a new challenge). */
  const paramAt = (from: number): boolean => {
    TOKEN.lastIndex = from;
    const name = TOKEN.exec(header);
    if (!name) return false;
    let j = TOKEN.lastIndex;
    while (header[j] === ' ' || header[j] === '\t') j++;
    if (header[j] !== '=') return false;
    j++;
    while (header[j] === ' ' || header[j] === '\t') j++;
    // `abc=` followed by nothing or a comma is a token68 ending in padding, not a param.
    return j < header.length && header[j] !== ',' && header[j] !== '=';
  };

  while (i < header.length) {
    skipSeparators();
    const scheme = read(TOKEN);
    if (!scheme) {
      if (i < header.length) i++;
      continue;
    }
    const challenge: AuthChallenge = { scheme: scheme[0], params: {} };
    challenges.push(challenge);
    const before = i;
    skipSpace();
    if (i === before) continue;
    if (!paramAt(i)) {
      const start = i;
      const token68 = read(TOKEN68);
      skipSpace();
      if (token68 && (i >= header.length || header[i] === ',')) {
        challenge.token68 = token68[0];
        continue;
      }
      i = start;
    }
    while (paramAt(i)) {
      const name = (read(TOKEN) as RegExpExecArray)[0].toLowerCase();
      skipSpace();
      i++; // "="
      skipSpace();
      let value = '';
      if (header[i] === '"') {
        const quoted = read(QUOTED) as RegExpExecArray;
        value = (quoted[1] as string).replace(/\\([\s\S])/g, '$1');
      } else {
        value = read(TOKEN)?.[0] ?? '';
      }
      if (!(name in challenge.params)) challenge.params[name] = value;
      skipSpace();
      if (header[i] !== ',') break;
      let next = i;
      while (next < header.length && /[\s,]/.test(header[next] as string)) next++;
      if (!paramAt(next)) break;
      i = next;
    }
  }
  return challenges;
}

/**
 * The RFC 9470 §3 step-up challenge in a `WWW-Authenticate` value: a `Bearer` or `DPoP` challenge with
 * `error="insufficient_user_authentication"`, its `acr_values` (space-separated) and `max_age` (a
 * non-negative integer, quoted or not). `undefined` when the header asks for something else.
 */
export function parseStepUpChallenge(header: string | null | undefined): StepUpChallenge | undefined {
  if (!header) return undefined;
  for (const { scheme, params } of parseAuthenticate(header)) {
    if (!/^(bearer|dpop)$/i.test(scheme) || params.error !== 'insufficient_user_authentication') continue;
    const acrValues = params.acr_values?.split(/\s+/).filter(Boolean);
    const maxAge = params.max_age !== undefined && /^\d{1,9}$/.test(params.max_age.trim()) ? Number(params.max_age) : undefined;
    return {
      scheme,
      ...(acrValues?.length ? { acrValues } : {}),
      ...(maxAge === undefined ? {} : { maxAge }),
      ...(params.error_description ? { description: params.error_description } : {}),
    };
  }
  return undefined;
}

/**
 * Whether a session's `acr` satisfies a requested `acr_values` list (profile §12.1a): it is one of them, or
 * it and one of them are both in `order` (discovery's `acr_values_supported`, weakest first) and it is at
 * least as strong. A value outside `order` is satisfied only by itself; no order means exact match.
 */
export function acrSatisfies(acr: string | undefined, acrValues: readonly string[], order: readonly string[] = []): boolean {
  if (acr === undefined) return false;
  const rank = order.indexOf(acr);
  return acrValues.some((wanted) => {
    const wantedRank = order.indexOf(wanted);
    return wanted === acr || (wantedRank >= 0 && rank >= wantedRank);
  });
}

/**
 * Whether a session already meets a requirement: an acr that satisfies one of the acr values (given the
 * backend's `acrOrder`, see {@link acrSatisfies}), and a recent enough `auth_time`.
 */
export function sessionSatisfies(
  session: SessionStatus,
  requirement: StepUpRequirement,
  nowSeconds: number,
  acrOrder: readonly string[] = [],
): boolean {
  if (!session.active) return false;
  const { acrValues, maxAge } = requirement;
  if (acrValues?.length && !acrSatisfies(session.acr, acrValues, acrOrder)) return false;
  if (maxAge !== undefined && (session.auth_time === undefined || nowSeconds - session.auth_time > maxAge)) return false;
  return true;
}

/** What the step-up needs from the rest of the client. */
export interface StepUpDeps {
  /** The page's fetch as it was when the client was created (fault E8). */
  fetch: typeof fetch;
  getSession(options: { signal?: AbortSignal }): Promise<SessionStatus>;
  /** The backend's `acr_values_supported` (discovery), weakest first: how its levels compare. */
  acrOrder(options: { signal?: AbortSignal }): Promise<readonly string[]>;
  /** Whether the backend takes in-widget steps (FiPA): then a registered handler runs the prompt. */
  firstParty(options: { signal?: AbortSignal }): Promise<boolean>;
  /** Step-up through the backend's own sign-in page (popup, else redirect), for a backend that is not first-party. */
  viaSignInPage(request: StepUpRequirement & { signal?: AbortSignal }): Promise<void>;
  /** Prepares a request before it is sent (the access token, in `tokens` completion). */
  authorize(request: Request): Request;
  /** Epoch milliseconds. */
  now(): number;
}

/** `fetch`, `requireStepUp` and `onStepUp` of the client (see `LatchClient`). */
export function createStepUp(deps: StepUpDeps) {
  const handlers: StepUpHandler[] = [];
  const running = new Map<string, Promise<void>>();

  /** Runs one step-up; concurrent requests for the same requirement share it. */
  function stepUp(request: StepUpRequirement & { signal?: AbortSignal }): Promise<void> {
    const key = `${request.acrValues?.join(' ') ?? ''}|${request.maxAge ?? ''}`;
    let pending = running.get(key);
    if (!pending) {
      pending = run(request).finally(() => running.delete(key));
      running.set(key, pending);
    }
    return pending;
  }

  async function run(request: StepUpRequirement & { signal?: AbortSignal }): Promise<void> {
    if (!(await deps.firstParty({ signal: request.signal }))) return deps.viaSignInPage(request);
    const handler = handlers[handlers.length - 1];
    if (!handler) throw new LatchError(LatchErrorCode.STEP_UP_REQUIRED, 'No step-up prompt is registered (onStepUp)');
    try {
      await handler(request);
    } catch (error) {
      // A step the prompt cannot show (one this version does not know, or `redirect_to_web`): the backend's
      // own page takes the step-up, in a popup that keeps the request waiting (profile §2.7a).
      if (error instanceof LatchError && error.code === LatchErrorCode.REDIRECT_REQUIRED) return deps.viaSignInPage(request);
      throw error;
    }
  }

  /**
   * RFC 9470 §4 from the client's side: send, and on a step-up challenge run the step-up and send the same
   * request once more (`send` must be callable twice).
   */
  async function withStepUp(send: () => Promise<Response>, signal?: AbortSignal | null): Promise<Response> {
    const first = await send();
    const challenge = first.status === 401 ? parseStepUpChallenge(first.headers.get('www-authenticate')) : undefined;
    if (!challenge) return first;
    // The refused answer is not the caller's; free its body before the prompt.
    void first.body?.cancel().catch(() => undefined);
    await stepUp({ acrValues: challenge.acrValues, maxAge: challenge.maxAge, signal: signal ?? undefined });
    const second = await send();
    if (second.status === 401 && parseStepUpChallenge(second.headers.get('www-authenticate'))) {
      void second.body?.cancel().catch(() => undefined);
      // RFC 9470 §5: a resource that refuses again would loop; stop after one step-up.
      throw new LatchError(LatchErrorCode.STEP_UP_FAILED, 'The resource refused the request again after a step-up');
    }
    return second;
  }

  /** The app's own API calls; a body is replayable because the request is cloned before the first send. */
  function stepUpFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const replay = request.clone();
    let sent = 0;
    return withStepUp(() => deps.fetch(deps.authorize(sent++ === 0 ? request : replay)), request.signal);
  }

  async function requireStepUp(
    options: { acr?: string | readonly string[]; maxAge?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    const acrValues = typeof options.acr === 'string' ? options.acr.split(/\s+/).filter(Boolean) : options.acr;
    const requirement: StepUpRequirement & { signal?: AbortSignal } = {
      ...(acrValues?.length ? { acrValues: [...acrValues] } : {}),
      ...(options.maxAge === undefined ? {} : { maxAge: Math.max(0, Math.floor(options.maxAge)) }),
      signal: options.signal,
    };
    // Already there: no prompt. The backend still enforces the requirement on the action itself.
    const session = await deps.getSession({ signal: options.signal }).catch(() => undefined);
    // Without the order (discovery failed), exact matches only: at worst one prompt too many, never one too few.
    const order = acrValues?.length ? await deps.acrOrder({ signal: options.signal }).catch(() => []) : [];
    if (session && sessionSatisfies(session, requirement, Math.floor(deps.now() / 1000), order)) {
      // max_age counts on the backend's clock, which this browser's may trail by minutes. A first-party
      // backend answers a step-up the session already satisfies at once, with no prompt: let it decide.
      if (requirement.maxAge === undefined || !(await deps.firstParty({ signal: options.signal }))) return;
    }
    await stepUp(requirement);
  }

  function onStepUp(handler: StepUpHandler): () => void {
    handlers.push(handler);
    return () => {
      const index = handlers.lastIndexOf(handler);
      if (index >= 0) handlers.splice(index, 1);
    };
  }

  return { fetch: stepUpFetch, withStepUp, requireStepUp, onStepUp };
}
