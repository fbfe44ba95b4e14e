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
