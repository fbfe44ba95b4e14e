import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';
import { linkButtonStyles } from '../shared/link-button.styles.ts';

export const styles = [
  tokens,
  linkButtonStyles,
  css`
    :host {
      display: block;
    }
    [part='bar'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) * 0.75);
    }
    [part~='reaction'] {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.3em;
      min-height: 2rem;
      min-width: 2.75rem;
      padding: 0.15rem 0.65rem;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) * 2 + 1rem);
      background: transparent;
      line-height: 1.2;
    }
    [part~='reaction']:disabled {
      cursor: default;
    }
    [part~='reaction']:not(:disabled):hover {
      background: color-mix(in srgb, var(--_accent) 8%, transparent);
    }
    [part~='reaction-active'] {
      /* Not by colour alone: your own reaction also gets a thicker border and a bold count. */
      border: 2px solid var(--_accent);
      padding: calc(0.15rem - 1px) calc(0.65rem - 1px);
      background: color-mix(in srgb, var(--_accent) 14%, transparent);
      font-weight: 700;
    }
    [part='emoji'] {
      font-size: 1.1em;
    }
    [part='count']:empty {
      display: none;
    }
    .message:not(:empty),
    .signed-out {
      margin: 0;
      color: var(--_muted);
    }
    .load-error {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
      margin-top: var(--_space);
      color: var(--_danger);
    }
    [part='who'] {
      margin-top: var(--_space);
      padding: var(--_space) calc(var(--_space) * 1.5);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .who-heading {
      margin: 0.25rem 0;
      font-size: 1em;
    }
    .who-people .loading {
      list-style: none;
      color: var(--_muted);
    }
    .who-people {
      margin: 0 0 var(--_space);
      padding-inline-start: 1.25rem;
    }
    @media (prefers-reduced-motion: no-preference) {
      [part~='reaction'] {
        transition: background-color 120ms ease-out, border-color 120ms ease-out;
      }
    }
  `,
];
