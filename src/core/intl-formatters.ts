/**
 * Intl formatters are costly to build (a 1,000-comment thread spent most of a
 * second on them) and immutable: one per locale and style serves every element.
 */
const formatters = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat | Intl.NumberFormat>();

/** The formatter kept under `key`, made by `make` the first time it is asked for. */
export function cached<F extends Intl.RelativeTimeFormat | Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}
