import { css } from 'lit';

/** One comment: its header, its Markdown body, reactions and actions, its replies. */
export const commentStyles = css`
  .list > li + li {
    border-top: 1px solid color-mix(in srgb, currentColor 18%, transparent);
  }
  .comment {
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 0.75);
    border-radius: var(--_radius);
    scroll-margin-block: 4rem;
  }
  .comment.reply {
    padding-block: var(--_space);
  }
  .comment.highlighted {
    background: color-mix(in srgb, var(--_accent) 10%, transparent);
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .comment.sending > :not(header) {
    opacity: 0.7;
  }
  .replies {
    margin: var(--_space) 0 0 calc(var(--_space) * 0.5);
    padding-inline-start: calc(var(--_space) * 1.5);
    border-inline-start: 2px solid color-mix(in srgb, currentColor 20%, transparent);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: 0.6em;
    row-gap: 0.1em;
  }
  .author {
    margin: 0;
    font-size: 1em;
    font-weight: 700;
  }
  /* Initials must read at a legacy page's 10 px font too. */
  [part='author-person'] {
    --plaza-person-avatar-size: var(--plaza-comment-avatar-size, max(2rem, 24px));
  }
  .role,
  .when,
  .in-reply-to,
  .muted {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .in-reply-to {
    flex-basis: 100%;
  }
  .when a,
  .in-reply-to a {
    color: inherit;
  }
  /* A short time ("1 T.") still offers 24 px across; as an inline block its negative block margin gives back the height too. */
  .when [part='permalink'] {
    display: inline-block;
    min-inline-size: 24px;
  }
  .sending-note {
    font-style: italic;
  }
  .body {
    margin-top: 0.3em;
  }
  .placeholder-text {
    margin: 0.3em 0 0;
    color: var(--_muted);
    font-style: italic;
  }
  /* A hidden comment as moderators see it: there, but plainly not for everyone. */
  .hidden-text {
    padding-inline-start: 0.6em;
    border-inline-start: 3px dashed var(--_border);
  }
  .report {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin-top: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .report p {
    margin: 0;
  }
  .report-title {
    font-weight: 600;
  }
  .report-thanks {
    margin: var(--_space) 0 0;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-inline-start: 3px solid var(--_accent);
    background: color-mix(in srgb, var(--_accent) 8%, transparent);
  }
  /* Reactions and actions share one row, so a comment costs a line of chrome, not three. */
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin-top: calc(var(--_space) * 0.6);
  }
  .footer:empty {
    display: none;
  }
  plaza-reactions {
    font-size: 0.85em;
  }
  /* A bar that renders when near (loading="lazy") has its height before, so nothing below it moves. */
  plaza-reactions:not([readonly]) {
    display: block;
    min-block-size: 1.6rem;
  }
  /* A bar under every comment is quieter than the page's own: smaller, still a 24 px target. */
  plaza-reactions::part(reaction) {
    min-height: 1.6rem;
    min-width: 2.2rem;
    padding: 0.05rem 0.45rem;
  }
  plaza-reactions::part(reaction-active) {
    padding: calc(0.05rem - 1px) calc(0.45rem - 1px);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    font-size: 0.9em;
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    margin-top: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .confirm p {
    flex-basis: 100%;
    margin: 0;
    font-weight: 600;
  }
`;
