import { aTimeout, expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import { endpoint, signIn, signOut, uniqueTarget } from '../../support/browser/session.ts';
import { $, $$, article, bodies, commentsFor, post, signInAs } from './comments-support.ts';
import type { PlazaComments } from '../../../src/elements/comments/comments.ts';
import type { PlazaCommentDeletedEvent, PlazaCommentDeleteEvent, PlazaCommentModerateEvent, PlazaCommentReportedEvent } from '../../../src/elements/comments/events.ts';
import type { ModerationReports } from '../../../src/core/protocol.ts';

/*
 * Reports and moderation, against the real server. People of their own
 * (server/seed/people.ts), so their write-rate buckets are not the other
 * comment tests': Elena reports, Dennis writes, Katharina moderates.
 */

const reporter = 'elena.jovanovic';
const author = { id: 'dennis.krause', name: 'Dennis Krause' };
const moderator = 'katharina.weber';

/** A thread with one comment by the author; signs `as` in afterwards. */
async function threadWithComment(prefix: string, text: string, as: string) {
  const thread = uniqueTarget(prefix);
  await signIn(author.id);
  const comment = await post(thread, text);
  await signInAs(as);
  return { thread, comment };
}

const button = (element: PlazaComments, id: string, action: string) => article(element, id)!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);

async function openReports(): Promise<ModerationReports> {
  const response = await fetch(`${endpoint()}/moderation/reports?limit=50`, { credentials: 'include' });
  expect(response.status).to.equal(200);
  return (await response.json()) as ModerationReports;
}

