/** English words of `<latch-session-timeout>`; they load with it, not with the sign-in form. */
export const session = {
  warningTitle: 'Are you still there?',
  /** The visible countdown, `time` as `m:ss`. */
  countdown: "You'll be signed out in {time}.",
  /** Why, with the idle timeout in whole minutes. */
  warningReason: {
    one: 'To keep your account safe, we sign you out after {count} minute without activity.',
    other: 'To keep your account safe, we sign you out after {count} minutes without activity.',
  },
  /** What the live region says at a milestone of whole minutes… */
  announceMinutes: { one: "You'll be signed out in {count} minute.", other: "You'll be signed out in {count} minutes." },
  /** …or of seconds. */
  announceSeconds: { one: "You'll be signed out in {count} second.", other: "You'll be signed out in {count} seconds." },
  staySignedIn: 'Stay signed in',
  signOut: 'Sign out',
  extendFailed: "We couldn't reach the server, so you're not signed in for longer yet. Try again.",
  endedTitle: "You've been signed out",
  endedIdle: 'You were signed out because you were inactive.',
  endedOtherTab: 'You signed out in another tab.',
  endedElsewhere: 'Your session ended. Sign in again to continue.',
  close: 'OK',
} as const;
