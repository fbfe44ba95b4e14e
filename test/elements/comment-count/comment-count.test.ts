import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { endpoint, signOut, uniqueTarget } from '../../support/browser/session.ts';
import { colleague, post, postAs, reader, requestsSince, signInAs } from '../comments/comments-support.ts';
import type { PlazaCommentCount } from '../../../src/elements/comment-count/comment-count.ts';
import { SEED_NEWS, type SeedComment } from '../../../server/seed/news.ts';

/* <plaza-comment-count> on a list page, against the real server, its demo seed and its event stream. */

/** Published comments and replies of a seeded article, as the server counts them (deleted ones do not count). */
function seededCount(key: string): number {
  const count = (comments: SeedComment[]): number => comments.reduce((sum, c) => sum + (c.deleted ? 0 : 1) + count(c.replies ?? []), 0);
  const article = SEED_NEWS.find((a) => a.key === key);
  if (!article) throw new Error(`${key} is not in the seed`);
  return count(article.comments);
}

/** A list of counts in a page of that language, once every one shows its count (or its error). */
async function counts(markup: string, lang = 'de'): Promise<PlazaCommentCount[]> {
  const wrapper = await fixture<HTMLElement>(html`<ul lang=${lang}></ul>`);
  wrapper.innerHTML = markup;
  const elements = [...wrapper.querySelectorAll('plaza-comment-count')];
  await Promise.all(elements.map(settled));
  return elements;
}

function settled(element: PlazaCommentCount): Promise<void> {
  return waitUntil(() => element.shadowRoot?.querySelector('[part="count"], [part="error"]'), `${element.thread || element.href} did not settle`, {
    timeout: 8000,
  });
}

const text = (element: PlazaCommentCount) => element.shadowRoot!.querySelector('[part="count"]')?.textContent ?? '';
const item = (attrs: string) => `<li>Meldung <plaza-comment-count ${attrs}></plaza-comment-count></li>`;

