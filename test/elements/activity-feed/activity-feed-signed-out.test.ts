import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import '../../../src/define.ts';
import type { PlazaActivityFeed } from '../../../src/elements/activity-feed/activity-feed.ts';
import { signOutReader } from '../comments/comments-support.ts';

/*
 * Issue 16, item 2: being signed out is a state, not an error. The
 * "following" feed, which the server answers with 401 for nobody, invites
 * the reader to sign in: no alert, no "try again".
 */

async function followingFeed(lang: string): Promise<PlazaActivityFeed> {
  const wrapper = await fixture(html`<div lang=${lang} style="width: 320px"><plaza-activity-feed scope="following"></plaza-activity-feed></div>`);
  const element = wrapper.querySelector('plaza-activity-feed')!;
  await waitUntil(() => element.shadowRoot?.querySelector('.feed[aria-busy="false"]') && !element.shadowRoot.querySelector('.skeleton'), 'the feed did not settle', {
    timeout: 8000,
  });
  return element;
}

describe('<plaza-activity-feed scope="following"> for someone signed out', function () {
  this.timeout(20_000);
  before(() => signOutReader());

  for (const [lang, invitation] of [
    ['de', /^Melden Sie sich an, um zu sehen, was die Kolleginnen und Kollegen teilen, denen Sie folgen\.$/],
    ['en', /^Sign in to see what the colleagues you follow share\.$/],
  ] as const) {
    it(`invites to sign in, calmly (${lang})`, async () => {
      const element = await followingFeed(lang);
      const root = element.shadowRoot!;
      expect(root.querySelector('[role="alert"]')?.textContent?.trim() ?? 'none', 'no alert').to.equal('none');
      expect(!!root.querySelector('[part="error"]'), 'an error part').to.equal(false);
      expect([...root.querySelectorAll('button')].map((b) => b.textContent!.trim()), 'no retry').not.to.include.members(['Erneut versuchen', 'Try again']);
      const notice = root.querySelector<HTMLElement>('[part="signed-out"]');
      expect(!!notice, 'an invitation to sign in').to.equal(true);
      expect(notice!.textContent!.trim()).to.match(invitation);
      await expect(element).to.be.accessible();
    });
  }
});
