import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';
import { linkButtonStyles } from '../shared/link-button.styles.ts';
import { avatarStyles } from '../shared/avatar.ts';

export const styles = [
  tokens,
  linkButtonStyles,
  avatarStyles,
  css`
    :host {
      display: block;
      max-width: 100%;
    }
    /*
     * A card has its own ground (decision 83): Plaza's secondary colours (muted text, accent links) are
     * then measured against a ground Plaza knows, not whatever grey a legacy column paints behind it.
     */
    .card {
      --_avatar-size: var(--plaza-avatar-size, 4rem);
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      min-width: 0;
      padding: calc(var(--_space) * 1.25);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--plaza-color-text, CanvasText);
      /* Narrow columns wrap between words, German hyphenates by the page's lang; a word wider than the whole card is the last resort. */
      overflow-wrap: break-word;
      hyphens: auto;
    }
    .compact {
      --_avatar-size: var(--plaza-avatar-size, 3rem);
      gap: calc(var(--_space) * 0.75);
    }
    p {
      margin: 0;
    }
    .activity-heading {
      margin: var(--_space) 0 0;
      font-size: 1em;
    }
    /* The name goes under the picture when beside it there is no room for 8em of it. */
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) * 1.5);
      min-width: 0;
    }
    .who {
      flex: 1 1 8em;
      min-width: 0;
    }
    .name {
      font-size: 1.15em;
      font-weight: 700;
      line-height: 1.25;
    }
    .compact .name {
      font-size: 1.05em;
    }
    .role,
    .followers,
    .loading,
    dt {
      color: var(--_muted);
    }
    .details {
      display: grid;
      gap: calc(var(--_space) * 0.5);
      margin: 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      column-gap: var(--_space);
    }
    dt::after {
      content: ':';
    }
    dd {
      margin: 0;
    }
    /* Label and value side by side where 8em of the value fit beside the label, else the value goes under it. */
    .full dt {
      min-width: 6em;
    }
    .full dd {
      flex: 1 1 8em;
      min-width: 0;
    }
    .contacts {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) * 0.75);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part='contact'] {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      min-height: 2rem;
      padding: 0.2rem 0.6rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      color: var(--_accent);
      text-decoration: none;
      line-height: 1.2;
    }
    [part='contact']:hover {
      background: color-mix(in srgb, var(--_accent) 8%, transparent);
      text-decoration: underline;
    }
    .icon {
      flex: none;
    }
    .follow {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space);
    }
    [part='follow-button'] {
      min-height: 2rem;
      min-width: 6rem;
      padding: 0.25rem 0.9rem;
      border: 2px solid var(--_accent);
      border-radius: var(--_radius);
      font-weight: 600;
      line-height: 1.2;
    }
    .not-following {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .following {
      background: transparent;
      color: var(--_accent);
    }
    .message:empty {
      /* Out of the flex flow (no gap for it) but still rendered, so the live region announces what arrives. */
      position: absolute;
    }
    .message:not(:empty),
    .state {
      color: var(--_danger);
    }
    .state-title {
      font-weight: 700;
    }
    @media (prefers-reduced-motion: no-preference) {
      [part='follow-button'],
      [part='contact'] {
        transition: background-color 120ms ease-out, color 120ms ease-out;
      }
    }
  `,
];
