import { stringTable } from '../../translations/translation.js';

/** The words of `<latch-session-timeout>`, in its own table so they load with it, not with the sign-in form. */
export interface SessionTimeoutStrings {
  $code: string;
  $dir: 'ltr' | 'rtl';
  warningTitle: string;
  /** The visible countdown, `time` as `m:ss`. */
  countdown: (time: string) => string;
  /** Why, with the idle timeout in whole minutes. */
  warningReason: (minutes: number) => string;
  /** What the live region says at a milestone. */
  announce: (seconds: number) => string;
  staySignedIn: string;
  signOut: string;
  extendFailed: string;
  endedTitle: string;
  endedIdle: string;
  endedOtherTab: string;
  endedElsewhere: string;
  close: string;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** English, the fallback. */
export const en: SessionTimeoutStrings = {
  $code: 'en',
  $dir: 'ltr',
  warningTitle: 'Are you still there?',
  countdown: (time) => `You'll be signed out in ${time}.`,
  warningReason: (minutes) =>
    `To keep your account safe, we sign you out after ${plural(minutes, 'minute', 'minutes')} without activity.`,
  announce: (seconds) =>
    seconds >= 60 && seconds % 60 === 0
      ? `You'll be signed out in ${plural(seconds / 60, 'minute', 'minutes')}.`
      : `You'll be signed out in ${plural(seconds, 'second', 'seconds')}.`,
  staySignedIn: 'Stay signed in',
  signOut: 'Sign out',
  extendFailed: "We couldn't reach the server, so you're not signed in for longer yet. Try again.",
  endedTitle: "You've been signed out",
  endedIdle: 'You were signed out because you were inactive.',
  endedOtherTab: 'You signed out in another tab.',
  endedElsewhere: 'Your session ended. Sign in again to continue.',
  close: 'OK',
};

/** Locales of `<latch-session-timeout>`: `sessionTimeoutStrings.register(de)` adds one. */
export const sessionTimeoutStrings = stringTable(en);
