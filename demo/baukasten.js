// The snippet builder for CMS editors: pick a widget and its settings, copy the
// snippet, see exactly what it shows. A plain module without a framework; it
// builds everything with DOM APIs (createElement, setAttribute, textContent),
// never with HTML strings, because the demo enforces Trusted Types and because
// the values come from whatever the editor typed.

import { keyProblem } from '/dist/thread-key.js';

const API = '/api/v1';

/** Each widget's settings, in the order they appear in the snippet. */
const WIDGETS = {
  comments: () => [
    ['thread', key('comments-thread', 'Diskussion')],
    ['sort', value('comments-sort')],
    ['page-size', count('comments-page-size', 'Wie viele Kommentare zuerst erscheinen')],
    ['readonly', checked('comments-readonly')],
  ],
  reactions: () => [
    ['target', key('reactions-target', 'Worauf reagiert wird')],
    ['kinds', kinds()],
  ],
  'comment-count': () => [
    ['thread', key('count-thread', 'Welche Diskussion gezählt wird')],
    ['href', text('count-href')],
  ],
  person: () => [['user', value('person-user')]],
  'profile-card': () => [
    ['user', value('person-user')],
    ['variant', radio('card-variant')],
  ],
  'activity-feed': () => [
    ['scope', scope()],
    ['page-size', count('feed-page-size', 'Wie viele Einträge zuerst erscheinen')],
  ],
};

const form = document.getElementById('builder');
const snippetField = document.getElementById('snippet');
const copyButton = document.getElementById('copy');
const copyStatus = document.getElementById('copy-status');
const preview = document.getElementById('preview');
const optionsError = document.getElementById('options-error');
const kindsError = document.getElementById('reactions-kinds-error');

/** Problems with the current settings; the snippet leaves such a setting out and says why. */
let problems = [];
/** What the preview shows now, so typing the same value again does not rebuild it. */
let shown = '';
let previewTimer = 0;

form.addEventListener('submit', (event) => event.preventDefault());
form.addEventListener('change', () => update(true));
form.addEventListener('input', (event) => {
  if (event.target.id === 'person-search') return;
  // Text fields: the snippet follows every key, the preview (which asks the server) waits for a pause.
  update(false);
});
copyButton.addEventListener('click', copy);
wirePeopleSearch();
update(true);

/** Shows the settings of the chosen widget, writes the snippet and (now or after a pause) the preview. */
function update(immediately) {
  const widget = radio('widget') || 'comments';
  const scopeKind = value('feed-scope');
  for (const group of form.querySelectorAll('[data-widget]')) {
    const wanted = group.dataset.widget.split(' ');
    group.hidden = !wanted.includes(widget) && !wanted.includes(`${widget}:${scopeKind}`);
  }
  document.getElementById('feed-space-field').hidden = scopeKind !== 'space';

  problems = [];
  const attributes = WIDGETS[widget]().filter(([, setting]) => setting !== undefined);
  const placeholder = radio('form') === 'placeholder';
  const snippet = placeholder ? placeholderSnippet(widget, attributes) : tagSnippet(widget, attributes);

  document.getElementById('form-tag-example').textContent = `<plaza-${widget}>`;
  document.getElementById('form-placeholder-example').textContent = `<div data-plaza="${widget}">`;
  optionsError.textContent = problems.join(' ');
  if (snippetField.value !== snippet) {
    snippetField.value = snippet;
    copyStatus.textContent = '';
  }

  window.clearTimeout(previewTimer);
  if (immediately) showPreview(widget, attributes, placeholder, snippet);
  else previewTimer = window.setTimeout(() => showPreview(widget, attributes, placeholder, snippet), 600);
}

// ------------------------------------------------------------------ snippet

function tagSnippet(widget, attributes) {
  const parts = attributes.map(([name, setting]) => (setting === true ? name : `${name}="${escapeAttribute(setting)}"`));
  return `<plaza-${widget}${parts.map((part) => ` ${part}`).join('')}></plaza-${widget}>`;
}

function placeholderSnippet(widget, attributes) {
  const parts = attributes.map(([name, setting]) => (setting === true ? `data-${name}` : `data-${name}="${escapeAttribute(setting)}"`));
  return `<div data-plaza="${widget}"${parts.map((part) => ` ${part}`).join('')}></div>`;
}

function escapeAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ------------------------------------------------------------------ preview

/**
 * Puts into the page exactly what the snippet would: the element, or the
 * placeholder, which Plaza then turns into the element as it does on any page.
 */
function showPreview(widget, attributes, placeholder, snippet) {
  if (snippet === shown) return;
  shown = snippet;
  let element;
  if (placeholder) {
    element = document.createElement('div');
    element.setAttribute('data-plaza', widget);
    for (const [name, setting] of attributes) element.setAttribute(`data-${name}`, setting === true ? '' : setting);
  } else {
    element = document.createElement(`plaza-${widget}`);
    for (const [name, setting] of attributes) element.setAttribute(name, setting === true ? '' : setting);
  }
  preview.replaceChildren(element);
}

// ------------------------------------------------------------------ copy

