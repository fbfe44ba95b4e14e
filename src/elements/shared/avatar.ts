import { css, html, nothing, unsafeCSS, type ReactiveControllerHost } from 'lit';
import type { Person } from '../../core/protocol.ts';

/**
 * Avatar images that failed to load, for the whole page: fifty name tags of
 * one colleague with a dead picture ask for it once, then show initials.
 */
const broken = new Set<string>();

/**
 * A person's picture, or their initials on a colour derived from the name
 * when there is no picture or it fails to load. The initials sit under the
 * image, so they also show while it loads. Decorative: the name is always
 * next to it, so it is hidden from screen readers.
 */
export function renderAvatar(person: Pick<Person, 'name' | 'avatarUrl'>, host: ReactiveControllerHost) {
  const url = person.avatarUrl;
  return html`<span part="avatar" class="avatar" data-ground=${groundFor(person.name)} aria-hidden="true">
    <span class="initials">${initials(person.name)}</span>
    ${url && !broken.has(url)
      ? html`<img src=${url} alt="" loading="lazy" decoding="async" @error=${() => {
          broken.add(url);
          host.requestUpdate();
        }} />`
      : nothing}
  </span>`;
}

/** "Dr. Claudia Hoffmann" → "CH", "Maximiliane von Hohenstein-Wartenberg" → "MH", "Ayşe" → "A". */
export function initials(name: string): string {
  // Titles ("Dr.", "Prof.") and lower-case particles ("von", "de") are not what people call someone by.
  const words = name.split(/\s+/).filter((word) => word && !word.endsWith('.') && word[0] !== word[0]!.toLowerCase());
  const picked = words.length > 1 ? [words[0]!, words.at(-1)!] : words.length ? words : [name.trim()];
  return picked.map((word) => [...word][0] ?? '').join('').toLocaleUpperCase();
}

/**
 * Grounds with white initials at 4.5:1 or better, in light and dark alike; a
 * name always gets the same one, so a colleague is recognisable at a glance.
 * Index 0..8, styled by `data-ground` (inline styles would need
 * `unsafe-inline` under a strict Content-Security-Policy).
 */
const GROUNDS = ['#0b5cad', '#00695c', '#2e7d32', '#8e24aa', '#c2185b', '#b3261e', '#6d4c41', '#455a64', '#9a4b00'];

function groundFor(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % GROUNDS.length;
}

export const avatarStyles = css`
  .avatar {
    position: relative;
    display: inline-grid;
    place-items: center;
    flex: none;
    width: var(--_avatar-size, 2.5rem);
    height: var(--_avatar-size, 2.5rem);
    overflow: hidden;
    border-radius: 50%;
    background: #455a64;
    color: #ffffff;
    font-size: calc(var(--_avatar-size, 2.5rem) * 0.4);
    font-weight: 600;
    line-height: 1;
    user-select: none;
  }
  .avatar img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  ${unsafeCSS(GROUNDS.map((ground, i) => `.avatar[data-ground='${i}'] { background: ${ground}; }`).join('\n'))}
`;
