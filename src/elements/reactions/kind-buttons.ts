import type { Translate } from '../../core/i18n.ts';
import type { ReactionSummary } from '../../core/protocol.ts';
import { formatNumber } from '../../core/time.ts';
import { kindEmoji, kindLabel } from './kinds.ts';

/**
 * A bar's reaction buttons, made by cloning rather than by a Lit template
 * per button. A long thread has a bar per comment, and on its first render
 * five small templates per bar (thirty parts to create and commit, in code
 * the engine has not optimised yet) cost three times what cloning a finished
 * row and setting the few things that differ costs (bench/render,
 * docs/architecture.md decision 54). Lit still renders the bar around them.
 *
 * Made with DOM calls only: labels and emoji (a page may define its own with
 * defineReactionKind) are text and attribute values, never markup.
 */
export interface KindButtons {
  /** What the row shows: each kind with its label and emoji; another key needs another row. */
  readonly key: string;
  /** The row, for Lit to insert once; empty afterwards (Lit sees the same value and leaves it). */
  readonly fragment: DocumentFragment;
  readonly buttons: ReadonlyMap<string, HTMLButtonElement>;
}

/** Finished rows by what they show, cloned for each bar. */
const rows = new Map<string, DocumentFragment>();

/**
 * The row for these kinds: `previous` if it shows the same, else a clone.
 * Labels and emoji are part of what a row shows, so one made before a page
 * called registerMessages or defineReactionKind is not used after.
 */
export function kindButtons(previous: KindButtons | undefined, t: Translate, kinds: readonly string[]): KindButtons {
  const looks = kinds.map((kind) => {
    const label = kindLabel(t, kind);
    return { kind, label, emoji: kindEmoji(kind) ?? label };
  });
  const key = looks.map(({ kind, label, emoji }) => `${kind}\u0001${label}\u0001${emoji}`).join('\u0002');
  if (previous?.key === key) return previous;
  let row = rows.get(key);
  if (!row) {
    row = document.createDocumentFragment();
    for (const look of looks) row.append(makeButton(look.kind, look.label, look.emoji));
    rows.set(key, row);
  }
  const fragment = row.cloneNode(true) as DocumentFragment;
  const buttons = new Map<string, HTMLButtonElement>();
  for (const button of fragment.children as HTMLCollectionOf<HTMLButtonElement>) buttons.set(button.dataset.kind!, button);
  return { key, fragment, buttons };
}

function makeButton(kind: string, label: string, emojiText: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.dataset.kind = kind;
  button.title = label;
  const emoji = document.createElement('span');
  emoji.setAttribute('part', 'emoji');
  emoji.setAttribute('aria-hidden', 'true');
  emoji.textContent = emojiText;
  const count = document.createElement('span');
  count.setAttribute('part', 'count');
  count.setAttribute('aria-hidden', 'true');
  // The space is not shown (the button is a flex box) but is read: "thanks 3" then matches the accessible
  // name "thanks: 3 reactions" (WCAG 2.5.3), as it would not as "thanks3".
  button.append(emoji, ' ', count);
  return button;
}

/** Brings each button up to date with the summary: the reader's own, the count, the label a screen reader hears. */
export function updateKindButtons(row: KindButtons, value: ReactionSummary | undefined, t: Translate, locale: string, readonly: boolean): void {
  for (const [kind, button] of row.buttons) {
    const count = value?.counts[kind] ?? 0;
    const mine = value?.mine.includes(kind) ?? false;
    const label = button.title;
    set(button, 'part', mine ? 'reaction reaction-active' : 'reaction');
    set(button, 'aria-pressed', mine ? 'true' : 'false');
    set(button, 'aria-label', value ? t('reactions.button', { kind: label, count }) : label);
    if (button.disabled !== readonly) button.disabled = readonly;
    const shown = count > 0 ? formatNumber(count, locale) : '';
    const counter = button.lastElementChild!;
    if (counter.textContent !== shown) counter.textContent = shown;
  }
}

/** Only what changed: an unchanged attribute set again still costs a mutation and a style check. */
function set(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
