import type { GenericEndpointContext } from '@better-auth/core';
import { PasswordChange } from '../../protocol/account.js';
import { jsonAnswer } from '../http/answers.js';
import { invalidRequest, Refusal } from './answers.js';
import { factorSummary } from './factors.js';
import { readJsonBody, requireRecentAuth, requireSession } from './guard.js';
import type { AccountOptions } from './options.js';

// The account password under `ciam_factors_endpoint` (profile §21.1), on better-auth's credential account: set
// (as better-auth's server-only `setPassword` does, a credential account linked to the user), changed, removed.
// The current password is not asked for: the recent authentication is the proof.

/** `PUT …/factors/password {password}`: sensitive. better-auth's `minPasswordLength` is the length rule. */
export async function setPassword(ctx: GenericEndpointContext, options: AccountOptions): Promise<Response> {
  const caller = await requireSession(ctx, { authoritative: true });
  requireRecentAuth(ctx, caller, options, 'change your password');
  const parsed = PasswordChange.safeParse(await readJsonBody(ctx));
  if (!parsed.success) throw invalidRequest('the request is malformed');
  const { password } = parsed.data;
  const { minPasswordLength, maxPasswordLength } = ctx.context.password.config;
  // NIST SP 800-63B-4 §3.1.1.2 counts code points, not UTF-16 units.
  if ([...password].length < minPasswordLength) {
    throw new Refusal(400, 'weak_password', `use at least ${minPasswordLength} characters`, { field_errors: [{ field: 'password', code: 'too_short' }] });
  }
  if (password.length > maxPasswordLength) throw invalidRequest('the password is too long');
  const hash = await ctx.context.password.hash(password);
  const credential = await ctx.context.internalAdapter.findCredentialAccount(caller.user.id);
  if (!credential) {
    await ctx.context.internalAdapter.linkAccount({ userId: caller.user.id, providerId: 'credential', accountId: caller.user.id, password: hash });
  } else {
    await ctx.context.internalAdapter.updateAccount(credential.id, { password: hash });
  }
  // A change (not a first password) signs out whoever knew the old one, everywhere but here.
  if (credential?.password) await endOtherSessions(ctx, caller.user.id, caller.session.token);
  return jsonAnswer(200, await factorSummary(ctx, caller));
}

/** `DELETE …/factors/password`: sensitive; only for an account with a passkey to sign in with instead. */
export async function removePassword(ctx: GenericEndpointContext, options: AccountOptions): Promise<Response> {
  const caller = await requireSession(ctx, { authoritative: true });
  requireRecentAuth(ctx, caller, options, 'remove your password');
  const passkeys = await ctx.context.adapter.count({ model: 'passkey', where: [{ field: 'userId', value: caller.user.id }] });
  if (passkeys === 0) throw new Refusal(409, 'last_method', 'add a passkey before removing the password');
  const credential = await ctx.context.internalAdapter.findCredentialAccount(caller.user.id);
  if (credential) await ctx.context.internalAdapter.deleteAccount(credential.id);
  return jsonAnswer(200, await factorSummary(ctx, caller));
}

async function endOtherSessions(ctx: GenericEndpointContext, userId: string, keep: string): Promise<void> {
  for (const session of await ctx.context.internalAdapter.listSessions(userId)) {
    if (session.token !== keep) await ctx.context.internalAdapter.deleteSession(session.token);
  }
}