async function copy() {
  const snippet = snippetField.value;
  try {
    if (!navigator.clipboard) throw new Error('no clipboard API');
    await navigator.clipboard.writeText(snippet);
    say('Kopiert! Fügen Sie das Snippet jetzt in Ihre Seite ein.', false);
  } catch {
    // No clipboard access (an old browser, a page without https, a refused permission): select it for Ctrl+C.
    snippetField.focus();
    snippetField.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    say(
      copied
        ? 'Kopiert! Fügen Sie das Snippet jetzt in Ihre Seite ein.'
        : 'Der Browser erlaubt das Kopieren hier nicht. Das Snippet ist markiert: Drücken Sie Strg+C (Mac: Cmd+C).',
      !copied,
    );
  }
}

function say(message, isProblem) {
  // Emptied first, so saying the same thing twice is announced twice.
  copyStatus.textContent = '';
  copyStatus.classList.toggle('problem', isProblem);
  window.setTimeout(() => (copyStatus.textContent = message), 50);
}

// ------------------------------------------------------------------ people search

/** Fills the person list from `GET /people?q=` as the editor types, newest answer only. */
function wirePeopleSearch() {
  const search = document.getElementById('person-search');
  const select = document.getElementById('person-user');
  const status = document.getElementById('person-status');
  let timer = 0;
  let asked = 0;

  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    const query = search.value.trim();
    if (!query) {
      status.textContent = '';
      return;
    }
    timer = window.setTimeout(() => find(query), 250);
  });
  // Enter in the search field would submit the form; here it means "search now".
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    window.clearTimeout(timer);
    if (search.value.trim()) find(search.value.trim());
  });

  async function find(query) {
    const mine = ++asked;
    status.textContent = 'Suche …';
    try {
      const response = await fetch(`${API}/people?q=${encodeURIComponent(query)}&limit=10`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { items } = await response.json();
      if (mine !== asked) return;
      if (!items.length) {
        status.textContent = `Niemand gefunden für „${query}“.`;
        return;
      }
      select.replaceChildren(...items.map(personOption));
      status.textContent = items.length === 1 ? '1 Person gefunden und ausgewählt.' : `${items.length} Personen gefunden; die erste ist ausgewählt.`;
      update(true);
    } catch (error) {
      if (mine === asked) status.textContent = `Die Suche ist gerade nicht möglich (${error.message}).`;
    }
  }
}

function personOption(person) {
  const label = person.department ? `${person.name} – ${person.department} (${person.id})` : `${person.name} (${person.id})`;
  return new Option(label, person.id);
}

// ------------------------------------------------------------------ reading the form

function field(id) {
  return document.getElementById(id);
}

/** A text field's value, or undefined when empty. */
function text(id) {
  return field(id).value.trim() || undefined;
}

/**
 * A key field's value (a thread, a target, a space), checked as the server
 * checks keys, plus a path typed without `page:`, which the server would take
 * as another, empty thread (src/core/thread-key.ts). A wrong key is marked,
 * explained, and left out of the snippet.
 */
function key(id, label) {
  const input = field(id);
  const typed = input.value.trim();
  const found = typed ? keyProblem(typed) : null;
  if (found) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  if (!found) return typed || undefined;
  problems.push(
    found.problem === 'invalid'
      ? `„${label}“: Eine Kennung hat 1 bis 512 Zeichen ohne Leerzeichen; „${typed}“ würde der Server ablehnen. Das Snippet lässt die Angabe weg.`
      : `„${typed}“ beginnt nicht mit page: und meint so nicht die Seite, sondern etwas Eigenes, noch Leeres. Meinten Sie ${found.suggestion}? Das Snippet lässt die Angabe weg, bis sie stimmt.`,
  );
  return undefined;
}

function value(id) {
  return field(id).value || undefined;
}

function checked(id) {
  return field(id).checked || undefined;
}

function radio(name) {
  return form.querySelector(`input[name="${name}"]:checked`)?.value || undefined;
}

/** A whole number from 1 to 50, or undefined (and a problem) for anything else. */
function count(id, label) {
  const raw = field(id).value.trim();
  if (!raw) return undefined;
  const number = Number(raw);
  if (Number.isInteger(number) && number >= 1 && number <= 50) return String(number);
  problems.push(`„${label}“ muss eine ganze Zahl von 1 bis 50 sein; das Snippet lässt die Angabe weg.`);
  return undefined;
}

/** The offered kinds, or undefined for all of them (the default). */
function kinds() {
  const boxes = [...form.querySelectorAll('input[name="reactions-kind"]')];
  const chosen = boxes.filter((box) => box.checked).map((box) => box.value);
  kindsError.textContent = chosen.length ? '' : 'Bitte mindestens eine Reaktion auswählen; ohne Auswahl gelten alle.';
  return chosen.length && chosen.length < boxes.length ? chosen.join(', ') : undefined;
}

function scope() {
  const kind = value('feed-scope');
  if (kind === 'user') return `user:${value('person-user')}`;
  if (kind === 'space') {
    const space = key('feed-space', 'Bereich');
    if (space) return `space:${space}`;
    if (!text('feed-space')) problems.push('Bitte einen Bereich angeben; bis dahin zeigt der Stream alles.');
    return 'all';
  }
  return kind;
}
