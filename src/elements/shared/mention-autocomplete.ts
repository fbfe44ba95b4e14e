import { html, nothing, type LitElement, type ReactiveController } from 'lit';
import type { Translate } from '../../core/i18n.ts';
import type { PeopleSearch } from '../../core/people-search.ts';
import { isAbort } from '../../core/problem.ts';
import type { Person } from '../../core/protocol.ts';
import { isKnownMention, mentionedIds, mentionQueryAt, storedMentions, withMention, type MentionNames, type MentionQuery } from '../../core/comments/mention-text.ts';

/** Typing pauses this long before a search goes out; a known answer shows at once. */
const DEBOUNCE_MS = 150;

/** Keys that move the caret away from the name being typed. */
const CARET_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

/** What the list needs of a composer: an id, unique within the element and usable in ids, and the names its field shows as mentions. */
export interface MentionTarget {
  id: string;
  names: MentionNames;
}

export interface MentionContext<C extends MentionTarget = MentionTarget> {
  search: PeopleSearch;
  t: Translate;
  /** The server's `mentionsPerComment`, from the thread. */
  maxMentions: number;
  /** Puts the composer's new text (stored form, mentions as Markdown) in place, the draft included. */
  input(composer: C, text: string): void;
  /** Told whom the reader chose, so the name tag in the posted comment needs no request. */
  chosen(person: Person): void;
  /** Says something to screen readers through the element's live region. */
  announce(text: string): void;
}

interface OpenList {
  composer: string;
  at: MentionQuery;
  status: 'pending' | 'done' | 'error' | 'limit';
  people: Person[];
  /** The highlighted option (the textarea's active descendant), -1 for none. */
  active: number;
}

/**
 * `@`-mentions in the composers (comments and status posts): typing `@` and the start of a name lists
 * matching colleagues under the text field, ArrowUp/ArrowDown move through
 * them, Enter or Tab (or a click or tap) puts the mention in place of what
 * was typed, Escape closes the list and keeps the text. The text field stays
 * focused throughout and points at the highlighted option with
 * `aria-activedescendant`; the number of matches is announced.
 */
export class MentionAutocomplete<C extends MentionTarget = MentionTarget> implements ReactiveController {
  #open: OpenList | null = null;
  /** Where Escape closed the list: it stays closed for that `@` while the reader types on. */
  #dismissed: { composer: string; start: number } | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  #said = '';
  #scrollToActive = false;

  readonly #host: LitElement;
  readonly #context: () => MentionContext<C>;

