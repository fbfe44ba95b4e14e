import { css } from 'lit';

/** A composer: text field, preview, Markdown help, counter, conflict. */
export const composerStyles = css`
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
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
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
  .error {
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
