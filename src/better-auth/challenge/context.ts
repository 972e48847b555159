import type { AuthContext } from 'better-auth';
import type { AuthSession, AuthSessions } from '../auth-sessions.js';
import type { MailCooldown } from '../mail-cooldown.js';
import type { ResolvedOptions } from '../options.js';
import type { AuthorizationCodes } from '../authorization-codes.js';

/** What the plugin instance keeps across requests. */
export interface PluginState {
  readonly sessions: AuthSessions;
  readonly cooldown: MailCooldown;
  readonly codes: AuthorizationCodes;
}

/** Everything a step handler needs: better-auth's context, the options, the state and this transaction. */
export interface StepContext {
  readonly auth: AuthContext;
  readonly options: ResolvedOptions;
  readonly state: PluginState;
  readonly session: AuthSession;
  /** The page's `Origin` (WebAuthn checks the assertion against it). */
  readonly origin: string | null;
}

/** A step's body, already parsed as an object with a string `type`. */
export type StepBody = Record<string, unknown> & { type: string };
