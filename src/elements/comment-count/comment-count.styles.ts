import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';
import { hitArea } from '../../styles/hit-area.ts';

export const styles = [
  tokens,
  hitArea,
  css`
    :host {
      display: inline;
      /* Keeps the visually hidden loading text from escaping to a far-away positioned ancestor. */
      position: relative;
    }
    /* Inline in running text: a chosen theme sets colours, but no ground of its own, which would show as a box. */
    :host([data-plaza-theme]) {
      background: none;
    }
    [part='link'] {
      color: var(--_accent);
      text-decoration: underline;
      text-underline-offset: 0.15em;
    }
    [part='link']:hover {
      text-decoration-thickness: 2px;
    }
    /* Inline boxes of a hidden text: the same width and line height as a count, so nothing moves when it arrives. */
    .placeholder {
      border-radius: var(--_radius);
      background: color-mix(in srgb, currentColor 14%, transparent);
      box-decoration-break: clone;
      -webkit-box-decoration-break: clone;
    }
    .ghost {
      visibility: hidden;
    }
    .error {
      color: var(--_muted);
      cursor: help;
    }
  `,
];
