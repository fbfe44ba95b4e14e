/**
 * Rows of buttons that every comment repeats (a bar's reaction kinds, a
 * comment's reply/edit/delete/report), made once with DOM calls and cloned
 * for each use rather than templated per button: on a long thread's first
 * render the templates cost several times what a clone and a few attributes
 * cost (bench/render, docs/architecture.md decision 54). What a row shows
 * (words, emoji) is text and attribute values, never markup.
 */

/** Finished rows by what they show. */
const rows = new Map<string, DocumentFragment>();

/** A fresh copy of the row `key` names; `make` builds its buttons the first time. */
export function cloneRow(key: string, make: () => Node[]): DocumentFragment {
  let row = rows.get(key);
  if (!row) {
    row = document.createDocumentFragment();
    row.append(...make());
    rows.set(key, row);
  }
  return row.cloneNode(true) as DocumentFragment;
}

/**
 * Sets (or, for `null`, removes) an attribute only when it differs: an
 * unchanged attribute set again still costs a mutation and a style check.
 */
export function setIfChanged(element: Element, name: string, value: string | null): void {
  if (element.getAttribute(name) === value) return;
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}
