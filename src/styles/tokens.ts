import { css } from 'lit';

/**
 * Design tokens every element starts from. Public knobs are `--plaza-*`
 * custom properties (documented on each element); the private `--_*` copies
 * hold their defaults. Font and text colour inherit from the page, so a widget
 * looks native without work; colours use light-dark() so they follow the
 * page's `color-scheme`, or the element's `theme`.
 */
export const tokens = css`
  :host {
    --_accent: var(--plaza-color-accent, light-dark(#0b5cad, #8cc4ff));
    --_on-accent: var(--plaza-color-on-accent, light-dark(#ffffff, #0b1b2b));
    --_text: var(--plaza-color-text, currentColor);
    --_muted: var(--plaza-color-muted, color-mix(in srgb, currentColor 72%, transparent));
    --_surface: var(--plaza-color-surface, light-dark(#ffffff, #1d2127));
    --_border: var(--plaza-color-border, color-mix(in srgb, currentColor 45%, transparent));
    --_danger: var(--plaza-color-danger, light-dark(#b3261e, #ffb4ab));
    --_radius: var(--plaza-radius, 6px);
    --_space: var(--plaza-space, 0.5rem);
    --_font: var(--plaza-font, inherit);
    --_font-size: var(--plaza-font-size, inherit);

    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
    /* Legacy pages set these on body; they must not leak into the widget. */
    text-align: start;
    text-transform: none;
    letter-spacing: normal;
    white-space: normal;
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  :host([data-plaza-theme='light']),
  :host([data-plaza-theme='dark']),
  :host([data-plaza-theme='auto']) {
    color-scheme: light dark;
    /* A chosen theme also chooses text and ground; "as the page" would be unreadable on the wrong one. */
    --_text: var(--plaza-color-text, CanvasText);
  }
  :host([data-plaza-theme]) {
    background: var(--_surface);
  }
  :host([data-plaza-theme='light']) {
    color-scheme: light;
  }
  :host([data-plaza-theme='dark']) {
    color-scheme: dark;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
