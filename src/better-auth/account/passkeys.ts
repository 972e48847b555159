import type { GenericEndpointContext } from '@better-auth/core';
import { PasskeyRename, type PasskeyList } from '../../protocol/account.js';
import { jsonAnswer, noContent } from '../http/answers.js';
import { invalidRequest, notFound, Refusal } from './answers.js';
import { callBetterAuth, pluginEndpoint } from '../better-auth-calls.js';
import { requireRecentAuth, requireSession, readJsonBody, type Caller } from './guard.js';
import type { AccountOptions } from './options.js';
import { describePasskey, relyingPartyId, userHandle, type PasskeyRow } from './passkey-records.js';

// `ciam_passkeys_endpoint` (profile §15.2) over better-auth's passkey plugin: `GET` lists through
// `/passkey/list-user-passkeys`, `PATCH /{id}` renames through `/passkey/update-passkey`, `DELETE /{id}` removes
// through `/passkey/delete-passkey`. The profile names a passkey by its credential id, better-auth by its row id.

/** `GET …/passkeys`: the user's passkeys with what the WebAuthn Signal API needs. */
export async function listPasskeys(ctx: GenericEndpointContext): Promise<Response> {
  const caller = await requireSession(ctx);
  const rpId = relyingPartyId(ctx.context);
  const handle = userHandle(ctx.context, caller.user.id);
  const body: PasskeyList = {
    rp_id: rpId,
    user: { id: handle, name: caller.user.email, display_name: caller.user.name || caller.user.email },
    passkeys: (await passkeyRows(ctx)).map((row) => describePasskey(row, rpId, handle)),
  };
  return jsonAnswer(200, body);
}

/** `PATCH …/passkeys/{id}` `{ name }`: trimmed, 1 to 64 characters. Not sensitive. */
export async function renamePasskey(ctx: GenericEndpointContext, id: string): Promise<Response> {
  const caller = await requireSession(ctx, { authoritative: true });
  const parsed = PasskeyRename.safeParse(await readJsonBody(ctx));
  const name = parsed.success ? parsed.data.name.trim() : '';
  if (!name) throw invalidRequest('the name must be 1 to 64 characters', { field_errors: [{ field: 'name', code: 'invalid' }] });
  const row = await ownPasskey(ctx, id);
  const updated = await callBetterAuth(ctx.context, pluginEndpoint(ctx.context, 'passkey', 'updatePasskey'), {
    method: 'POST',
    headers: ctx.headers ?? new Headers(),
    body: { id: row.id, name },
  });
  if (updated.status !== 200) throw unexpected('renaming the passkey', updated.status);
  const saved = (updated.body as { passkey: PasskeyRow }).passkey;
  return jsonAnswer(200, describePasskey(saved, relyingPartyId(ctx.context), userHandle(ctx.context, caller.user.id)));
}

/** `DELETE …/passkeys/{id}`: a sensitive change (recent authentication), `204`. */
export async function removePasskey(ctx: GenericEndpointContext, id: string, options: AccountOptions): Promise<Response> {
  const caller: Caller = await requireSession(ctx, { authoritative: true });
  requireRecentAuth(ctx, caller, options, 'remove a passkey');
  const row = await ownPasskey(ctx, id);
  const removed = await callBetterAuth(ctx.context, pluginEndpoint(ctx.context, 'passkey', 'deletePasskey'), {
    method: 'POST',
    headers: ctx.headers ?? new Headers(),
    body: { id: row.id },
  });
  if (removed.status !== 200) throw unexpected('removing the passkey', removed.status);
  return noContent();
}

/** The signed-in user's passkey rows, through the passkey plugin's own list. */
async function passkeyRows(ctx: GenericEndpointContext): Promise<PasskeyRow[]> {
  const listed = await callBetterAuth(ctx.context, pluginEndpoint(ctx.context, 'passkey', 'listPasskeys'), {
    method: 'GET',
    headers: ctx.headers ?? new Headers(),
  });
  if (listed.status !== 200) throw unexpected('listing passkeys', listed.status);
  return (listed.body ?? []) as unknown as PasskeyRow[];
}

/** The user's passkey with credential id `id`; another account's passkey is as unknown as none (`404`). */
async function ownPasskey(ctx: GenericEndpointContext, id: string): Promise<PasskeyRow> {
  const row = (await passkeyRows(ctx)).find((candidate) => candidate.credentialID === id);
  if (!row) throw notFound('no such passkey');
  return row;
}

function unexpected(what: string, status: number): Refusal {
  return new Refusal(500, 'server_error', `${what} failed (better-auth answered ${status})`);
}
