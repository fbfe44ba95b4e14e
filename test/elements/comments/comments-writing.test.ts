import { aTimeout, expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import { endpoint, signOut, uniqueTarget } from '../../support/browser/session.ts';
import { $, $$, article, bodies, colleague, commentsFor, post, postAs, reader, signInAs, submit, textarea, type } from './comments-support.ts';
import type { PlazaCommentEditedEvent, PlazaCommentFailedEvent, PlazaCommentPostedEvent } from '../../../src/elements/comments/events.ts';

/* Writing: posting, drafts, refusals, replies, edits and deletions, against the real server. */

const draftKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('plaza:draft:'));

describe('<plaza-comments>: writing', () => {
  beforeEach(() => signInAs(reader.id));
  after(() => signOut());

  it('posts a comment: it shows at once as sending, then as posted, and the draft is gone', async () => {
    const thread = uniqueTarget('post');
    const element = await commentsFor(thread);
    const field = textarea(element);
    field.focus();
    await sendKeys({ type: 'Guter Plan, **danke**!' });
    expect(draftKeys().some((key) => key.includes(thread)), 'kept as a draft while typing').to.equal(true);

    const posted = oneEvent(element, 'plaza-comment-posted');
    submit(element);
    await element.updateComplete;
    expect($(element, '[part="sending"]')!.textContent).to.equal('wird gesendet …');
    expect(textarea(element).value, 'the composer empties at once').to.equal('');

    const { comment } = (await posted) as unknown as PlazaCommentPostedEvent;
    await element.updateComplete;
    const shown = article(element, comment.id)!;
    expect(shown.querySelector('h3')!.textContent).to.equal(reader.name);
    expect(shown.querySelector('[part="body"] strong')!.textContent).to.equal('danke');
    // Booleans, not the element: a failing chai message about a Lit element hangs Firefox's page until the run's time limit.
    expect($(element, '[part="sending"]') === null, 'still shown as sending').to.equal(true);
    expect($(element, '[part="heading"]')!.textContent).to.equal('1 Kommentar');
    expect(draftKeys().some((key) => key.includes(thread)), 'draft cleared after the server acknowledged').to.equal(false);
  });

  it('keeps the draft when the element is re-created (a reload)', async () => {
    const thread = uniqueTarget('draft');
    const first = await commentsFor(thread);
    type(textarea(first), 'Halb geschriebener Gedanke …');
    first.remove();
    const again = await commentsFor(thread);
    await waitUntil(() => $(again, '[part="composer"]'));
    expect(textarea(again).value).to.equal('Halb geschriebener Gedanke …');
  });

  it('keeps the text and explains in German when the server refuses the post', async () => {
    const thread = uniqueTarget('refused');
    const element = await commentsFor(thread);
    type(textarea(element), 'Das hier darf niemand verlieren.');
    await signOut(); // The session ends while the page is open.
    const failed = oneEvent(element, 'plaza-comment-failed');
    submit(element);
    const event = (await failed) as unknown as PlazaCommentFailedEvent;
    await element.updateComplete;
    expect(event.text).to.equal('Das hier darf niemand verlieren.');
    expect((event.error as { status: number }).status).to.equal(401);
    expect(textarea(element).value).to.equal('Das hier darf niemand verlieren.');
    const message = $(element, '[part="composer-error"]')!.textContent!;
    expect(message).to.contain('Ihr Kommentar wurde nicht veröffentlicht.');
    expect(message).to.contain('Bitte melden Sie sich zuerst an.');
    expect($(element, '[part="list"]') === null, 'the optimistic comment is gone again').to.equal(true);
    expect(draftKeys().some((key) => key.includes(thread))).to.equal(true);
  });

  it('explains invalid and too long texts', async () => {
    const element = await commentsFor(uniqueTarget('invalid'));
    type(textarea(element), 'Steuerzeichen \u0007 gehen nicht');
    const failed = oneEvent(element, 'plaza-comment-failed');
    submit(element);
    await failed;
    await element.updateComplete;
    expect($(element, '[part="composer-error"]')!.textContent).to.contain('Ihr Text enthält Zeichen, die sich nicht speichern lassen.');

    type(textarea(element), 'x'.repeat(10_001));
    await element.updateComplete;
    expect($(element, '.count')!.textContent).to.equal('1 Zeichen zu viel');
    submit(element);
    await element.updateComplete;
    expect($(element, '[part="composer-error"]')!.textContent).to.equal('Ihr Kommentar ist zu lang: höchstens 10.000 Zeichen.');
    expect(textarea(element).value).to.have.length(10_001);
  });

  it('lets the page veto a post through the cancelable submit event', async () => {
    const thread = uniqueTarget('veto');
    const element = await commentsFor(thread);
    element.addEventListener('plaza-comment-submit', (e) => {
      expect(e.text).to.equal('Bitte erst bestätigen');
      e.preventDefault();
    }, { once: true });
    type(textarea(element), 'Bitte erst bestätigen');
    submit(element);
    await aTimeout(300);
    // What the server has, not which requests went out: other elements of the page may fetch meanwhile.
    const stored = await (await fetch(`${endpoint()}/threads/${encodeURIComponent(thread)}/comments`, { credentials: 'include' })).json();
    expect((stored as { count: number }).count, 'nothing was posted').to.equal(0);
    expect(textarea(element).value).to.equal('Bitte erst bestätigen');
    expect($(element, '[part="list"]') === null, 'the vetoed comment is not listed').to.equal(true);
  });

  it('replies in place, and a reply to a reply names whom it answers', async () => {
    const thread = uniqueTarget('reply');
    const root = await postAs(colleague.id, thread, 'Wer kommt mit zum Sommerfest?');
    const answer = await postAs(colleague.id, thread, 'Ich bringe Kuchen mit.', root.id);
    const element = await commentsFor(thread);
    article(element, answer.id)!.querySelector<HTMLButtonElement>('[data-action="reply"]')!.click();
    await element.updateComplete;
    const field = $<HTMLTextAreaElement>(element, `form[data-composer="reply-${answer.id}"] textarea`)!;
    expect(field.value, 'starts with a mention of whom it answers').to.equal(`@${colleague.name} `);
    type(field, `${field.value}Super, ich auch!`);
    const posted = oneEvent(element, 'plaza-comment-posted');
    submit(element, `reply-${answer.id}`);
    const { comment } = (await posted) as unknown as PlazaCommentPostedEvent;
    expect(comment.parentId, 'filed under the top-level comment').to.equal(root.id);
    await element.updateComplete;
    const reply = article(element, comment.id)!;
    expect(reply.closest('[part="replies"]')!.closest('article')!.id).to.equal(`comment-${root.id}`);
    expect(reply.querySelector('[part="in-reply-to"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`als Antwort auf ${colleague.name}`);
    expect(element.shadowRoot!.activeElement, 'focus moves to the new reply').to.equal(reply);
  });

  it('shows the newer text when an edit is stale, and keeps the reader’s words', async () => {
    const thread = uniqueTarget('conflict');
    const mine = await post(thread, 'Erste Fassung');
    const element = await commentsFor(thread);
    article(element, mine.id)!.querySelector<HTMLButtonElement>('[data-action="edit"]')!.click();
    await element.updateComplete;
    // Meanwhile the same person changes it in another tab.
    await fetch(`${endpoint()}/comments/${mine.id}`, {
      method: 'PATCH',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Fassung aus dem anderen Tab', version: 1 }),
    });
    const field = textarea(element, `edit-${mine.id}`);
    type(field, 'Meine neue Fassung');
    submit(element, `edit-${mine.id}`);
    await waitUntil(() => $(element, '[part="conflict"]'), 'no conflict shown');
    expect($(element, '[part="conflict"]')!.textContent).to.contain('Fassung aus dem anderen Tab');
    expect(textarea(element, `edit-${mine.id}`).value).to.equal('Meine neue Fassung');

    const edited = oneEvent(element, 'plaza-comment-edited') as Promise<unknown> as Promise<PlazaCommentEditedEvent>;
    submit(element, `edit-${mine.id}`); // Having seen the newer text, the reader saves theirs.
    expect([(await edited).commentId, (await edited).text], 'the page hears the saved edit').to.deep.equal([mine.id, 'Meine neue Fassung']);
    await waitUntil(() => !$(element, `form[data-composer="edit-${mine.id}"]`), 'edit not saved');
    expect(bodies(element)).to.deep.equal(['Meine neue Fassung']);
    expect(article(element, mine.id)!.querySelector('[part="edited"]')!.textContent).to.equal('(bearbeitet)');
  });

  it('deletes after confirmation: a comment with replies leaves a placeholder, one without goes', async () => {
    const thread = uniqueTarget('delete');
    const withReplies = await post(thread, 'Bitte löschen, aber die Antwort bleibt.');
    await postAs(colleague.id, thread, 'Meine Antwort bleibt stehen.', withReplies.id);
    const alone = await post(thread, 'Einfach weg damit.');
    const element = await commentsFor(thread);
    expect($(element, '[part="heading"]')!.textContent).to.equal('3 Kommentare');

    // A page may veto: the confirmation stays, the comment too.
    const veto = (event: Event) => event.preventDefault();
    element.addEventListener('plaza-comment-delete', veto, { once: true });
    article(element, alone.id)!.querySelector<HTMLButtonElement>('[data-action="delete"]')!.click();
    await element.updateComplete;
    article(element, alone.id)!.querySelector<HTMLButtonElement>('[data-action="confirm-delete"]')!.click();
    await aTimeout(300);
    expect(article(element, alone.id)!.querySelector('[part="confirm-delete"]'), 'vetoed: still asking').to.exist;
    article(element, alone.id)!.querySelector<HTMLButtonElement>('[data-action="cancel-delete"]')!.click();
    await element.updateComplete;

    const deletedIds: string[] = [];
    element.addEventListener('plaza-comment-deleted', (event) => deletedIds.push(event.byModerator ? 'moderator' : event.commentId));
    const remove = async (id: string) => {
      article(element, id)!.querySelector<HTMLButtonElement>('[data-action="delete"]')!.click();
      await element.updateComplete;
      expect(article(element, id)!.querySelector('[part="confirm-delete"] p')!.textContent).to.contain('Diesen Kommentar löschen?');
      expect(element.shadowRoot!.activeElement?.getAttribute('data-action'), 'focus on the safe choice').to.equal('cancel-delete');
      article(element, id)!.querySelector<HTMLButtonElement>('[data-action="confirm-delete"]')!.click();
    };
    await remove(withReplies.id);
    await waitUntil(() => article(element, withReplies.id)?.querySelector('[part="placeholder"]'), 'no placeholder');
    expect(article(element, withReplies.id)!.textContent).to.contain('Dieser Kommentar wurde gelöscht.');
    expect(bodies(element)).to.include('Meine Antwort bleibt stehen.');

    await remove(alone.id);
    await waitUntil(() => !article(element, alone.id), 'still there');
    expect($(element, '[part="heading"]')!.textContent).to.equal('1 Kommentar');
    expect($$(element, '[part="list"] > li')).to.have.length(1);
    expect(element.shadowRoot!.activeElement, 'focus on the comment that took its place').to.equal(article(element, withReplies.id));
    expect(deletedIds, 'one plaza-comment-deleted per deletion, as the author').to.deep.equal([withReplies.id, alone.id]);
  });
});
