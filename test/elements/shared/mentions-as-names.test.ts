import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../../support/browser/wait.ts';
import { uniqueTarget } from '../../support/browser/session.ts';
import { $$, article, colleague, commentsFor, post, postAs, reader, signInAs, signOutReader, submit, textarea, type } from '../comments/comments-support.ts';
import type { PlazaComments } from '../../../src/elements/comments/comments.ts';
import type { PlazaCommentEditedEvent, PlazaCommentPostedEvent } from '../../../src/elements/comments/events.ts';
import type { PlazaActivityFeed } from '../../../src/elements/activity-feed/activity-feed.ts';
import type { PlazaStatusPostedEvent } from '../../../src/elements/activity-feed/events.ts';

/*
 * People write and edit mentions as names (`@Jürgen Müller`); what is stored
 * and sent stays `@[Jürgen Müller](person:juergen.mueller)` (issue 16, item 10).
 * Against the real server and its seed.
 */

const mueller = { id: 'juergen.mueller', name: 'Jürgen Müller' };
const stored = (person: { id: string; name: string }) => `@[${person.name}](person:${person.id})`;

/** Types `text` after whatever is in the field, picks `person` from the list with the keyboard. */
async function mention(field: HTMLTextAreaElement, query: string, person: { name: string }, root: ShadowRoot): Promise<void> {
  field.focus();
  field.setSelectionRange(field.value.length, field.value.length);
  await sendKeys({ type: query });
  const options = () => [...root.querySelectorAll<HTMLElement>('[role="option"]')];
  await waitUntil(() => options().some((o) => o.textContent!.includes(person.name)), `${person.name} not offered`, { timeout: 5000 });
  const active = () => root.getElementById(field.getAttribute('aria-activedescendant') ?? '');
  for (let i = 0; i < 8 && !active()?.textContent!.includes(person.name); i++) await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
}

describe('mentions read as names while writing and editing', () => {
  beforeEach(() => signInAs(reader.id));
  after(() => signOutReader());

  it('shows a chosen mention as @Name, and posts it as a mention', async () => {
    const element = await commentsFor(uniqueTarget('mention-name'));
    const field = textarea(element);
    await mention(field, 'Frage an @mül', mueller, element.shadowRoot!);
    await element.updateComplete;
    expect(field.value).to.equal(`Frage an @${mueller.name} `);
    expect(field.selectionStart, 'the caret goes after the name').to.equal(field.value.length);
    await sendKeys({ type: 'bitte prüfen.' });
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part="mentions"]:not([hidden])'), 'no list opens for the chosen name').to.equal(null);
    const posted = oneEvent(element, 'plaza-comment-posted');
    submit(element);
    const { comment } = (await posted) as unknown as PlazaCommentPostedEvent;
    expect(comment.text).to.equal(`Frage an ${stored(mueller)} bitte prüfen.`);
    expect(comment.mentions).to.deep.equal([mueller.id]);
  });

  it('keeps the mention in the draft across a reload, shown as a name', async () => {
    const thread = uniqueTarget('mention-draft');
    const element = await commentsFor(thread);
    await mention(textarea(element), 'Danke @ayse', { name: 'Ayşe Demir' }, element.shadowRoot!);
    await element.updateComplete;
    element.parentElement!.remove();
    const again = await commentsFor(thread);
    expect(textarea(again).value).to.equal('Danke @Ayşe Demir ');
    const posted = oneEvent(again, 'plaza-comment-posted');
    submit(again);
    const { comment } = (await posted) as unknown as PlazaCommentPostedEvent;
    expect(comment.mentions).to.deep.equal(['ayse.demir']);
  });

  it('makes a mention whose name the reader changed plain text', async () => {
    const element = await commentsFor(uniqueTarget('mention-changed'));
    const field = textarea(element);
    await mention(field, 'Hallo @mül', mueller, element.shadowRoot!);
    await element.updateComplete;
    type(field, field.value.replace('Müller ', 'Müll '));
    await element.updateComplete;
    const posted = oneEvent(element, 'plaza-comment-posted');
    submit(element);
    const { comment } = (await posted) as unknown as PlazaCommentPostedEvent;
    expect(comment.text.trim()).to.equal('Hallo @Jürgen Müll');
    expect(comment.mentions).to.deep.equal([]);
  });

  it('edits a comment with its mentions shown as names, and keeps them', async () => {
    const thread = uniqueTarget('mention-edit');
    const mine = await post(thread, `Danke ${stored(mueller)} für die Hilfe`);
    const element = await commentsFor(thread);
    article(element, mine.id)!.querySelector<HTMLButtonElement>('[data-action="edit"]')!.click();
    await element.updateComplete;
    const field = textarea(element, `edit-${mine.id}`);
    expect(field.value).to.equal(`Danke @${mueller.name} für die Hilfe`);
    type(field, `${field.value} gestern`);
    const edited = oneEvent(element, 'plaza-comment-edited');
    submit(element, `edit-${mine.id}`);
    const event = (await edited) as unknown as PlazaCommentEditedEvent;
    expect(event.text).to.equal(`Danke ${stored(mueller)} für die Hilfe gestern`);
  });

  it('starts a reply to a reply with its author’s name', async () => {
    const thread = uniqueTarget('mention-reply');
    const root = await postAs(colleague.id, thread, 'Wer kommt mit?');
    const answer = await postAs(colleague.id, thread, 'Ich!', root.id);
    const element: PlazaComments = await commentsFor(thread);
    article(element, answer.id)!.querySelector<HTMLButtonElement>('[data-action="reply"]')!.click();
    await element.updateComplete;
    expect(textarea(element, `reply-${answer.id}`).value).to.equal(`@${colleague.name} `);
    expect($$(element, `form[data-composer="reply-${answer.id}"] [role="option"]`).length).to.equal(0);
  });

  it('does the same in the status composer of the activity feed', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="de"><plaza-activity-feed scope="user:${reader.id}"></plaza-activity-feed></div>`);
    const feed = wrapper.querySelector<PlazaActivityFeed>('plaza-activity-feed')!;
    await waitUntil(() => feed.shadowRoot?.querySelector('form[part="composer"] textarea'), 'no composer', { timeout: 5000 });
    const field = feed.shadowRoot!.querySelector<HTMLTextAreaElement>('form[part="composer"] textarea')!;
    await mention(field, `Status ${crypto.randomUUID().slice(0, 8)} mit @mül`, mueller, feed.shadowRoot!);
    await feed.updateComplete;
    expect(field.value).to.match(/ mit @Jürgen Müller $/);
    const posted = oneEvent(feed, 'plaza-status-posted');
    await sendKeys({ press: 'Control+Enter' });
    const { activity } = (await posted) as unknown as PlazaStatusPostedEvent;
    expect(activity.text).to.match(new RegExp(`mit ${stored(mueller).replace(/[[\]().]/g, '\\$&')} ?$`));
  });
});
