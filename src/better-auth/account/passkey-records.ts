import { createHmac } from 'node:crypto';
import type { AuthContext } from '@better-auth/core';
import { getAuthenticatorName } from '@better-auth/passkey';
import type { Passkey } from '../../protocol/passkey-registration.js';
import { findPlugin } from '../better-auth-calls.js';

// How better-auth's passkey rows read as the profile's Passkey (§5, §15.2), and the two values better-auth does
// not keep that the profile needs: the RP ID it uses, and one stable WebAuthn user handle per account.

/** A row of better-auth's `passkey` table as its endpoints answer it (dates as ISO strings over JSON). */
export interface PasskeyRow {
  id: string;
  name?: string | null;
  userId: string;
  credentialID: string;
  backedUp: boolean;
  createdAt?: string | Date | null;
  aaguid?: string | null;
  /** passkey-use.ts: stamped at each passkey sign-in, when the integrator wired the account schema and hook. */
  latchkeyLastUsedAt?: string | Date | null;
}

/** The RP ID the passkey plugin uses: its `rpID` option, else the host of better-auth's base URL. */
export function relyingPartyId(context: AuthContext): string {
  const rpID = findPlugin(context, 'passkey')?.options?.['rpID'];
  if (typeof rpID === 'string' && rpID) return rpID;
  return new URL(context.baseURL).hostname;
}

/**
 * The account's WebAuthn user handle (WebAuthn §5.4.3: at most 64 bytes, never personal data). better-auth's
 * passkey plugin makes a random one per registration and keeps none, which the WebAuthn Signal API cannot
 * use; the registration endpoint puts this one in the creation options instead, so every passkey made through
 * it carries it. It is an HMAC of the user id under better-auth's secret: stable, opaque, stored nowhere.
 */
export function userHandle(context: AuthContext, userId: string): string {
  return createHmac('sha256', context.secret).update(`latchkey-webauthn-user:${userId}`).digest('base64url');
}

/**
 * A passkey row as the profile describes it. `id` is the credential id (the Signal API names credentials by
 * it); `last_used_at` is the adapter's own column (`null` until a passkey sign-in, or when it is not wired);
 * `synced` is the backup state stored at registration (better-auth does not update it at sign-in).
 */
export function describePasskey(row: PasskeyRow, rpId: string, handle: string): Passkey {
  const created = row.createdAt ? new Date(row.createdAt).getTime() : Date.now();
  return {
    id: row.credentialID,
    name: row.name?.trim() || getAuthenticatorName(row.aaguid ?? undefined) || 'Passkey',
    created_at: Math.floor(created / 1000),
    last_used_at: row.latchkeyLastUsedAt ? Math.floor(new Date(row.latchkeyLastUsedAt).getTime() / 1000) : null,
    synced: row.backedUp === true,
    rp_id: rpId,
    user_id: handle,
  };
}
