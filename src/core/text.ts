/**
 * How text a person writes is measured, the same in the composer and on the
 * server, so the browser never accepts what the server refuses (or the other
 * way round).
 *
 * Length is `text.length`: UTF-16 code units, what `LIMITS.commentLength` and
 * `CommentThread.limits` count (an emoji outside the BMP counts two).
 */

/**
 * Text that shows nothing: whitespace, the characters Unicode says to render
 * invisibly (zero-width space and joiners, soft hyphen, BOM, Hangul fillers,
 * variation selectors, tags: `Default_Ignorable_Code_Point`) and the braille
 * blank U+2800, which fonts draw as an empty cell.
 */
const SHOWS_NOTHING = /^[\s\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** True when the text would look empty on screen, so it is not worth sending as a comment. */
export function isBlank(text: string): boolean {
  return SHOWS_NOTHING.test(text);
}

/** Half of a surrogate pair without its other half: JSON can carry it, UTF-8 (and so the database) cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when every surrogate is paired, so the text survives UTF-8 unchanged. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
