import type { BetterAuthPlugin } from '@better-auth/core';
import { createAuthMiddleware } from '@better-auth/core/api';

// "Last used" for passkeys (profile §15.2 `last_used_at`): better-auth's passkey table has no such column, so the
// account endpoints add one and stamp it after every passkey sign-in better-auth completes (its
// `/passkey/verify-authentication`, also when latchkey()'s challenge endpoint calls it: hooks run there too).

/** The column added to better-auth's `passkey` table (namespaced, so a later better-auth field cannot clash). */
export const LAST_USED_FIELD = 'latchkeyLastUsedAt';

/** Schema to merge into a plugin's `schema`: better-auth merges fields of the same table across plugins. */
export const accountSchema = {
  passkey: { fields: { [LAST_USED_FIELD]: { type: 'date', required: false, input: false } } },
} satisfies NonNullable<BetterAuthPlugin['schema']>;

/** After-hooks to add to a plugin's `hooks.after`. */
export const accountHooks = [
  {
    matcher: (context: { path?: string }) => context.path === '/passkey/verify-authentication',
    handler: createAuthMiddleware(async (ctx) => {
      // Only a sign-in that succeeded made a session; a refused assertion leaves the column alone.
      if (!ctx.context.newSession) return;
      const credentialID = (ctx.body as { response?: { id?: unknown } } | undefined)?.response?.id;
      if (typeof credentialID !== 'string') return;
      await ctx.context.adapter.update({
        model: 'passkey',
        where: [{ field: 'credentialID', value: credentialID }],
        update: { [LAST_USED_FIELD]: new Date() },
      });
    }),
  },
] satisfies NonNullable<NonNullable<BetterAuthPlugin['hooks']>['after']>;
