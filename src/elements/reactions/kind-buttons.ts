import { noChange, nothing } from 'lit';
import { Directive, directive, PartType, type ChildPart, type PartInfo } from 'lit/directive.js';
import type { Translate } from '../../core/i18n.ts';
import type { ReactionSummary } from '../../core/protocol.ts';
import { formatNumber } from '../../core/numbers.ts';
import { cloneRow, setIfChanged } from '../shared/cloned-row.ts';
import { kindEmoji, kindLabel } from '../../core/reaction-kinds.ts';

/** What the bar's buttons show, and for whom. */
export interface KindButtonsState {
  kinds: readonly string[];
  value: ReactionSummary | undefined;
  t: Translate;
  locale: string;
  readonly: boolean;
}

/**
 * A bar's reaction buttons as a cloned row (shared/cloned-row.ts), brought up
 * to date in place on later renders: the reader's own, the counts, the label
 * a screen reader hears. Labels and emoji are part of what a row shows, so a
 * row made before a page called registerMessages or defineReactionKind is
 * not used after. Clicks are the bar's to handle, by `data-kind`.
 */
class KindButtonsDirective extends Directive {
  #key?: string;
  #buttons = new Map<string, HTMLButtonElement>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error('kindButtons() belongs in a child position');
  }

  render(_state: KindButtonsState): unknown {
    return nothing;
  }

  override update(_part: ChildPart, [{ kinds, value, t, locale, readonly }]: [KindButtonsState]): unknown {
    const looks = kinds.map((kind) => {
      const label = kindLabel(t, kind);
      return { kind, label, emoji: kindEmoji(kind) ?? label };
    });
    const key = `kinds\u0003${looks.map(({ kind, label, emoji }) => `${kind}\u0001${label}\u0001${emoji}`).join('\u0002')}`;
    let made: DocumentFragment | undefined;
    if (key !== this.#key) {
      made = cloneRow(key, () => looks.map(makeButton));
      this.#key = key;
      this.#buttons = new Map();
      for (const button of made.children as HTMLCollectionOf<HTMLButtonElement>) this.#buttons.set(button.dataset.kind!, button);
    }
    for (const [kind, button] of this.#buttons) {
      const count = value?.counts[kind] ?? 0;
      const mine = value?.mine.includes(kind) ?? false;
      setIfChanged(button, 'part', mine ? 'reaction reaction-active' : 'reaction');
      setIfChanged(button, 'aria-pressed', mine ? 'true' : 'false');
      setIfChanged(button, 'aria-label', value ? t('reactions.button', { kind: button.title, count }) : button.title);
      if (button.disabled !== readonly) button.disabled = readonly;
      const shown = count > 0 ? formatNumber(count, locale) : '';
      const counter = button.lastElementChild!;
      if (counter.textContent !== shown) counter.textContent = shown;
    }
    return made ?? noChange;
  }
}

function makeButton({ kind, label, emoji: emojiText }: { kind: string; label: string; emoji: string }): HTMLButtonElement {
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

export const kindButtons = directive(KindButtonsDirective);
