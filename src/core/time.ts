import { cached } from './intl-formatters.ts';

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

const relative = (locale: string) => cached(`r ${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));

export function relativeTime(date: Date | string, locale: string, now: number = Date.now()): string {
  const then = typeof date === 'string' ? new Date(date) : date;
  let value = (then.getTime() - now) / 1000;
  const format = PHRASES[locale] ?? ((amount: number, unit: Intl.RelativeTimeFormatUnit) => relative(locale).format(amount, unit));
  if (Math.abs(value) < 45) return format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(value) < size) return format(Math.round(value), unit);
    value /= size;
  }
  return absoluteDate(then, locale);
}

type Phrase = (amount: number, unit: Intl.RelativeTimeFormatUnit) => string;

/**
 * What `Intl.RelativeTimeFormat(…, { numeric: 'auto' })` says in German and
 * English for the amounts relativeTime asks for, without it: the first
 * RelativeTimeFormat of a page costs tens of milliseconds (ICU loads its
 * data), and a thread's first paint waited for it. time.test.ts checks every
 * unit and amount against Intl itself.
 */
const PHRASES: Record<string, Phrase> = {
  de: (amount, unit) => {
    const named = DE_NAMED[`${unit} ${amount}`];
    if (named) return named;
    const [one, many] = DE_UNITS[unit as keyof typeof DE_UNITS];
    const n = Math.abs(amount);
    return `${amount < 0 ? 'vor' : 'in'} ${n} ${n === 1 ? one : many}`;
  },
  en: (amount, unit) => {
    const named = EN_NAMED[`${unit} ${amount}`];
    if (named) return named;
    const n = Math.abs(amount);
    const words = `${n} ${unit}${n === 1 ? '' : 's'}`;
    return amount < 0 ? `${words} ago` : `in ${words}`;
  },
};

const DE_UNITS = { second: ['Sekunde', 'Sekunden'], minute: ['Minute', 'Minuten'], hour: ['Stunde', 'Stunden'], day: ['Tag', 'Tagen'], week: ['Woche', 'Wochen'] };
const DE_NAMED: Record<string, string> = {
  'second 0': 'jetzt',
  'day -2': 'vorgestern',
  'day -1': 'gestern',
  'day 1': 'morgen',
  'day 2': 'übermorgen',
  'week -1': 'letzte Woche',
  'week 1': 'nächste Woche',
};
const EN_NAMED: Record<string, string> = { 'second 0': 'now', 'day -1': 'yesterday', 'day 1': 'tomorrow', 'week -1': 'last week', 'week 1': 'next week' };

/** Dates already written, by locale and local day: a long thread's old comments share a few days, and each format() is slow. */
const writtenDates = new Map<string, string>();

/** The date alone, for old items. */
export function absoluteDate(date: Date, locale: string): string {
  const key = `${locale} ${date.getFullYear()} ${date.getMonth()} ${date.getDate()}`;
  let written = writtenDates.get(key);
  if (written === undefined) {
    written = cached(`d ${locale}`, () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' })).format(date);
    if (writtenDates.size > 1000) writtenDates.clear();
    writtenDates.set(key, written);
  }
  return written;
}

/** The exact moment, for a tooltip and the `<time>` element's accessible text. */
export function exactTime(date: Date | string, locale: string): string {
  return cached(`e ${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' })).format(
    typeof date === 'string' ? new Date(date) : date,
  );
}
