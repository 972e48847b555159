const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * "3 days ago", "yesterday", "now" in the page's language (Intl.RelativeTimeFormat). A time ahead of the
 * page's clock (the backend's clock runs a little ahead) reads as now, never as "in 2 minutes".
 */
export function relativeTime(epochSeconds: number, lang: string, now = Date.now()): string {
  const ago = Math.min(0, epochSeconds - now / 1000);
  const format = new Intl.RelativeTimeFormat(lang || undefined, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (-ago >= size) return format.format(Math.round(ago / size), unit);
  }
  return format.format(0, 'second');
}

/** The full date and time, for the `title` and `datetime` of a relative time. */
export function absoluteTime(epochSeconds: number, lang: string): { iso: string; text: string } {
  const date = new Date(epochSeconds * 1000);
  return { iso: date.toISOString(), text: new Intl.DateTimeFormat(lang || undefined, { dateStyle: 'long', timeStyle: 'short' }).format(date) };
}
