import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import '../../../src/define.ts';
import type { PlazaActivityFeed } from '../../../src/elements/activity-feed/activity-feed.ts';
import { reader, signInAs, signOutReader } from '../comments/comments-support.ts';

/*
 * One page, one status composer (issue 16, item 11): the home page has a feed in its main
 * column and another in its sidebar; only the first offers to post, unless the page asks.
 * Against the real server and its seed.
 */

const loaded = (el: PlazaActivityFeed) =>
  waitUntil(() => el.shadowRoot?.querySelector('.feed[aria-busy="false"]') && !el.shadowRoot.querySelector('.skeleton'), 'the feed did not load', { timeout: 8000 });
const composers = (feeds: PlazaActivityFeed[]) => feeds.map((feed) => !!feed.shadowRoot!.querySelector('form[part="composer"]'));

async function page(sidebar = ''): Promise<PlazaActivityFeed[]> {
  const wrapper = await fixture<HTMLElement>(html`<div lang="de"></div>`);
  wrapper.innerHTML = `<main><plaza-activity-feed scope="all" page-size="3"></plaza-activity-feed></main>
    <aside><plaza-activity-feed scope="following" page-size="3" ${sidebar}></plaza-activity-feed></aside>`;
  const feeds = [...wrapper.querySelectorAll<PlazaActivityFeed>('plaza-activity-feed')];
  for (const feed of feeds) await loaded(feed);
  await Promise.all(feeds.map((feed) => feed.updateComplete));
  return feeds;
}

describe('<plaza-activity-feed>: one composer per page', function () {
  this.timeout(30_000);
  before(() => signInAs(reader.id));
  after(() => signOutReader());

  it('shows the composer in the first feed only', async () => {
    const feeds = await page();
    await waitUntil(() => composers(feeds).some(Boolean), 'no composer at all');
    expect(composers(feeds)).to.deep.equal([true, false]);
  });

  it('moves it to the next feed when the first goes', async () => {
    const feeds = await page();
    await waitUntil(() => composers(feeds)[0], 'no composer in the first feed');
    feeds[0]!.remove();
    await waitUntil(() => composers(feeds)[1], 'the second feed did not take the composer over');
  });

  it('shows a second one where the page asks for it, and none where it says never', async () => {
    const asked = await page('composer="always"');
    await waitUntil(() => composers(asked).every(Boolean), 'the second composer was not shown as asked');
    const never = await page('composer="never"');
    expect(composers(never)[1]).to.equal(false);
  });
});
