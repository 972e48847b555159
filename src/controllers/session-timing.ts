/**
 * The idle timeout's arithmetic, kept pure so it can be tested without clocks: every function takes
 * "now" in this page's milliseconds.
 */

/** NIST SP 800-63B §10.1 ("e.g., 2 minutes") and reliability.md G12: warn at least this early. */
export const MIN_WARNING_MS = 120_000;
/** WCAG 2.2 SC 2.2.1: the user gets at least 20 seconds to answer the warning. */
export const MIN_RESPONSE_MS = 20_000;
/** Activity extends the session at most this often (`PATCH` the session endpoint). */
export const EXTEND_INTERVAL_MS = 60_000;
/** Seconds left at which the warning is announced again (besides when it opens): not every second. */
export const ANNOUNCE_AT_S: readonly number[] = [60, 30, 10];

/**
 * Where the backend's idle expiry falls on this page's clock: the backend's epoch seconds, moved by how far
 * its clock runs ahead of the page's (`LatchClient.serverTimeOffset()`).
 */
export function localDeadline(idleExpiresAt: number, serverOffsetMs: number): number {
  return idleExpiresAt * 1000 - serverOffsetMs;
}

/**
 * How long before the deadline the warning opens: `warnBeforeMs` (at least two minutes), but never more
 * than half the idle timeout, so a short timeout does not warn the moment it was extended. Never below
 * the 20 s WCAG 2.2.1 asks for.
 */
export function warningLead(warnBeforeMs: number, idleTimeoutMs: number | undefined): number {
  const wanted = Math.max(warnBeforeMs, MIN_WARNING_MS);
  const cap = idleTimeoutMs === undefined ? wanted : idleTimeoutMs / 2;
  return Math.max(MIN_RESPONSE_MS, Math.min(wanted, cap));
}

/** What the watcher should be doing at `now`: nothing yet, warning, or ending the session. */
export function phaseAt(now: number, deadline: number, leadMs: number): 'quiet' | 'warning' | 'expired' {
  if (now >= deadline) return 'expired';
  return now >= deadline - leadMs ? 'warning' : 'quiet';
}

/** Whole seconds left, rounded up: the countdown reaches 0:00 only at the deadline. */
export function secondsLeft(now: number, deadline: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** `m:ss`, as the countdown shows it ("1:59"), in the digits of `lang` ("۱:۵۹" in Persian). */
export function formatCountdown(seconds: number, lang = 'en'): string {
  const whole = Math.max(0, Math.floor(seconds));
  const digits = (value: number, width: number) => new Intl.NumberFormat(lang, { minimumIntegerDigits: width, useGrouping: false }).format(value);
  return `${digits(Math.floor(whole / 60), 1)}:${digits(whole % 60, 2)}`;
}

/**
 * The milestone to announce now, if any: the largest of {@link ANNOUNCE_AT_S} that `seconds` has reached
 * and below `announced`: the last one announced, or the seconds left when the warning opened (announced then).
 */
export function milestoneDue(seconds: number, announced: number): number | undefined {
  const due = ANNOUNCE_AT_S.filter((mark) => seconds <= mark && mark < announced);
  return due.length ? Math.min(...due) : undefined;
}

/** Whether user activity at `now` should extend the session: only once per {@link EXTEND_INTERVAL_MS}. */
export function shouldExtend(now: number, lastExtendedAt: number | undefined): boolean {
  return lastExtendedAt === undefined || now - lastExtendedAt >= EXTEND_INTERVAL_MS;
}
