import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';
import { hitArea } from '../../styles/hit-area.ts';
import { avatarStyles } from '../shared/avatar.ts';

export const styles = [
  tokens,
  hitArea,
  avatarStyles,
  css`
    :host {
      display: inline;
    }
    /* Inline in running text: a chosen theme sets colours, but no ground of its own, which would show as a box. */
    :host([data-plaza-theme]) {
      background: none;
    }
    /* A name in running text: it reads like the text around it, with an underline that says "more here". */
    .trigger {
      display: inline;
      border: 0;
      background: none;
      font: inherit;
      color: inherit;
      text-align: inherit;
      text-decoration: underline dotted;
      text-decoration-color: var(--_border);
      text-underline-offset: 0.2em;
    }
    .trigger:hover,
    .trigger[aria-expanded='true'] {
      text-decoration-style: solid;
      text-decoration-color: currentColor;
    }
    .trigger .avatar {
      --_avatar-size: var(--plaza-person-avatar-size, 1.5em);
      margin-inline-end: 0.3em;
      vertical-align: middle;
      font-size: calc(var(--_avatar-size) * 0.42);
      /* The size again in the avatar's own em: an em in --_avatar-size would otherwise count the smaller initials' font (1.5em came out 0.63em). */
      width: calc(1em / 0.42);
      height: calc(1em / 0.42);
    }
    .hovercard {
      /* Placed by the hovercard controller (top and left); the Popover API's centring is undone here. */
      position: fixed;
      inset: auto;
      margin: 0;
      width: min(22rem, calc(100vw - 16px));
      max-height: calc(100vh - 16px);
      overflow: auto;
      padding: calc(var(--_space) * 1.5);
      padding-inline-end: calc(var(--_space) * 1.5 + 1.75rem);
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) * 1.5);
      /* Floating over any page, the card needs its own ground, and text that reads on it. */
      background: var(--_surface);
      color: var(--plaza-color-text, CanvasText);
      box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.2);
      font-weight: normal;
      font-style: normal;
      line-height: 1.4;
      text-decoration: none;
      white-space: normal;
    }
    /* The floating card is the card's ground and frame already. */
    .hovercard plaza-profile-card::part(card) {
      padding: 0;
      border: 0;
      background: none;
    }
    .hovercard:not([data-open]) {
      display: none;
    }
    /* Without the Popover API (browsers before 2024) the card floats over the page on the highest layer CSS offers. */
    .hovercard[data-open] {
      display: block;
      z-index: 2147483647;
    }
    .hovercard:popover-open {
      display: block;
    }
    .hovercard:focus {
      outline: none;
    }
    .close {
      position: absolute;
      top: calc(var(--_space) * 0.5);
      inset-inline-end: calc(var(--_space) * 0.5);
      display: grid;
      place-items: center;
      width: 1.75rem;
      height: 1.75rem;
      padding: 0;
      border: 0;
      border-radius: var(--_radius);
      background: none;
    }
    .close:hover {
      background: color-mix(in srgb, currentColor 10%, transparent);
    }
    @media (prefers-reduced-motion: no-preference) {
      .hovercard:popover-open,
      .hovercard[data-open] {
        animation: plaza-hovercard-in 120ms ease-out;
      }
    }
    @keyframes plaza-hovercard-in {
      from {
        opacity: 0;
        transform: translateY(-0.25rem);
      }
    }
  `,
];
