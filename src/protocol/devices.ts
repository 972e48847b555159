import * as z from 'zod/mini';
import { integer, text, token } from './limits.js';
import { DeviceInfo } from './trust.js';

// The signed-in customer's sessions and sign-in activity (profile §27). Its own module, kept out of the
// sign-in form's chunk: only `<latch-devices>` loads these schemas.

/** One signed-in browser of the account. Personal data: its owner sees it, nobody else. */
export const DeviceSession = z.object({
  /** An opaque handle for revoking it; never the session cookie's value. */
  id: token(128),
  /** The session of the browser asking. At most one; it cannot be revoked here (sign out instead). */
  current: z.boolean(),
  /** Epoch seconds: when this session's sign-in happened. */
  signed_in_at: integer(),
  /** Epoch seconds: the last request that used the session. */
  last_active_at: integer(),
  method: z.optional(text(32)),
  device: z.optional(DeviceInfo),
});
export type DeviceSession = z.infer<typeof DeviceSession>;

/**
 * `GET ciam_sessions_endpoint`: the account's active sessions, the current one first, then the most recently
 * active. `DELETE …/{id}` ends one (204); `DELETE …?others=true` ends all but the current one, behind an
 * RFC 9470 step-up (204).
 */
export const SessionList = z.object({ sessions: z.array(DeviceSession).check(z.maxLength(100)) });
export type SessionList = z.infer<typeof SessionList>;

/** One sign-in attempt on the account, successful or not (a wrong password, a wrong code). */
export const ActivityEvent = z.object({
  /** Epoch seconds. */
  at: integer(),
  outcome: z.enum(['success', 'failure']),
  method: z.optional(text(32)),
  device: z.optional(DeviceInfo),
  /** A successful sign-in from a browser the account had not used before. */
  new_device: z.optional(z.boolean()),
});
export type ActivityEvent = z.infer<typeof ActivityEvent>;

/** `GET ciam_activity_endpoint`: the last 30 days of sign-in activity, newest first. */
export const ActivityLog = z.object({ events: z.array(ActivityEvent).check(z.maxLength(500)) });
export type ActivityLog = z.infer<typeof ActivityLog>;
