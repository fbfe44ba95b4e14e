import { cached } from './intl-formatters.ts';

/**
 * Languages Plaza writes some things in without Intl, whose first use on a
 * page is slow: numbers below a thousand are plain ASCII digits without a
 * separator, and plurals are "one" for 1, else "other" (i18n.ts).
 */
export const WITHOUT_INTL = /^(?:de|en)(?:-|$)/i;

/**
 * A count in the reader's locale ("1.234"), with a shared formatter. Small
 * whole counts in German and English are their plain digits: the first
 * Intl.NumberFormat of a page costs tens of milliseconds, and most reaction
 * and reply counts on a page are below a thousand.
 *
 * Apart from time.ts so that a page with only reaction bars, which show counts
 * and no times, does not load the relative-time phrases.
 */
export function formatNumber(value: number, locale: string): string {
  if (Number.isInteger(value) && value >= 0 && value < 1000 && WITHOUT_INTL.test(locale)) return String(value);
  return cached(`n ${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}
