import type { PolicyDecision, StepRequest, StepState } from '../../../src/protocol/index.js';
import type { UsedFactor } from '../assurance.js';
import type { AuthSession } from '../auth-sessions.js';
import type { BackendContext } from '../context.js';
import { HttpError } from '../http.js';
import type { SignInMethod } from '../session.js';
import type { StepOutcome } from './outcome.js';
import { answerProfile, profileStep } from './profile.js';

// Between the credentials and the authorization code (docs/protocol.md §24): the sign-up's decisions become
// receipts once the account exists; a customer whose accepted terms are older than the live ones decides on the
// new ones (`consent_required`); then, from the second sign-in on, one profile question (`profile`).

/** A sign-in whose credentials (and second factor) passed, waiting for the account's steps. */
export interface PendingSignIn {
  accountId: string;
  method: SignInMethod;
  factors?: UsedFactor[];
  remembered?: SignInMethod;
  /** The step the sign-in waits for: only its request is taken. */
  asked?: 'consent_required' | 'profile';
}

/**
 * The step the account must answer before this sign-in completes, or `undefined` to complete it. Holds the
 * sign-in in the auth_session meanwhile, so the next request can only be that step.
 */
export async function accountStepBefore(session: AuthSession, signIn: PendingSignIn, ctx: BackendContext): Promise<StepState | undefined> {
  if (!ctx.accountPolicies.enabled) return undefined;
  const signedUp = await recordSignUp(session, signIn.accountId, ctx);
  const account = ctx.accounts.findById(signIn.accountId);
  const due = ctx.accountPolicies.due(signIn.accountId);
  // Asking in stages: never at the sign-up itself (profile §24.3).
  const next: StepState | undefined = due.length ? { step: 'consent_required', policies: due } : account && !signedUp ? profileStep(account, ctx) : undefined;
  if (!next) {
    delete session.pendingSignIn;
    return undefined;
  }
  session.pendingSignIn = { ...signIn, asked: next.step as 'consent_required' | 'profile' };
  delete session.factorChallenge;
  return next;
}

/** The requests a held sign-in accepts: the decision on the policies, or the profile answer. */
export async function runAccountStep(session: AuthSession, pending: PendingSignIn, step: StepRequest, ctx: BackendContext): Promise<StepOutcome> {
  const account = ctx.accounts.findById(pending.accountId);
  if (!account) throw new HttpError(400, 'invalid_session', 'the account no longer exists');
  const { asked, ...signIn } = pending;
  if (step.type === 'profile' && asked === 'profile') await answerProfile(account, step, ctx);
  else if (step.type === 'consent' && asked === 'consent_required') await decide(session, pending.accountId, step.consents, ctx);
  else throw new HttpError(400, 'invalid_request', `this sign-in waits for its ${asked} step`);
  // Completing goes through accountStepBefore again: the profile question may follow the consent.
  return { kind: 'authenticated', ...signIn };
}

/** Records the decisions; a declined `accept` policy ends the sign-in (`access_denied`), with no session. */
async function decide(session: AuthSession, accountId: string, consents: readonly PolicyDecision[], ctx: BackendContext): Promise<void> {
  const due = ctx.accountPolicies.due(accountId);
  const decisions = due.map((policy) => consents.find((decision) => decision.policy === policy.id && decision.version === policy.version));
  if (decisions.some((decision) => !decision)) {
    throw new HttpError(400, 'invalid_request', 'decide on every policy of the step', {}, { field_errors: [{ field: 'consents', code: 'required' }] });
  }
  const now = ctx.clock.now();
  const receipts = await ctx.accountPolicies.record(accountId, decisions.map((decision) => ({ ...decision!, chosen_at: now })), 'sign_in', now);
  session.receipts = [...(session.receipts ?? []), ...receipts];
  if (receipts.some((receipt) => !receipt.granted)) {
    // The decline is recorded; the sign-in ends here, and the customer is told what they can do (the widget's words).
    ctx.authSessions.delete(session.id);
    throw new HttpError(400, 'access_denied', 'the current terms were declined; contact us or delete the account');
  }
}

/** The sign-up's decisions, for the account this transaction created; true when it did. */
async function recordSignUp(session: AuthSession, accountId: string, ctx: BackendContext): Promise<boolean> {
  const decisions = session.signUpConsents;
  if (!decisions?.length) return false;
  delete session.signUpConsents;
  // Only an account created since the sign-up step (the mail for a taken address proves nothing was created).
  const account = ctx.accounts.findById(accountId);
  if (!account || account.created_at * 1000 < Math.min(...decisions.map((decision) => decision.chosen_at)) - 1000) return false;
  const receipts = await ctx.accountPolicies.record(accountId, decisions, 'sign_up', ctx.clock.now());
  session.receipts = [...(session.receipts ?? []), ...receipts];
  return true;
}
