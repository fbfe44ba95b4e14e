import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';
import { linkButtonStyles } from '../shared/link-button.styles.ts';
import { composerStyles } from '../shared/composer.styles.ts';
import { textStyles } from '../shared/text.styles.ts';

export const styles = [
  tokens,
  linkButtonStyles,
  // The composers' look (field, mention list, error) and the select's, shared with the comments.
  composerStyles,
  textStyles,
  css`
    :host {
      display: block;
      line-height: 1.45;
      overflow-wrap: anywhere;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      margin-bottom: var(--_space);
    }
    select {
      min-height: 2.25rem;
    }
    /* The send button alone, at the end (the comments' bar also has help and counter). */
    .composer-bar {
      justify-content: flex-end;
    }
    .primary,
    .secondary,
    .new,
    .more {
      min-height: 2.5rem;
      padding: 0.4rem 1rem;
      border-radius: var(--_radius);
      border: 1px solid var(--_accent);
    }
    .primary,
    .new {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .secondary {
      border-color: var(--_border);
      background: transparent;
    }
    /* Pressed, the border grows to 2px (composer.styles.ts): the padding shrinks by as much, so the button keeps its size. */
    .secondary[aria-pressed='true'] {
      padding: calc(0.4rem - 1px) calc(1rem - 1px);
    }
    .more {
      background: transparent;
      color: var(--_accent);
      width: 100%;
      margin-top: var(--_space);
    }
    .new {
      display: block;
      margin: 0 auto var(--_space);
    }
    [aria-disabled='true'] {
      opacity: 0.7;
      cursor: progress;
    }
    .feed {
      display: grid;
      gap: var(--_space);
    }
    .item {
      display: grid;
      gap: calc(var(--_space) * 0.5);
      padding: var(--_space) calc(var(--_space) * 1.5);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .item[aria-busy='true'] {
      opacity: 0.75;
    }
    .line {
      margin: 0;
    }
    .meta {
      color: var(--_muted);
      font-size: 0.9em;
    }
    a {
      color: var(--_accent);
    }
    .excerpt {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 4;
      line-clamp: 4;
      overflow: hidden;
      padding-inline-start: var(--_space);
      border-inline-start: 3px solid var(--_border);
    }
    .empty {
      color: var(--_muted);
      text-align: center;
      padding: calc(var(--_space) * 2) var(--_space);
    }
    .skeleton {
      display: grid;
      gap: var(--_space);
    }
    .skeleton-item {
      display: grid;
      gap: 0.5rem;
      padding: var(--_space) calc(var(--_space) * 1.5);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .skeleton-item span {
      height: 0.9em;
      border-radius: var(--_radius);
      background: color-mix(in srgb, currentColor 12%, transparent);
      animation: pulse 1.4s ease-in-out infinite;
    }
    .skeleton-item span:last-child {
      width: 60%;
    }
    @keyframes pulse {
      50% {
        opacity: 0.45;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .skeleton-item span {
        animation: none;
      }
    }
  `,
];
