import { noChange, nothing } from 'lit';
import { Directive, directive, PartType, type ChildPart, type PartInfo } from 'lit/directive.js';

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

/** Finished rows by their actions and words, cloned for each comment. */
const rows = new Map<string, DocumentFragment>();

/**
 * A comment's action buttons as a cloned row, brought up to date in place on
 * later renders. Every comment has this row, and as a template per button it
 * cost a long thread's first render about as much as the comment's text: a
 * clone and a few attributes cost a fraction (bench/render,
 * docs/architecture.md decision 54). Clicks are the thread's to handle, by
 * `data-action`, on the row's container. DOM calls only: the words are text
 * and attribute values, never markup.
 */
class ActionRowDirective extends Directive {
  private key?: string;
  private buttons: HTMLButtonElement[] = [];

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error('actionRow() belongs in a child position');
  }

  render(_buttons: readonly ActionButton[]): unknown {
    return nothing;
  }

  override update(_part: ChildPart, [buttons]: [readonly ActionButton[]]): unknown {
    const key = buttons.map((button) => `${button.action}\u0001${button.text}`).join('\u0002');
    let made: DocumentFragment | undefined;
    if (key !== this.key) {
      made = row(key, buttons).cloneNode(true) as DocumentFragment;
      this.key = key;
      this.buttons = [...made.children] as HTMLButtonElement[];
    }
    buttons.forEach((button, i) => {
      const element = this.buttons[i]!;
      if (element.getAttribute('aria-label') !== button.label) element.setAttribute('aria-label', button.label);
      const expanded = button.expanded === undefined ? null : String(button.expanded);
      if (element.getAttribute('aria-expanded') !== expanded) {
        if (expanded === null) element.removeAttribute('aria-expanded');
        else element.setAttribute('aria-expanded', expanded);
      }
    });
    return made ?? noChange;
  }
}

function row(key: string, buttons: readonly ActionButton[]): DocumentFragment {
  let fragment = rows.get(key);
  if (!fragment) {
    fragment = document.createDocumentFragment();
    for (const { action, text } of buttons) {
      const element = document.createElement('button');
      element.className = 'link';
      element.dataset.action = action;
      element.textContent = text;
      fragment.append(element);
    }
    rows.set(key, fragment);
  }
  return fragment;
}

export const actionRow = directive(ActionRowDirective);
