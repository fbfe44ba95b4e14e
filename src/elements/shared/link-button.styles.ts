import { css } from 'lit';

/**
 * A button that reads as a link ("Antworten", "Wer hat reagiert?", "Erneut versuchen"): underlined in
 * the accent colour, and still a 24 px target (WCAG 2.2, 2.5.8). One look for every element; an element
 * adds only what its place needs (the comments' closed notice aligns it with its text).
 */
export const linkButtonStyles = css`
  .link {
    min-height: 1.5rem;
    padding: 0.15rem 0.25rem;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
`;
