import { css } from 'lit';

/** Rendered Markdown (`.body`): comments and feed items show it alike, lists, quotes, code and mentions included. */
export const textStyles = css`
  .body > :first-child {
    margin-top: 0;
  }
  .body > :last-child {
    margin-bottom: 0;
  }
  .body p,
  .body ul,
  .body ol,
  .body blockquote,
  .body pre {
    margin: 0.5em 0;
  }
  /* A heading inside a comment structures that comment, not the page: a little larger and bold, never a page title. */
  .body h1,
  .body h2,
  .body h3,
  .body h4,
  .body h5,
  .body h6 {
    margin: 0.5em 0;
    font-size: 1em;
    font-weight: 700;
    line-height: 1.3;
  }
  .body h1 {
    font-size: 1.25em;
  }
  .body h2 {
    font-size: 1.125em;
  }
  .body hr {
    margin: 0.75em 0;
    border: 0;
    border-top: 1px solid var(--_border);
  }
  .body ul,
  .body ol {
    padding-inline-start: 1.5em;
  }
  .body ul {
    list-style: disc;
  }
  .body ol {
    list-style: decimal;
  }
  .body blockquote {
    margin-inline: 0;
    padding-inline-start: 0.8em;
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  .body pre,
  code {
    font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
    font-size: 0.9em;
  }
  .body pre {
    overflow-x: auto;
    padding: 0.5em;
    border-radius: var(--_radius);
    background: color-mix(in srgb, currentColor 8%, transparent);
  }
  .body a {
    color: var(--_accent);
  }
  .mention {
    color: var(--_accent);
    font-weight: 600;
  }
`;
