import * as z from 'zod/mini';
import { ChallengeErrorResponse, ChallengeSuccessResponse, PasskeyOptionsResponse, PendingPollResponse, type ConsentReceipt, type LastSignIn, type StepState } from '../protocol/index.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { invalidResponse, parseWith, readJSON, retryAfterSeconds } from './transport.js';
import type { SignedIn } from './types.js';

/** What one authorization challenge request (FiPA §5.2) came back with. */
export type ChallengeAnswer =
  | { type: 'step'; authSession: string; state: StepState }
  /**
   * `receipts`: the consents recorded during the transaction (profile §24.4); `lastSignIn`, `newDevice`: what to
   * tell the customer about the previous sign-in and this device (profile §26.3–§26.4).
   */
  | ({ type: 'code'; authorizationCode: string; receipts?: ConsentReceipt[] } & SignInNotice)
  /** Continue on the backend's web page: FiPA `redirect_to_web`, or a step this version cannot show (profile §2.7a). */
  | { type: 'web'; requestUri?: string };

/** Backend `error` values mapped to client codes; anything else is a generic server failure. */
const ERROR_MAP: Record<string, LatchErrorCode> = {
  invalid_credentials: LatchErrorCode.INVALID_CREDENTIALS,
  invalid_code: LatchErrorCode.INVALID_CODE,
  expired_code: LatchErrorCode.EXPIRED_CODE,
  expired_link: LatchErrorCode.LINK_EXPIRED,
  too_many_attempts: LatchErrorCode.TOO_MANY_ATTEMPTS,
  account_locked: LatchErrorCode.ACCOUNT_LOCKED,
  rate_limited: LatchErrorCode.RATE_LIMITED,
  weak_password: LatchErrorCode.WEAK_PASSWORD,
  sign_up_disabled: LatchErrorCode.SIGN_UP_DISABLED,
  invalid_session: LatchErrorCode.SESSION_EXPIRED,
  redirect_to_web: LatchErrorCode.REDIRECT_REQUIRED,
  unknown_credential: LatchErrorCode.PASSKEY_UNKNOWN,
  passkey_failed: LatchErrorCode.PASSKEY_FAILED,
  login_required: LatchErrorCode.NOT_SIGNED_IN,
  insufficient_user_authentication: LatchErrorCode.STEP_UP_REQUIRED,
  unmet_authentication_requirements: LatchErrorCode.STEP_UP_UNMET,
  last_method: LatchErrorCode.LAST_METHOD,
  email_taken: LatchErrorCode.EMAIL_TAKEN,
  recovery_not_ready: LatchErrorCode.RECOVERY_NOT_READY,
  origin_not_allowed: LatchErrorCode.ORIGIN_NOT_ALLOWED,
};

/**
 * Reads an authorization challenge response. The outcome is decided by status and schema together, so a
 * 200 carrying an error, or a 400 shaped like success, fails closed (fault R10).
 */
export async function readChallengeAnswer(response: Response): Promise<ChallengeAnswer> {
  if (response.status === 200) {
    return codeAnswer(parseWith(ChallengeSuccessResponse, await readJSON(response)));
  }
  const body = await readErrorBody(response);
  // FiPA §5.2.2.1.1: only the web page can go on; `request_uri` stands for this request there.
  if (body.error === 'redirect_to_web' && body.request_uri) return { type: 'web', requestUri: body.request_uri };
  if (body.error !== 'insufficient_authorization') throw errorFromBody(body, response);
  if (!body.ciam || !body.auth_session) throw invalidResponse('insufficient_authorization without a next step');
  return stepAnswer(body.auth_session, body.ciam, body.request_uri);
}

/** What a finished sign-in tells its customer (profile §26.3–§26.4), as `SignedIn` carries it. */
export type SignInNotice = Pick<SignedIn, 'lastSignIn' | 'newDevice'>;

/**
 * The notice in a sign-in success response or the session status a sign-in started: the previous sign-in and
 * the new-device flag, when the backend tells them. Only the sign-in that brought them carries them: a
 * reload's session status names who is signed in, not what to tell them again.
 */
export function signInNotice(source: { last_sign_in?: LastSignIn | undefined; new_device?: boolean | undefined }): SignInNotice {
  return { ...(source.last_sign_in ? { lastSignIn: source.last_sign_in } : {}), ...(source.new_device ? { newDevice: true } : {}) };
}

/** A finished transaction's answer: its code, the consents it recorded and what to tell the customer. */
function codeAnswer(body: ChallengeSuccessResponse): ChallengeAnswer {
  return { type: 'code', authorizationCode: body.authorization_code, ...(body.receipts ? { receipts: body.receipts } : {}), ...signInNotice(body) };
}

/** A step this version can show, or the web page when it cannot: an unknown step, or no method left to offer. */
function stepAnswer(authSession: string, state: StepState, requestUri: string | undefined): ChallengeAnswer {
  const unusable = state.step === 'unknown' || (state.step === 'select_method' && state.methods.length === 0);
  return unusable ? { type: 'web', requestUri } : { type: 'step', authSession, state };
}

/** A poll's `200`: the authorization code, or the step as it stands (profile §20.2), told apart by their members. */
const PollSuccess = z.union([ChallengeSuccessResponse, PendingPollResponse]);

/** Reads the answer of an `email_link` poll: `200` pending or done, else an ordinary challenge answer. */
export async function readPollAnswer(response: Response): Promise<ChallengeAnswer> {
  if (response.status !== 200) return readChallengeAnswer(response);
  const body = parseWith(PollSuccess, await readJSON(response));
  if ('authorization_code' in body) return codeAnswer(body);
  return stepAnswer(body.auth_session, body.ciam, undefined);
}

/** Reads the answer of `ciam_passkey_options_endpoint`: `200` with a transaction at its first step; anything else fails. */
export async function readPasskeyOptionsAnswer(response: Response): Promise<ChallengeAnswer> {
  if (response.status !== 200) throw await readError(response);
  const body = parseWith(PasskeyOptionsResponse, await readJSON(response));
  return stepAnswer(body.auth_session, body.ciam, undefined);
}

/** Turns any non-2xx answer of a profile endpoint into a {@link LatchError}. */
export async function readError(response: Response): Promise<LatchError> {
  return errorFromBody(await readErrorBody(response), response);
}

/** Status-level failures (429, 5xx) throw at once; everything else must be a profile error body. */
async function readErrorBody(response: Response): Promise<ChallengeErrorResponse> {
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
  if (response.status === 429) {
    throw new LatchError(LatchErrorCode.RATE_LIMITED, 'Too many requests', { retryAfter: retryAfter ?? 30 });
  }
  if (response.status >= 500) {
    throw new LatchError(LatchErrorCode.SERVER_ERROR, `Backend failed (HTTP ${response.status})`, { retryAfter });
  }
  return parseWith(ChallengeErrorResponse, await readJSON(response));
}

function errorFromBody(body: ChallengeErrorResponse, response: Response): LatchError {
  // A breached password is refused for another reason than its length, and the customer is told which (§19.3).
  const breached = body.error === 'weak_password' && body.field_errors?.some((field) => field.code === 'breached');
  const code = breached ? LatchErrorCode.PASSWORD_BREACHED : ERROR_MAP[body.error];
  return new LatchError(code ?? LatchErrorCode.SERVER_ERROR, body.error_description ?? body.error, {
    retryAfter: retryAfterSeconds(response.headers.get('retry-after')),
    attemptsRemaining: body.attempts_remaining,
    fieldErrors: body.field_errors,
    backendError: body.error,
  });
}
