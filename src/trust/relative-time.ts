// "3 days ago" in the customer's language (Intl.RelativeTimeFormat), for the last sign-in and the session list.

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * How long ago (or ahead) `at` is from `now`, both epoch seconds, in the largest whole unit: "3 days ago",
 * "yesterday", "now" (`numeric: 'auto'`).
 */
export function relativeTime(at: number, now: number, locale: string | undefined): string {
  const seconds = at - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}
