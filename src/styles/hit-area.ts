import { css } from 'lit';

/**
 * A stand-alone link or name tag on a page with a 10 or 11 px font still
 * offers a 24 px target (WCAG 2.2, 2.5.8; decision 85). Padding on an inline
 * box widens what a pointer hits and what `getBoundingClientRect()` reports,
 * but not the line it sits in; the negative inline margin gives back the width
 * the padding takes, so running text looks exactly as before. A button (the
 * name tag's trigger) is laid out as an inline block even with
 * `display: inline`, so its negative block margin gives back the height too.
 * From 24 px of font on, nothing is added.
 */
export const hitArea = css`
  .hit-area {
    padding-block: max(0px, 12px - 0.5em);
    margin-block: min(0px, 0.5em - 12px);
    padding-inline: 4px;
    margin-inline: -4px;
  }
`;
