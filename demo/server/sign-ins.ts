import type { ActivityEvent, DeviceInfo, StepRequest } from '../../src/protocol/index.js';
import type { AuthSession } from './auth-sessions.js';
import type { BackendContext } from './context.js';
import type { HttpError } from './http.js';
import type { Account } from './store.js';

/** Sign-ins an account keeps for its privacy center (docs/protocol.md §25.1); the oldest is forgotten first. */
export const MAX_SIGN_INS = 50;
/** Sign-in attempts the activity log keeps (docs/protocol.md §27.3); the oldest is forgotten first. */
export const MAX_ACTIVITY = 200;
/** How far back the activity log goes: 30 days. */
export const ACTIVITY_SECONDS = 30 * 86_400;

/** One finished sign-in as the account keeps it: when, how, and a browser/OS summary; never the IP address. */
export interface SignInRecord {
  /** Epoch seconds. */
  at: number;
  method: string;
  /** "Chrome on Linux": a summary of the User-Agent, not the header itself (data minimisation, GDPR Art. 5(1)(c)). */
  device?: string;
}

/** One sign-in attempt in the account's activity log: the profile's {@link ActivityEvent}, as stored. */
export type ActivityRecord = ActivityEvent;

/** "Chrome on Linux", "Safari on iOS", or undefined when the device names neither. */
export function deviceSummary(device: DeviceInfo | undefined): string | undefined {
  const { browser, os } = device ?? {};
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os;
}

/** A finished sign-in: in the privacy center's history and the activity log (the caller saves the store). */
export function recordSignIn(account: Account, signIn: { method: string; device?: DeviceInfo; at: number; newDevice?: boolean }): void {
  const summary = deviceSummary(signIn.device);
  const record: SignInRecord = { at: signIn.at, method: signIn.method, ...(summary ? { device: summary } : {}) };
  account.sign_ins = [...(account.sign_ins ?? []), record].slice(-MAX_SIGN_INS);
  appendActivity(account, { ...attempt(signIn), outcome: 'success', ...(signIn.newDevice ? { new_device: true } : {}) });
}

/** A wrong password or code for an existing account (never called for an unknown address: nothing is created). */
export function recordFailedSignIn(account: Account, failure: { method: string; device?: DeviceInfo; at: number }): void {
  appendActivity(account, { ...attempt(failure), outcome: 'failure' });
}

/** Step errors that are a wrong guess of a secret (not a malformed or expired step). */
const WRONG_GUESSES: ReadonlySet<string> = new Set(['invalid_credentials', 'invalid_code']);

/**
 * A step of a sign-in failed with a wrong password or code: the failure goes to the account's activity log
 * when the address (or the second-factor challenge) names an existing account. Called after the answer is
 * sent, and the store saved in the background, so the answer to an existing and an unknown address is the same.
 */
export function noteFailedStep(session: AuthSession | undefined, step: StepRequest | undefined, error: HttpError, ctx: BackendContext, device?: DeviceInfo): void {
  if (!session || !step || !WRONG_GUESSES.has(error.error)) return;
  const accountId = session.factorChallenge?.accountId;
  const account = accountId ? ctx.accounts.findById(accountId) : session.loginHint ? ctx.accounts.findByEmail(session.loginHint) : undefined;
  if (!account) return;
  recordFailedSignIn(account, { method: step.type, at: ctx.clock.nowSeconds(), ...(device ? { device } : {}) });
  void ctx.accounts.save().catch(() => undefined);
}

/** The last 30 days of the log, newest first (`GET /account/activity`). */
export function recentActivity(account: Account, now: number): ActivityEvent[] {
  return withinWindow(account.activity ?? [], now).reverse();
}

function attempt({ at, method, device }: { method: string; device?: DeviceInfo; at: number }): Omit<ActivityRecord, 'outcome'> {
  return { at, method, ...(device ? { device } : {}) };
}

function appendActivity(account: Account, record: ActivityRecord): void {
  account.activity = withinWindow([...(account.activity ?? []), record], record.at).slice(-MAX_ACTIVITY);
}

function withinWindow(records: readonly ActivityRecord[], now: number): ActivityRecord[] {
  return records.filter((record) => record.at > now - ACTIVITY_SECONDS);
}
