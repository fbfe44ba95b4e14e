import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import '../../../src/define.ts';
import type { PlazaReactions } from '../../../src/elements/reactions/reactions.ts';
import { signedInOnlyEndpoint, signIn, signOut, uniqueTarget } from '../../support/browser/session.ts';

/*
 * Issue 19, item 3, in the browser: against the second real server of
 * web-test-runner.config.mjs, started with PLAZA_WHO_REACTED=counts, a
 * signed-in colleague's reaction bar shows how many reacted, live too, and
 * offers no list of who did; the server refuses that list outright (403). The
 * bar learns it from `GET /me` (`can.seeWhoReacted`), so it never asks.
 *
 * Cookies are per host, not per port: this file signs in at the second
 * server only (a session there replaces one at the page's server).
 */

const at = signedInOnlyEndpoint();
const reader = 'anna.lehmann';
const reactors = ['jonas.richter', 'lea.neumann'];

const countOf = (bar: PlazaReactions, kind: string) => bar.shadowRoot!.querySelector(`button[data-kind="${kind}"] [part~="count"]`)?.textContent?.trim() ?? '';
const toggle = (bar: PlazaReactions) => bar.shadowRoot!.querySelector('[part="who-toggle"]');

async function reactAs(userId: string, target: string, kind: string): Promise<void> {
  await signIn(userId, at);
  const response = await fetch(`${at}/reactions/${encodeURIComponent(target)}/${kind}`, { method: 'PUT', credentials: 'include' });
  if (!response.ok) throw new Error(`PUT reaction answered ${response.status}: ${await response.text()}`);
}

async function barAt(target: string, lang: string): Promise<PlazaReactions> {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}></div>`);
  // The endpoint differs from the page's meta tag: a <plaza-config> points the bar at the second server.
  wrapper.innerHTML = `<plaza-config endpoint="${at}"><plaza-reactions target="${target}"></plaza-reactions></plaza-config>`;
  const bar = wrapper.querySelector<PlazaReactions>('plaza-reactions')!;
  await waitUntil(() => bar.shadowRoot?.querySelector('[part="bar"][aria-busy="false"]'), 'the bar did not load', { timeout: 8000 });
  return bar;
}

describe('<plaza-reactions> under PLAZA_WHO_REACTED=counts', function () {
  this.timeout(20_000);
  after(() => signOut(at));

  for (const lang of ['de', 'en']) {
    it(`shows counts, live too, and offers no list of names; the server refuses the list (${lang})`, async () => {
      const target = uniqueTarget('who-counts');
      for (const reactor of reactors) await reactAs(reactor, target, 'like');
      await signIn(reader, at);
      const bar = await barAt(target, lang);
      expect(countOf(bar, 'like')).to.equal('2');
      expect(toggle(bar), 'no "who reacted" to open').to.equal(null);
      expect(bar.shadowRoot!.querySelector('[part="who"]')).to.equal(null);

      const list = await fetch(`${at}/reactions/${encodeURIComponent(target)}/like/people`, { credentials: 'include' });
      expect(list.status, 'the server names nobody, even to a signed-in colleague').to.equal(403);
      expect(await list.text()).not.to.match(/Jonas|Lea/);

      // Let the page's event stream open, then a third colleague reacts: the count rises, still without names.
      await aTimeout(300);
      await reactAs('birgit.koch', target, 'like');
      await waitUntil(() => countOf(bar, 'like') === '3', 'the colleague\'s reaction did not arrive', { timeout: 8000 });
      expect(toggle(bar), 'still nothing to open').to.equal(null);
      expect(bar.shadowRoot!.textContent).not.to.match(/Jonas|Lea|Birgit/);
    });
  }
});