  constructor(host: LitElement, context: () => MentionContext<C>) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close();
  }

  hostUpdated(): void {
    if (!this.#scrollToActive || !this.#open) return;
    this.#scrollToActive = false;
    this.#host.renderRoot.querySelector(`#${this.#optionId(this.#open.composer, this.#open.active)}`)?.scrollIntoView({ block: 'nearest' });
  }

  /** The ARIA a composer's text field carries: what it controls and which option is highlighted. */
  fieldState(composer: C): { controls: string; activeDescendant: string | undefined } {
    const open = this.#listFor(composer);
    const active = open && open.status !== 'limit' && open.active >= 0 ? this.#optionId(composer.id, open.active) : undefined;
    return { controls: this.#listId(composer.id), activeDescendant: active };
  }

  /** After every change of a composer's text by the reader. */
  input(composer: C, field: HTMLTextAreaElement): void {
    const at = mentionQueryAt(field.value, field.selectionEnd);
    // Writing on after a chosen name is not typing a name.
    if (!at || isKnownMention(field.value, at.start, composer.names)) {
      this.#dismissed = null;
      return this.close();
    }
    if (this.#dismissed?.composer === composer.id && this.#dismissed.start === at.start) return;
    this.#dismissed = null;
    const shown = this.#listFor(composer)?.people ?? [];
    this.#open = { composer: composer.id, at, status: 'pending', people: shown, active: shown.length ? 0 : -1 };
    this.#lookUp(at.query);
  }

  /** Handles the keys of the combobox pattern; true when the key was the list's, and the composer must not act on it. */
  keydown(composer: C, event: KeyboardEvent): boolean {
    const open = this.#listFor(composer);
    if (!open || event.isComposing) return false;
    const field = event.target as HTMLTextAreaElement;
    if (event.key === 'Escape') {
      this.#dismissed = { composer: composer.id, start: open.at.start };
      this.close();
      event.preventDefault();
      event.stopPropagation();
      return true;
    }
    const count = open.status === 'limit' ? 0 : open.people.length;
    const plain = !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (count && plain && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      open.active = (open.active + (event.key === 'ArrowDown' ? 1 : -1) + count) % count;
      this.#scrollToActive = true;
      this.#host.requestUpdate();
    } else if (count && plain && (event.key === 'Enter' || event.key === 'Tab') && open.active >= 0) {
      this.choose(composer, field, open.people[open.active]!);
    } else {
      if (CARET_KEYS.has(event.key)) this.close();
      return false;
    }
    event.preventDefault();
    return true;
  }

  /** Puts the mention of `person` where the reader typed `@…`, and the caret after it. */
  choose(composer: C, field: HTMLTextAreaElement, person: Person): void {
    const open = this.#listFor(composer);
    if (!open) return;
    const { t, maxMentions, input, chosen, announce } = this.#context();
    const ids = mentionedIds(storedMentions(field.value, composer.names));
    if (!ids.includes(person.id) && ids.length >= maxMentions) {
      this.#open = { ...open, status: 'limit' };
      this.#say(t('composer.mentions.limit', { max: maxMentions }));
      return this.#host.requestUpdate();
    }
    const { text, caret } = withMention(field.value, open.at, person, composer.names);
    this.close();
    // Set here, so the render that follows finds the value unchanged and leaves the caret alone.
    field.value = text;
    field.setSelectionRange(caret, caret);
    field.focus();
    chosen(person);
    input(composer, storedMentions(text, composer.names));
    announce(t('composer.mentions.inserted', { name: person.name }));
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.#said = '';
    if (!this.#open) return;
    this.#open = null;
    this.#host.requestUpdate();
  }

  /** The list under a composer's text field: the matches, or why there are none. */
  renderList(composer: C) {
    const open = this.#listFor(composer);
    const { t } = this.#context();
    const id = this.#listId(composer.id);
    const people = open && open.status !== 'limit' ? open.people : [];
    const message = !open
      ? ''
      : open.status === 'limit'
        ? t('composer.mentions.limit', { max: this.#context().maxMentions })
        : open.status === 'error'
          ? t('composer.mentions.failed')
          : people.length
            ? ''
            : t(open.status === 'pending' ? 'composer.mentions.searching' : 'composer.mentions.none');
    return html`<div class="mentions" part="mentions" ?hidden=${!open}>
      <ul id=${id} role="listbox" aria-label=${t('composer.mentions.label')} ?hidden=${!people.length}>
        ${people.map(
          (person, i) => html`<li
            id=${this.#optionId(composer.id, i)}
            role="option"
            class="mention-option"
            aria-selected=${i === open!.active ? 'true' : 'false'}
            @mousedown=${keepFocus}
            @click=${(event: Event) => this.#chooseFrom(event, composer, person)}
          >
            <span class="mention-name">${person.name}</span>
            ${person.role || person.department
              ? html`<span class="mention-detail">${[person.role, person.department].filter(Boolean).join(' · ')}</span>`
              : nothing}
          </li>`,
        )}
      </ul>
      ${message ? html`<p class="mention-status">${message}</p>` : nothing}
    </div>`;
  }

  #chooseFrom(event: Event, composer: C, person: Person): void {
    const field = (event.currentTarget as Element).closest('.field')?.querySelector('textarea');
    if (field) this.choose(composer, field, person);
  }

  #lookUp(query: string): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    const { search } = this.#context();
    const known = search.peek(query);
    if (known) return this.#show(known);
    this.#host.requestUpdate();
    const abort = (this.#abort = new AbortController());
    this.#timer = setTimeout(() => {
      search.search(query, abort.signal).then(
        (people) => !abort.signal.aborted && this.#show(people),
        (error: unknown) => !abort.signal.aborted && !isAbort(error) && this.#fail(),
      );
    }, DEBOUNCE_MS);
  }

  #show(people: Person[]): void {
    const open = this.#open;
    if (!open) return;
    // A second or third word that finds nobody: the reader has moved on from the name and writes on.
    if (!people.length && open.at.query.includes(' ')) return this.close();
    const { t } = this.#context();
    this.#open = { ...open, status: 'done', people, active: people.length ? 0 : -1 };
    this.#say(people.length ? t('composer.mentions.found', { count: people.length }) : t('composer.mentions.none'));
    this.#host.requestUpdate();
  }

  #fail(): void {
    if (!this.#open) return;
    this.#open = { ...this.#open, status: 'error', people: [], active: -1 };
    this.#say(this.#context().t('composer.mentions.failed'));
    this.#host.requestUpdate();
  }

  /** Announces only what changed: the same count after another letter is no news. */
  #say(text: string): void {
    if (text === this.#said) return;
    this.#said = text;
    this.#context().announce(text);
  }

  #listFor(composer: MentionTarget): OpenList | null {
    return this.#open?.composer === composer.id ? this.#open : null;
  }

  #listId(composer: string): string {
    return `text-${composer}-mentions`;
  }

  #optionId(composer: string, index: number): string {
    return `text-${composer}-mention-${index}`;
  }
}

/** A press on an option must not take focus from the text field (the caret and the typed `@…` stay). */
function keepFocus(event: Event): void {
  event.preventDefault();
}
