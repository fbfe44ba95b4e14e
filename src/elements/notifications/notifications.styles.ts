import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';
import { linkButtonStyles } from '../shared/link-button.styles.ts';

export const styles = [
  tokens,
  linkButtonStyles,
  css`
    :host {
      display: inline-block;
      position: relative;
      vertical-align: middle;
      line-height: 1.4;
    }
    .bell {
      position: relative;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 2.5rem;
      min-height: 2.5rem;
      padding: 0.25rem;
      border: 1px solid transparent;
      border-radius: 50%;
      background: transparent;
    }
    .bell:hover,
    .bell[aria-expanded='true'] {
      background: color-mix(in srgb, var(--_accent) 10%, transparent);
    }
    .badge {
      position: absolute;
      inset-block-start: 0;
      inset-inline-end: 0;
      min-width: 1.25rem;
      padding: 0 0.3rem;
      border-radius: 1rem;
      background: var(--_accent);
      color: var(--_on-accent);
      font-size: 0.75rem;
      font-weight: 700;
      line-height: 1.25rem;
      text-align: center;
    }
    .panel {
      position: absolute;
      z-index: 2147483000;
      inset-block-start: calc(100% + 0.25rem);
      inset-inline-end: 0;
      width: min(var(--plaza-notifications-width, 24rem), calc(100vw - 1rem));
      max-height: min(75vh, 34rem);
      overflow: auto;
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      box-shadow: 0 0.5rem 1.5rem color-mix(in srgb, CanvasText 18%, transparent);
      color-scheme: inherit;
    }
    .panel[hidden] {
      display: none;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: var(--_space);
      padding-block-end: calc(var(--_space) / 2);
      border-block-end: 1px solid var(--_border);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.5rem;
    }
    .settings {
      display: grid;
      gap: var(--_space);
      margin-block-start: var(--_space);
    }
    .setting {
      display: grid;
      gap: 0.2rem;
    }
    select {
      min-height: 2rem;
      font: inherit;
      color: inherit;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    h2,
    h3 {
      margin: 0;
      font-size: 1rem;
    }
    h3 {
      margin-block-start: var(--_space);
      color: var(--_muted);
      font-size: 0.85rem;
      font-weight: 600;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .entry {
      display: grid;
      gap: 0.1rem;
      margin-block: 0.15rem;
      padding: 0.4rem 0.5rem 0.4rem 1.1rem;
      border-radius: var(--_radius);
      color: inherit;
      text-decoration: none;
      position: relative;
    }
    a.entry:hover {
      background: color-mix(in srgb, var(--_accent) 8%, transparent);
    }
    a.entry:hover .text {
      text-decoration: underline;
    }
    .unread .entry::before {
      /* Not by colour alone: unread entries are bold and marked, and say "ungelesen" to screen readers. */
      content: '';
      position: absolute;
      inset-inline-start: 0.35rem;
      inset-block-start: 0.85rem;
      width: 0.45rem;
      height: 0.45rem;
      border-radius: 50%;
      background: var(--_accent);
    }
    .unread .text {
      font-weight: 700;
    }
    .about {
      font-size: 0.9em;
    }
    .excerpt,
    .meta {
      color: var(--_muted);
      font-size: 0.85em;
      overflow-wrap: anywhere;
    }
    .excerpt {
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    /* The shared link button (linkButtonStyles) stops looking like a link when there is nothing to mark read. */
    .link:disabled {
      color: var(--_muted);
      text-decoration: none;
      cursor: default;
    }
    .more {
      margin-block-start: var(--_space);
    }
    .quiet {
      margin: var(--_space) 0;
      color: var(--_muted);
    }
    .problem {
      margin: var(--_space) 0 0;
      color: var(--_danger);
    }
  `,
];
