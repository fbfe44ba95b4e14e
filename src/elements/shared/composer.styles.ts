import { css } from 'lit';

/**
 * What the comment composers and the status composer look like (text field,
 * mention list, counter, error; preview, Markdown help and conflict are the
 * comments'), and the form controls around them (the sort and filter
 * selects), so that writing looks the same in every element.
 */
export const composerStyles = css`
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  select {
    padding: 0.2rem 0.4rem;
  }
  /* A select after its label: the comments' sort, the feed's filter. */
  .sort,
  .filter {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    color: var(--_muted);
  }
  .composer {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin: var(--_space) 0 calc(var(--_space) * 1.5);
  }
  .composer-label {
    font-weight: 600;
  }
  textarea {
    width: 100%;
    min-height: 5.5rem;
    padding: 0.5rem;
    resize: vertical;
  }
  .field {
    position: relative;
  }
  /* Under the text field, over what follows: simple, and never off the side of a narrow column. */
  .mentions {
    position: absolute;
    z-index: 10;
    inset-inline-start: 0;
    top: calc(100% + 2px);
    width: min(100%, 24rem);
    max-height: 17rem;
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 0.25rem 0.75rem rgb(0 0 0 / 0.18);
  }
  .mentions ul {
    margin: 0;
    padding: 0.25rem 0;
    list-style: none;
  }
  .mention-option {
    display: grid;
    min-height: 2.25rem;
    padding: 0.3rem 0.75rem;
    cursor: pointer;
  }
  .mention-option[aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .mention-name {
    font-weight: 600;
  }
  .mention-detail,
  .mention-status {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .mention-status {
    margin: 0;
    padding: 0.5rem 0.75rem;
  }
  @media (forced-colors: active) {
    .mention-option[aria-selected='true'] {
      outline: 2px solid Highlight;
      outline-offset: -2px;
    }
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .preview .muted {
    color: var(--_muted);
  }
  .preview {
    min-height: 5.5rem;
    padding: 0.5rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .composer-bar {
    display: flex;
    flex-wrap: wrap;
    /* Opening the help must not move the buttons. */
    align-items: flex-start;
    gap: var(--_space);
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-inline-start: auto;
  }
  .help summary {
    min-height: 1.5rem;
    color: var(--_accent);
    cursor: pointer;
  }
  .help p {
    margin: 0.3em 0;
  }
  /* Two columns: what you type, what readers see. */
  .help-examples {
    display: grid;
    grid-template-columns: max-content 1fr;
    align-items: center;
    gap: 0.2em 1.5em;
    margin: 0.3em 0 0.5em;
    padding: 0;
    font-size: 0.9em;
  }
  .help-examples > li {
    display: contents;
  }
  .help .example > * {
    margin: 0;
  }
  .count {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .count.over,
  .error,
  .load-error {
    color: var(--_danger);
  }
  .error,
  .load-error {
    margin: 0;
  }
  .error:empty {
    display: none;
  }
  .conflict {
    padding: var(--_space);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .conflict p,
  .conflict figure {
    margin: 0 0 0.4em;
  }
  .conflict figcaption {
    font-weight: 600;
  }
  .reply-composer {
    margin-top: var(--_space);
    padding-inline-start: calc(var(--_space) * 2);
  }
  .secondary[aria-pressed='true'] {
    border: 2px solid var(--_accent);
    padding: calc(0.3rem - 1px) calc(0.85rem - 1px);
    background: color-mix(in srgb, var(--_accent) 14%, transparent);
  }
`;
