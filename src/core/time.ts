/**
 * Relative times through Intl: "vor 5 Minuten", "gestern", "vor 3 Wochen";
 * beyond a month, the date itself ("12. März 2025"), because "vor 14 Monaten"
 * makes the reader do arithmetic.
 */
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
];

export function relativeTime(date: Date | string, locale: string, now: number = Date.now()): string {
  const then = typeof date === 'string' ? new Date(date) : date;
  let value = (then.getTime() - now) / 1000;
  if (Math.abs(value) < 45) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(value) < size) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(value), unit);
    value /= size;
  }
  return absoluteDate(then, locale);
}

/** The date alone, for old items. */
export function absoluteDate(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** The exact moment, for a tooltip and the `<time>` element's accessible text. */
export function exactTime(date: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(typeof date === 'string' ? new Date(date) : date);
}
