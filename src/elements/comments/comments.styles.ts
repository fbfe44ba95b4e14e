import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';
import { linkButtonStyles } from '../shared/link-button.styles.ts';
import { hitArea } from '../../styles/hit-area.ts';
import { textStyles } from '../shared/text.styles.ts';
import { commentStyles } from './comment-item.styles.ts';
import { composerStyles } from '../shared/composer.styles.ts';

export const styles = [
  tokens,
  linkButtonStyles,
  hitArea,
  css`
    :host {
      display: block;
      line-height: 1.45;
      overflow-wrap: anywhere;
    }
    [hidden] {
      display: none !important;
    }
    /* Holds a thread's place while it loads (reserved-height.ts): the rule docs/embedding.md gives pages for before the script runs. */
    .thread.loading {
      height: 20em;
      overflow: hidden;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: var(--_space) calc(var(--_space) * 2);
      margin-bottom: var(--_space);
    }
    h2 {
      margin: 0;
      font-size: 1.25em;
    }
    select {
      min-height: 2rem;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space) calc(var(--_space) * 2);
    }
    /* "Follow discussion": the bell outlined, filled in the accent colour while the reader follows
       (the pressed look itself is composer.styles.ts's .secondary[aria-pressed='true']). */
    .watch {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
    }
    .watch .bell {
      flex: none;
      fill: none;
      stroke: currentColor;
      stroke-width: 1.5;
    }
    .watch[aria-pressed='true'] .bell {
      fill: var(--_accent);
      stroke: var(--_accent);
    }
    .watch[aria-disabled='true'] {
      cursor: progress;
    }
    .watch-error {
      margin: 0 0 var(--_space);
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    /* A long thread: conversations out of sight are laid out and painted when they come near (they stay in
       the DOM, the accessibility tree and find-in-page); 'auto' remembers each one's height once seen. */
    .list > li {
      content-visibility: auto;
      contain-intrinsic-size: auto 12rem;
    }
    /* 24 px targets (WCAG 2.2 AA 2.5.8), also for the link-styled buttons. */
    button {
      min-height: 1.5rem;
    }
    .primary,
    .secondary,
    .danger,
    .arrived {
      min-height: 2rem;
      padding: 0.3rem 0.85rem;
      border-radius: var(--_radius);
      font-weight: 600;
    }
    .primary {
      border: 1px solid var(--_accent);
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .primary[aria-disabled='true'] {
      opacity: 0.6;
      cursor: progress;
    }
    .secondary {
      border: 1px solid var(--_border);
      background: transparent;
    }
    .danger {
      border: 1px solid var(--_danger);
      background: var(--_danger);
      color: light-dark(#fff, #1b0b0a);
    }
    .arrived {
      display: block;
      width: 100%;
      margin: var(--_space) 0;
      border: 1px solid var(--_accent);
      background: color-mix(in srgb, var(--_accent) 10%, transparent);
      color: var(--_accent);
    }
    /* Nothing waiting: the row stays, so the button's coming moves nothing (comments.ts, renderArrived). */
    .arrived[inert] {
      visibility: hidden;
    }
    .notice,
    .empty {
      margin: var(--_space) 0;
      color: var(--_muted);
    }
    .notice {
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .notice p {
      margin: 0;
    }
    .notice .link {
      margin-top: calc(var(--_space) * 0.5);
      padding-inline: 0;
    }
    .moderation {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
      margin-bottom: var(--_space);
    }
    .head + .confirm {
      margin: 0 0 var(--_space);
    }
    .load-error {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
    }
    .more {
      display: grid;
      justify-items: center;
      gap: var(--_space);
      margin-top: var(--_space);
    }
    .skeleton {
      display: grid;
      gap: 0.5rem;
      padding: calc(var(--_space) * 1.5) 0;
    }
    .skeleton span {
      height: 0.8rem;
      border-radius: var(--_radius);
      background: color-mix(in srgb, currentColor 12%, transparent);
    }
    .skeleton span:first-child {
      width: 30%;
    }
    .skeleton span:last-child {
      width: 70%;
    }
    @media (prefers-reduced-motion: no-preference) {
      .skeleton span {
        animation: pulse 1.4s ease-in-out infinite;
      }
      .comment {
        transition: background-color 600ms ease-out;
      }
    }
    @keyframes pulse {
      50% {
        opacity: 0.45;
      }
    }
  `,
  commentStyles,
  textStyles,
  composerStyles,
];
