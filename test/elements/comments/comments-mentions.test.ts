import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import { endpoint, signOut, uniqueTarget } from '../../support/browser/session.ts';
import { $, $$, article, commentsFor, reader, signInAs, textarea, type } from './comments-support.ts';
import type { PlazaComments } from '../../../src/elements/comments/comments.ts';
import type { PlazaCommentPostedEvent } from '../../../src/elements/comments/events.ts';

/* @-mentions in the composer, against the real server's people search (seed: server/seed/people.ts). */

const mueller = { id: 'juergen.mueller', name: 'Jürgen Müller' };

/** The open list under the new-comment composer, or null. */
const list = (element: PlazaComments) => $(element, 'form[data-composer="new"] [part="mentions"]:not([hidden])');
const options = (element: PlazaComments) => $$(element, 'form[data-composer="new"] [role="option"]');
const active = (element: PlazaComments) => {
  const id = textarea(element).getAttribute('aria-activedescendant');
  return id ? element.shadowRoot!.getElementById(id) : null;
};
const liveRegion = (element: PlazaComments) => $(element, '[role="status"]')!.textContent;

async function typeInto(element: PlazaComments, text: string): Promise<void> {
  textarea(element).focus();
  await sendKeys({ type: text });
}

describe('<plaza-comments>: mentions', () => {
  beforeEach(() => signInAs(reader.id));
  after(() => signOut());

  it('finds Müller for "muller" with the keyboard only, inserts the mention, and the posted comment names him as a person', async () => {
    const element = await commentsFor(uniqueTarget('mention'));
    const before = performance.getEntriesByType('resource').length;
    await typeInto(element, 'Frage an @muller');
    await waitUntil(() => options(element).some((option) => option.textContent!.includes(mueller.name)), 'Müller not offered', { timeout: 5000 });

    const field = textarea(element);
    const listbox = $(element, '[role="listbox"]')!;
    expect(field.getAttribute('aria-controls')).to.equal(listbox.id);
    expect(field.getAttribute('aria-autocomplete')).to.equal('list');
    expect(active(element) === options(element)[0], 'the first match is highlighted').to.equal(true);
    expect(options(element)[0]!.getAttribute('aria-selected')).to.equal('true');
    expect(options(element).find((o) => o.textContent!.includes(mueller.name))!.textContent).to.contain('Leiter Netzbetrieb · Netzbetrieb');
    await waitUntil(() => /^\d+ Treffer\./.test(liveRegion(element)!), 'the number of matches was not announced');
    // Debounced: one search for the whole word, not one per letter.
    const searches = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).slice(before).filter((e) => e.name.includes('/people?q='));
    expect(searches.length, searches.map((e) => e.name).join(', ')).to.be.within(1, 5);

    for (let i = 0; i < 8 && !active(element)!.textContent!.includes(mueller.name); i++) await sendKeys({ press: 'ArrowDown' });
    expect(active(element)!.textContent).to.contain(mueller.name);
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;

    // The field shows the name; what is posted is the mention (test/elements/shared/mentions-as-names.test.ts).
    expect(field.value).to.equal(`Frage an @${mueller.name} `);
    expect(field.selectionStart, 'the caret goes after the mention').to.equal(field.value.length);
    expect(element.shadowRoot!.activeElement === field, 'focus stays in the text').to.equal(true);
    expect(!!list(element)).to.equal(false);
    expect(field.hasAttribute('aria-activedescendant')).to.equal(false);

    await sendKeys({ type: 'bitte prüfen.' });
    const posted = oneEvent(element, 'plaza-comment-posted');
    await sendKeys({ press: 'Control+Enter' });
    const { comment } = (await posted) as unknown as PlazaCommentPostedEvent;
    expect(comment.mentions).to.deep.equal([mueller.id]);
    await element.updateComplete;
    const person = article(element, comment.id)!.querySelector('[part="body"] .mention plaza-person')!;
    expect(person.getAttribute('user')).to.equal(mueller.id);
    await waitUntil(() => person.shadowRoot?.querySelector('button[part="trigger"]'), 'the mention did not become the person’s name tag');
    expect(person.shadowRoot!.querySelector('[part="trigger"]')!.textContent).to.equal(mueller.name);
  });

  it('closes with Escape and keeps the text; the list stays closed while the same name is typed on', async () => {
    const element = await commentsFor(uniqueTarget('mention-escape'));
    await typeInto(element, 'Hallo @jona');
    await waitUntil(() => options(element).length > 0, 'no matches for "jona"', { timeout: 5000 });
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(!!list(element)).to.equal(false);
    expect(textarea(element).value).to.equal('Hallo @jona');
    expect(element.shadowRoot!.activeElement === textarea(element), 'focus stays in the text').to.equal(true);

    await sendKeys({ type: 's' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(!!list(element), 'reopened after Escape').to.equal(false);
    await sendKeys({ type: ' und @' });
    await sendKeys({ type: 'jo' });
    await waitUntil(() => list(element), 'a new @ opens the list again', { timeout: 5000 });
  });

  it('says "Keine Treffer" when nobody matches, and announces it', async () => {
    const element = await commentsFor(uniqueTarget('mention-none'));
    await typeInto(element, '@zzyzx');
    await waitUntil(() => list(element)?.querySelector('.mention-status')?.textContent === 'Keine Treffer', 'no "Keine Treffer"', { timeout: 5000 });
    expect($(element, '[role="listbox"]')!.hidden, 'an empty listbox is not shown').to.equal(true);
    expect(textarea(element).hasAttribute('aria-activedescendant')).to.equal(false);
    await waitUntil(() => liveRegion(element) === 'Keine Treffer', 'not announced');
    // Enter is a line break again while nothing can be chosen.
    await sendKeys({ press: 'Enter' });
    expect(textarea(element).value).to.equal('@zzyzx\n');
  });

  it('chooses with a click or tap, keeping the focus in the text', async () => {
    const element = await commentsFor(uniqueTarget('mention-click'));
    await typeInto(element, 'Danke @ayse');
    await waitUntil(() => options(element).some((o) => o.textContent!.includes('Ayşe Demir')), 'Ayşe not offered (accents fold)', { timeout: 5000 });
    options(element).find((o) => o.textContent!.includes('Ayşe Demir'))!.click();
    await element.updateComplete;
    expect(textarea(element).value).to.equal('Danke @Ayşe Demir ');
    expect(element.shadowRoot!.activeElement === textarea(element), 'focus stays in the text').to.equal(true);
  });

  it('is accessible with the list open', async () => {
    const element = await commentsFor(uniqueTarget('mention-axe'));
    await typeInto(element, '@mül');
    await waitUntil(() => options(element).length > 0, 'no matches', { timeout: 5000 });
    await expect(element).to.be.accessible();
    for (const option of options(element)) expect(option.getBoundingClientRect().height).to.be.at.least(24);
  });

  it('refuses a mention beyond the server’s limit per comment, readably', async () => {
    const people = ((await (await fetch(`${endpoint()}/dev/users`, { credentials: 'include' })).json()) as { items: Array<{ id: string; name: string }> }).items;
    const others = people.filter((p) => p.id !== mueller.id).slice(0, 20);
    const element = await commentsFor(uniqueTarget('mention-limit'));
    type(textarea(element), `${others.map((p) => `@[${p.name}](person:${p.id})`).join(' ')} `);
    await element.updateComplete;
    textarea(element).setSelectionRange(textarea(element).value.length, textarea(element).value.length);
    await typeInto(element, '@muller');
    await waitUntil(() => options(element).length > 0, 'no matches', { timeout: 5000 });
    for (let i = 0; i < 8 && !active(element)!.textContent!.includes(mueller.name); i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => list(element)?.textContent?.includes('höchstens 20 Personen'), 'no limit message');
    expect(textarea(element).value.endsWith('@muller')).to.equal(true);
  });
});
