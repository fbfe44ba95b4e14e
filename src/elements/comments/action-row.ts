import { noChange, nothing } from 'lit';
import { Directive, directive, PartType, type ChildPart, type PartInfo } from 'lit/directive.js';
import { cloneRow, setIfChanged } from '../shared/cloned-row.ts';

/** One of a comment's action buttons (reply, edit, delete, report). */
export interface ActionButton {
  /** `data-action`: what the thread's click handler does, and what focus code looks for. */
  action: string;
  /** The visible word ("Antworten"). */
  text: string;
  /** What a screen reader hears ("Birgit Demir antworten"). */
  label: string;
  /** `aria-expanded`, for a button that opens something below the comment. */
  expanded?: boolean;
}

/**
 * A comment's action buttons as a cloned row (shared/cloned-row.ts), brought
 * up to date in place on later renders. Clicks are the thread's to handle, by
 * `data-action`, on the row's container.
 */
class ActionRowDirective extends Directive {
  #key?: string;
  #buttons: HTMLButtonElement[] = [];

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error('actionRow() belongs in a child position');
  }

  render(_buttons: readonly ActionButton[]): unknown {
    return nothing;
  }

  override update(_part: ChildPart, [buttons]: [readonly ActionButton[]]): unknown {
    const key = `actions\u0003${buttons.map((button) => `${button.action}\u0001${button.text}`).join('\u0002')}`;
    let made: DocumentFragment | undefined;
    if (key !== this.#key) {
      made = cloneRow(key, () => buttons.map(makeButton));
      this.#key = key;
      this.#buttons = [...made.children] as HTMLButtonElement[];
    }
    buttons.forEach((button, i) => {
      const element = this.#buttons[i]!;
      setIfChanged(element, 'aria-label', button.label);
      setIfChanged(element, 'aria-expanded', button.expanded === undefined ? null : String(button.expanded));
    });
    return made ?? noChange;
  }
}

function makeButton({ action, text }: ActionButton): HTMLButtonElement {
  const element = document.createElement('button');
  element.className = 'link';
  element.dataset.action = action;
  element.textContent = text;
  return element;
}

export const actionRow = directive(ActionRowDirective);
