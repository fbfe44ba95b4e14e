import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import '../../../src/define.ts';
import type { Comment } from '../../../src/core/protocol.ts';
import type { PlazaActivityFeed } from '../../../src/elements/activity-feed/activity-feed.ts';
import { api, signIn, signOut, uniqueTarget } from '../../support/browser/session.ts';

/*
 * An open <plaza-activity-feed> shows a comment's excerpt; when those words
 * change behind it, it shows what a reload would, without one: the author's
 * edit, and a colleague's mention of someone erased meanwhile, relabelled by
 * the server ("ehemalige:r Kolleg:in"). Against the real server (its
 * `activity.updated`, decision 224).
 *
 * The people are ones no other browser test names (server/seed/people.ts): the
 * reader Monika Schäfer, the writer Mehmet Yılmaz, and Sophie Hartmann, who
 * nobody has as manager; erasure cannot be undone on the shared server, so
 * this file erases her once.
 */

const reader = 'monika.schaefer';
const writer = 'mehmet.yilmaz';
const leaving = { id: 'sophie.hartmann', name: 'Sophie Hartmann' };
/** The label the server writes where an erased person's mention was (server/store/erased-mentions.ts). */
const FORMER_COLLEAGUE = 'ehemalige:r Kolleg:in';

/** Does `work` signed in as `userId`, then signs the reader in again. */
async function as<T>(userId: string, work: () => Promise<T>): Promise<T> {
  await signIn(userId);
  try {
    return await work();
  } finally {
    await signIn(reader);
  }
}

const comment = (thread: string, text: string) =>
  api<Comment>(`/threads/${encodeURIComponent(thread)}/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });

/** A feed of the thread's space (its key is the place), in a German page, once loaded and showing the comment's entry. */
async function feedShowing(thread: string, commentId: string): Promise<{ feed: PlazaActivityFeed; body: () => HTMLElement | null }> {
  const wrapper = await fixture(html`<div lang="de"></div>`);
  wrapper.innerHTML = `<plaza-activity-feed scope="space:${thread}" page-size="10"></plaza-activity-feed>`;
  const feed = wrapper.querySelector<PlazaActivityFeed>('plaza-activity-feed')!;
  // The thread is new: its one comment is the space's one entry.
  const body = () => feed.shadowRoot?.querySelector<HTMLElement>(`article[data-kind="comment"] [part~="body"]`) ?? null;
  await waitUntil(body, `the feed did not show comment ${commentId}`, { timeout: 8000 });
  // Let the page's event stream carry the feed's topic before anything changes.
  await aTimeout(500);
  return { feed, body };
}

describe('<plaza-activity-feed> follows a comment\'s words without a reload', function () {
  this.timeout(30_000);
  before(() => signIn(reader));
  after(() => signOut());

  it('shows the author\'s edit in place', async () => {
    const thread = uniqueTarget('feed-edit');
    const written = await as(writer, () => comment(thread, 'Die Kantine öffnet um 11 Uhr.'));
    const { feed, body } = await feedShowing(thread, written.id);
    expect(body()!.textContent!.trim()).to.equal('Die Kantine öffnet um 11 Uhr.');
    const items = feed.shadowRoot!.querySelectorAll('article').length;

    await as(writer, () =>
      api<Comment>(`/comments/${written.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Die Kantine öffnet um 12 Uhr.', version: written.version }) }),
    );

    await waitUntil(() => body()?.textContent?.trim() === 'Die Kantine öffnet um 12 Uhr.', 'the feed still shows the old words', { timeout: 8000 });
    expect(feed.shadowRoot!.querySelectorAll('article').length, 'replaced, not added').to.equal(items);
  });

  it('relabels a mention of a colleague erased meanwhile, as a reload shows it', async () => {
    const thread = uniqueTarget('feed-erasure');
    const written = await as(writer, () => comment(thread, `Danke, @[${leaving.name}](person:${leaving.id}), für die Übergabe!`));
    const { feed, body } = await feedShowing(thread, written.id);
    await waitUntil(() => body()?.textContent?.includes(leaving.name), 'the mention does not show the name', { timeout: 5000 });

    await as(leaving.id, () => api<void>('/me', { method: 'DELETE' }));

    await waitUntil(() => body()?.textContent?.includes(FORMER_COLLEAGUE), 'the open feed still shows the name', { timeout: 8000 });
    expect(body()!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Danke, ${FORMER_COLLEAGUE}, für die Übergabe!`);
    expect(body()!.querySelector('plaza-person') === null, 'no name tag left').to.equal(true);
    const alerts = [...feed.shadowRoot!.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent!.trim()).join(' / ');
    expect(alerts, 'no error').to.equal('');
  });
});
