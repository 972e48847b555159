import type { StepRequest, StepState } from '../../../src/protocol/index.js';
import type { BackendContext } from '../context.js';
import { HttpError } from '../http.js';
import type { Account } from '../store.js';

// Progressive profiling (docs/protocol.md §24.3): one optional field, asked after a sign-in (never at the
// sign-up), with the reason it is asked. Answered or skipped, its version is never asked again.

const PHONE = /^\+?[0-9][0-9 ().-]{5,24}$/;

/** The `profile` step the account has not answered or skipped at the live version, if any. */
export function profileStep(account: Account, ctx: BackendContext): StepState | undefined {
  const version = ctx.accountPolicies.profileVersion;
  if (account.profile_asked?.includes(version)) return undefined;
  return {
    step: 'profile',
    version,
    fields: [
      {
        name: 'phone',
        type: 'tel',
        autocomplete: 'tel',
        label: { en: 'Phone' },
        reason: { en: 'to text you delivery updates' },
        required: false,
        max_length: 32,
      },
    ],
  };
}

/** Stores the answer (or only that it was skipped) and marks the version asked. */
export async function answerProfile(account: Account, step: Extract<StepRequest, { type: 'profile' }>, ctx: BackendContext): Promise<void> {
  if (step.action === 'submit') {
    const phone = (step.values['phone'] ?? '').trim();
    if (phone && !PHONE.test(phone)) throw new HttpError(400, 'invalid_request', 'this is not a phone number', {}, { field_errors: [{ field: 'phone', code: 'invalid' }] });
    if (phone) account.profile = { ...account.profile, phone };
  }
  account.profile_asked = [...new Set([...(account.profile_asked ?? []), ctx.accountPolicies.profileVersion])];
  await ctx.accounts.save();
}