describe('<plaza-comments>: reports and moderation', () => {
  after(() => signOut());

  it('reports a comment with a reason; the moderators see it, and a second report replaces the reason', async () => {
    const { thread, comment } = await threadWithComment('report', 'Das ist eine Frechheit.', reporter);
    const element = await commentsFor(thread);
    const report = button(element, comment.id, 'report')!;
    expect(report.textContent).to.equal('Melden');
    expect(report.getAttribute('aria-label')).to.equal(`Kommentar von ${author.name} melden`);
    expect(report.getAttribute('aria-expanded')).to.equal('false');
    report.click();
    await element.updateComplete;
    // The same button, updated in place: it says the form below it is open.
    expect(button(element, comment.id, 'report')).to.equal(report);
    expect(report.getAttribute('aria-expanded')).to.equal('true');
    const field = $<HTMLTextAreaElement>(element, `#report-${comment.id}`)!;
    expect(element.shadowRoot!.activeElement === field, 'focus in the reason').to.equal(true);
    expect(field.labels![0]!.textContent).to.equal('Grund');
    expect(field.maxLength).to.equal(1000);
    await expect(element).to.be.accessible();

    $<HTMLButtonElement>(element, '[data-action="send-report"]')!.click();
    await element.updateComplete;
    expect($(element, '[part="report"] [role="alert"]')!.textContent).to.equal('Bitte nennen Sie einen Grund.');

    await sendKeys({ type: 'Beleidigend gegenüber dem Kundenservice.' });
    const reported = oneEvent(element, 'plaza-comment-reported');
    $<HTMLButtonElement>(element, '[data-action="send-report"]')!.click();
    const event = (await reported) as unknown as PlazaCommentReportedEvent;
    expect(event.report.commentId).to.equal(comment.id);
    await element.updateComplete;
    const thanks = $(element, '[part="report-thanks"]')!;
    expect(thanks.textContent).to.equal('Danke, die Moderation sieht sich das an.');
    expect(element.shadowRoot!.activeElement === thanks, 'focus on the thanks').to.equal(true);

    // Again: the form says a new reason replaces the first.
    button(element, comment.id, 'report')!.click();
    await element.updateComplete;
    expect($(element, '[part="report"]')!.textContent).to.contain('Ein neuer Grund ersetzt den bisherigen.');
    const again = $<HTMLTextAreaElement>(element, `#report-${comment.id}`)!;
    expect(again.value).to.equal('Beleidigend gegenüber dem Kundenservice.');
    again.select();
    await sendKeys({ type: 'Persönlicher Angriff.' });
    const second = oneEvent(element, 'plaza-comment-reported');
    $<HTMLButtonElement>(element, '[data-action="send-report"]')!.click();
    await second;

    await signIn(moderator);
    const open = (await openReports()).items.filter((item) => item.commentId === comment.id);
    expect(open.map((item) => item.reason)).to.deep.equal(['Persönlicher Angriff.']);
    expect(open[0]!.reporter!.id).to.equal(reporter);
  });

  it('lets moderators hide a comment: others see the placeholder, moderators the text marked as hidden', async () => {
    const { thread, comment } = await threadWithComment('hide', 'Das gehört nicht hierher.', moderator);
    const element = await commentsFor(thread);
    expect(!!button(element, comment.id, 'report'), 'moderators act instead of reporting').to.equal(false);
    expect($(element, '[data-action="close-thread"]')!.textContent).to.equal('Diskussion schließen');
    const hide = button(element, comment.id, 'moderate')!;
    expect(hide.textContent).to.equal('Ausblenden');
    await expect(element).to.be.accessible();
    for (const target of $$(element, '[part="actions"] button, [data-action="close-thread"]')) {
      const { width, height } = target.getBoundingClientRect();
      expect(Math.min(width, height), `${target.textContent} is a 24 px target`).to.be.at.least(24);
    }

    hide.focus();
    const moderated = oneEvent(element, 'plaza-comment-moderated');
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(article(element, comment.id)!.querySelector('[part="hidden-note"]')!.textContent, 'shown at once').to.equal(
      'Von der Moderation ausgeblendet. Nur die Moderation sieht diesen Text.',
    );
    await moderated;
    await aTimeout(500); // The hide also arrives as a live event, which carries no text: the moderator keeps it.
    expect(bodies(element)).to.deep.equal(['Das gehört nicht hierher.']);
    const restore = button(element, comment.id, 'moderate')!;
    expect(restore.textContent).to.equal('Wieder einblenden');
    expect(element.shadowRoot!.activeElement === restore, 'focus stays on the button').to.equal(true);
    expect($(element, '[part="heading"]')!.textContent).to.equal('Kommentare');
    await expect(element).to.be.accessible();

    await signInAs(author.id);
    const others = await commentsFor(thread);
    expect(article(others, comment.id)!.querySelector('[part="placeholder"]')!.textContent).to.equal('Von der Moderation ausgeblendet');
    expect(bodies(others)).to.deep.equal([]);
    expect(!!button(others, comment.id, 'moderate')).to.equal(false);

    // Restored by the moderator: the author's open page shows the text again, live.
    await aTimeout(300);
    await signIn(moderator);
    const response = await fetch(`${endpoint()}/comments/${comment.id}/hidden`, { method: 'DELETE', credentials: 'include' });
    expect(response.status).to.equal(200);
    await waitUntil(() => bodies(others).includes('Das gehört nicht hierher.'), 'the restore did not arrive', { timeout: 5000 });
  });

  it('lets moderators delete a colleague’s comment after confirmation: with a reply, it stays as the deleted placeholder', async () => {
    const thread = uniqueTarget('moderator-delete');
    await signIn(author.id);
    const comment = await post(thread, 'Das hätte ich nicht schreiben sollen.');
    await signIn(moderator);
    const reply = await post(thread, 'Die Antwort der Moderation bleibt.', comment.id);
    await signInAs(moderator);
    const element = await commentsFor(thread);
    const remove = button(element, comment.id, 'delete')!;
    expect(remove.textContent).to.equal('Löschen');
    expect(remove.getAttribute('aria-label'), 'says whose comment goes').to.equal(`Kommentar von ${author.name} löschen`);
    expect(button(element, reply.id, 'delete')!.getAttribute('aria-label'), 'their own, as before').to.equal('Ihren Kommentar löschen');

    remove.click();
    await element.updateComplete;
    expect(article(element, comment.id)!.querySelector('[part="confirm-delete"] p')!.textContent).to.equal(
      `Diesen Kommentar von ${author.name} löschen? Das lässt sich nicht rückgängig machen.`,
    );
    expect(element.shadowRoot!.activeElement?.getAttribute('data-action'), 'focus on the safe choice').to.equal('cancel-delete');
    await expect(element).to.be.accessible();
    const asked = oneEvent(element, 'plaza-comment-delete') as Promise<unknown> as Promise<PlazaCommentDeleteEvent>;
    const deleted = oneEvent(element, 'plaza-comment-deleted') as Promise<unknown> as Promise<PlazaCommentDeletedEvent>;
    button(element, comment.id, 'confirm-delete')!.click();
    expect([(await asked).commentId, (await asked).byModerator], 'the page hears a moderator delete someone else’s').to.deep.equal([comment.id, true]);
    expect([(await deleted).threadKey, (await deleted).commentId, (await deleted).byModerator]).to.deep.equal([thread, comment.id, true]);
    await waitUntil(() => article(element, comment.id)?.querySelector('[part="placeholder"]'), 'no placeholder');
    const tombstone = article(element, comment.id)!;
    expect(tombstone.querySelector('[part="placeholder"]')!.textContent).to.equal('Dieser Kommentar wurde gelöscht.');
    expect(tombstone.querySelector('h3')!.textContent).to.equal('Gelöschter Kommentar');
    expect(tombstone.querySelector(':scope > .footer [part="actions"]'), 'nothing left to do on it').to.equal(null);
    expect(bodies(element)).to.deep.equal(['Die Antwort der Moderation bleibt.']);
    expect($(element, '[part="heading"]')!.textContent).to.equal('1 Kommentar');

    // Deleted for everyone, the author included.
    await signInAs(author.id);
    const theirs = await commentsFor(thread);
    expect(article(theirs, comment.id)!.querySelector('[part="placeholder"]')!.textContent).to.equal('Dieser Kommentar wurde gelöscht.');
    expect(bodies(theirs)).to.deep.equal(['Die Antwort der Moderation bleibt.']);
  });

  it('offers no delete on a colleague’s comment to someone who does not moderate', async () => {
    const { thread, comment } = await threadWithComment('no-delete', 'Nur Dennis oder die Moderation löschen das.', reporter);
    const element = await commentsFor(thread);
    expect(!!button(element, comment.id, 'report'), 'the actions are there').to.equal(true);
    expect(!!button(element, comment.id, 'delete')).to.equal(false);
    expect(!!button(element, comment.id, 'moderate')).to.equal(false);
  });

  it('lets the page veto a moderation action', async () => {
    const { thread, comment } = await threadWithComment('veto-hide', 'Bleibt stehen.', moderator);
    const element = await commentsFor(thread);
    element.addEventListener('plaza-comment-moderate', (e: PlazaCommentModerateEvent) => {
      expect([e.action, e.commentId]).to.deep.equal(['hide', comment.id]);
      e.preventDefault();
    }, { once: true });
    button(element, comment.id, 'moderate')!.click();
    await aTimeout(200);
    expect(!!article(element, comment.id)!.querySelector('[part="hidden-note"]')).to.equal(false);
    expect(button(element, comment.id, 'moderate')!.textContent).to.equal('Ausblenden');
  });

  it('closes a thread after confirmation: the composer goes for everyone, and it can be reopened', async () => {
    const { thread, comment } = await threadWithComment('close', 'Letzter Stand.', author.id);
    const reader = await commentsFor(thread);
    await waitUntil(() => $(reader, '[part="composer"]'), 'no composer for the author');
    await aTimeout(300);

    await signInAs(moderator);
    const element = await commentsFor(thread);
    $<HTMLButtonElement>(element, '[data-action="close-thread"]')!.click();
    await element.updateComplete;
    expect($(element, '[part="confirm-close"] p')!.textContent).to.contain('Diese Diskussion schließen?');
    expect(element.shadowRoot!.activeElement?.getAttribute('data-action'), 'focus on the safe choice').to.equal('cancel-close');
    await expect(element).to.be.accessible();
    $<HTMLButtonElement>(element, '[data-action="confirm-close"]')!.click();
    // The thread's live event may close it before the answer to the moderator's request arrives; focus follows the answer.
    await waitUntil(() => element.shadowRoot!.activeElement === $(element, '[part="notice"]'), 'not closed, or focus not on the notice');
    expect($(element, '[part="notice"] p')!.textContent).to.equal('Diese Diskussion ist geschlossen. Neue Kommentare sind nicht mehr möglich.');
    expect(!!$(element, '[part="composer"]')).to.equal(false);
    expect($(element, '[data-action="reopen-thread"]')!.textContent).to.equal('Diskussion wieder öffnen');

    // The author's page, open all along, loses its composer live (the page's sign-in is shared, so it is the author's again after that).
    await waitUntil(() => !$(reader, '[part="composer"]'), 'the author can still write', { timeout: 5000 });
    await signInAs(author.id);
    await reader.updateComplete;
    expect($(reader, '[part="notice"]')!.textContent).to.contain('Diese Diskussion ist geschlossen.');
    expect(!!$(reader, '[data-action="reopen-thread"]'), 'no moderation for the author').to.equal(false);
    expect(!!button(reader, comment.id, 'reply'), 'no replies in a closed thread').to.equal(false);

    await signInAs(moderator);
    await element.updateComplete;
    $<HTMLButtonElement>(element, '[data-action="reopen-thread"]')!.click();
    await waitUntil(() => $(element, '[part="composer"]'), 'not reopened');
    await waitUntil(() => $(reader, '[part="composer"]'), 'the author’s composer did not come back', { timeout: 5000 });
  });

  it('readonly: reactions cannot be changed, and there is nothing to report or moderate', async () => {
    await signInAs(moderator);
    const element = await commentsFor('page:/news/kantine', { attrs: 'readonly' });
    const bars = $$(element, 'plaza-reactions');
    expect(bars.length).to.be.greaterThan(0);
    await waitUntil(() => bars.every((bar) => bar.shadowRoot?.querySelector('[aria-busy="false"]')), 'reactions did not load');
    const reactionButtons = bars.flatMap((bar) => [...bar.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[data-kind]')]);
    expect(reactionButtons.length).to.be.greaterThan(0);
    expect(reactionButtons.every((b) => b.disabled)).to.equal(true);
    const before = performance.getEntriesByType('resource').length;
    reactionButtons[0]!.click();
    await aTimeout(150);
    expect(performance.getEntriesByType('resource').slice(before).filter((e) => e.name.includes('/reactions/'))).to.have.length(0);
    expect(!!$(element, '[part="actions"]')).to.equal(false);
    expect(!!$(element, '[data-action="close-thread"]')).to.equal(false);
    expect(!!$(element, '[part="composer"]')).to.equal(false);
  });
});