describe('<plaza-comment-count>', () => {
  before(() => signInAs(reader.id));
  after(() => signOut());

  it('shows thirty counts on a news overview from one request, matching the seed', async () => {
    const seeded = SEED_NEWS.map((article) => article.key);
    const fresh = Array.from({ length: 30 - seeded.length }, () => uniqueTarget('count'));
    await post(fresh[0]!, 'Erster!');
    for (const line of ['Eins', 'Zwei', 'Drei']) await post(fresh[1]!, line);
    const keys = [...seeded, ...fresh];

    performance.clearResourceTimings();
    const elements = await counts(keys.map((key) => item(`thread="${key}"`)).join(''));

    const reads = requestsSince(0, '/threads/counts');
    expect(reads, 'GET /threads/counts requests').to.have.length(1);
    expect(new URL(reads[0]!.name).searchParams.getAll('keys')).to.have.members(keys);
    expect(requestsSince(0, '/threads/'), 'no thread page was read').to.have.length(1);

    for (const [i, key] of seeded.entries()) {
      const expected = seededCount(key);
      expect(text(elements[i]!), key).to.equal(expected === 1 ? '1 Kommentar' : `${expected} Kommentare`);
    }
    expect(text(elements[seeded.length]!)).to.equal('1 Kommentar');
    expect(text(elements[seeded.length + 1]!)).to.equal('3 Kommentare');
    expect(elements.slice(seeded.length + 2).map(text)).to.satisfy((all: string[]) => all.every((t) => t === 'Noch keine Kommentare'));
  });

  it('follows new and deleted comments live', async () => {
    const thread = uniqueTarget('count-live');
    const mine = await post(thread, 'Mein Kommentar.');
    const [element] = await counts(item(`thread="${thread}"`));
    expect(text(element!)).to.equal('1 Kommentar');
    // Let the shared event stream open before the colleague writes.
    await aTimeout(300);

    await postAs(colleague.id, thread, 'Und meiner.');
    await waitUntil(() => text(element!) === '2 Kommentare', `still "${text(element!)}" after a colleague's comment`, { timeout: 5000 });

    const deleted = await fetch(`${endpoint()}/comments/${mine.id}`, { method: 'DELETE', credentials: 'include' });
    expect(deleted.status).to.equal(200);
    await waitUntil(() => text(element!) === '1 Kommentar', `still "${text(element!)}" after a deletion`, { timeout: 5000 });
  });

  it('speaks English and German plurals', async () => {
    const [none, one, two] = [uniqueTarget('en-0'), uniqueTarget('en-1'), uniqueTarget('en-2')];
    await post(one, 'One.');
    await post(two, 'One.');
    await post(two, 'Two.');
    const markup = [none, one, two].map((key) => item(`thread="${key}"`)).join('');
    expect((await counts(markup, 'en')).map(text)).to.deep.equal(['No comments yet', '1 comment', '2 comments']);
    expect((await counts(markup, 'de')).map(text)).to.deep.equal(['Noch keine Kommentare', '1 Kommentar', '2 Kommentare']);
  });

  it('links to the discussion, taking the thread from the link, accessibly', async () => {
    const [linked, unsafe] = await counts(item('href="/news/kantine#comments"') + item('thread="page:/news/kantine" href="javascript:alert(1)"'));
    const link = linked!.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="link"]')!;
    expect(link.href).to.equal(new URL('/news/kantine#comments', location.href).href);
    expect(link.textContent).to.equal(`${seededCount('page:/news/kantine')} Kommentare`);
    expect(linked!.threadKey).to.equal('page:/news/kantine');
    expect(unsafe!.shadowRoot!.querySelector('a'), 'a javascript: href is no link').to.equal(null);
    expect(text(unsafe!)).to.equal(text(linked!));
    await expect(linked!.parentElement!.parentElement).to.be.accessible();
  });

  it('holds its place while loading, so the line does not move', async () => {
    const thread = uniqueTarget('count-size');
    for (const line of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']) await post(thread, line);
    const wrapper = await fixture<HTMLElement>(html`<p lang="de" style="font: 16px/1.5 sans-serif">
      Meldung <plaza-comment-count thread=${thread} href="/news/x#comments"></plaza-comment-count>
    </p>`);
    const element = wrapper.querySelector('plaza-comment-count')!;
    // The batch goes out after this task, so the first render is the loading one.
    const placeholder = element.shadowRoot!.querySelector<HTMLElement>('[part="placeholder"]');
    expect(placeholder, 'a placeholder while loading').to.exist;
    expect(placeholder!.closest('a'), 'the link is there at once').to.exist;
    const before = element.getBoundingClientRect();
    const paragraph = wrapper.getBoundingClientRect().height;
    await settled(element);
    const after = element.getBoundingClientRect();
    expect(text(element)).to.equal('12 Kommentare');
    expect(before.width).to.be.greaterThan(0);
    expect(after.height).to.equal(before.height);
    expect(Math.abs(after.width - before.width), 'a two-digit count takes the placeholder’s width').to.be.below(2);
    expect(wrapper.getBoundingClientRect().height).to.equal(paragraph);
  });

  it('shows a quiet dash with the reason when the count cannot be loaded', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<plaza-config endpoint="http://127.0.0.1:9/api/v1" lang="en"><plaza-comment-count thread="page:/x"></plaza-comment-count></plaza-config>`,
    );
    const element = wrapper.querySelector('plaza-comment-count')!;
    await settled(element);
    const error = element.shadowRoot!.querySelector<HTMLElement>('[part="error"]')!;
    expect(error.textContent).to.contain('–');
    expect(error.title).to.match(/^The number of comments could not be loaded\. The server cannot be reached/);
    await expect(wrapper).to.be.accessible();
  });

  it('replaces a CMS placeholder', async () => {
    const wrapper = await fixture<HTMLElement>(html`<p lang="de"></p>`);
    wrapper.innerHTML = '<span data-plaza="comment-count" data-thread="page:/news/sharepoint-umzug"></span>';
    await waitUntil(() => wrapper.querySelector('plaza-comment-count'), 'not upgraded');
    const element = wrapper.querySelector('plaza-comment-count')!;
    await settled(element);
    expect(element.thread).to.equal('page:/news/sharepoint-umzug');
    expect(text(element)).to.equal(`${seededCount('page:/news/sharepoint-umzug')} Kommentare`);
  });

  it('takes a chosen theme’s colours inline, without a box of its own', async () => {
    const [count] = await counts(`<plaza-config theme="dark">${item('thread="page:/news/kantine"')}</plaza-config>`);
    expect(count!.dataset.plazaTheme).to.equal('dark');
    expect(getComputedStyle(count!).backgroundColor, 'no ground behind an inline count').to.equal('rgba(0, 0, 0, 0)');
  });
});
