import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/define.ts';
import { registerMessages } from '../../../src/core/i18n.ts';
import { defineReactionKind } from '../../../src/core/reaction-kinds.ts';
import type { PlazaReactions } from '../../../src/elements/reactions/reactions.ts';
import type { PlazaReactionChangedEvent } from '../../../src/elements/reactions/events.ts';
import { colleagues, endpoint, signIn, signOut, uniqueTarget, type DevUser } from '../../support/browser/session.ts';

/* These tests run against the real Plaza server and database (started by web-test-runner.config.mjs). */



function button(bar: PlazaReactions, kind: string): HTMLButtonElement {
  const found = bar.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-kind="${kind}"]`);
  if (!found) throw new Error(`no button for ${kind}`);
  return found;
}

const countOf = (bar: PlazaReactions, kind: string) => button(bar, kind).querySelector('[part~="count"]')!.textContent!.trim();
const loaded = (bar: PlazaReactions) => waitUntil(() => bar.shadowRoot?.querySelector('[part="bar"][aria-busy="false"]'), 'bar did not load');

async function bar(target: string, extra = html``): Promise<PlazaReactions> {
  const wrapper = await fixture(html`<div lang="de"><plaza-reactions target=${target}></plaza-reactions>${extra}</div>`);
  const element = wrapper.querySelector('plaza-reactions')!;
  await loaded(element);
  return element;
}

describe('<plaza-reactions> against the real server', () => {
  let users: DevUser[];
  before(async () => {
    users = await colleagues();
    expect(users.length).to.be.greaterThan(2);
  });
  beforeEach(() => signIn(users[0]!.id));
  after(() => signOut());

  it('without a target, reacts to the page under the key its comments use', async () => {
    // An old intranet's article page: one JSP for every article, the article in the query.
    const canonical = Object.assign(document.createElement('link'), { rel: 'canonical', href: '/intranet/artikel.jsp?utm_source=mail&id=42' });
    document.head.append(canonical);
    try {
      const wrapper = await fixture(html`<div lang="de"><plaza-reactions></plaza-reactions></div>`);
      const element = wrapper.querySelector('plaza-reactions')!;
      await loaded(element);
      expect(element.effectiveTarget).to.equal('page:/intranet/artikel.jsp?id=42');
      const read = performance.getEntriesByType('resource').map((entry) => new URL(entry.name)).findLast((url) => url.pathname.endsWith('/reactions'));
      expect(read?.searchParams.get('targets')).to.equal('page:/intranet/artikel.jsp?id=42');
    } finally {
      canonical.remove();
    }
  });

  it('shows the seeded counts of a news page', async () => {
    const element = await bar('page:/news/kantine');
    const counts = ['like', 'love', 'celebrate', 'insight', 'surprise'].map((k) => Number(countOf(element, k) || 0));
    expect(counts.reduce((a, b) => a + b)).to.be.greaterThan(0);
    expect(button(element, 'like').getAttribute('aria-label')).to.match(/^Gefällt mir: \d+ Reaktion/);
  });

  it('toggles a reaction with a click, and a second click takes it back', async () => {
    const target = uniqueTarget('toggle');
    const element = await bar(target);
    const like = button(element, 'like');
    expect(like.getAttribute('aria-pressed')).to.equal('false');

    const changed = oneEvent(element, 'plaza-reaction-changed');
    like.click();
    await element.updateComplete;
    expect(like.getAttribute('aria-pressed'), 'optimistic').to.equal('true');
    const event = (await changed) as unknown as PlazaReactionChangedEvent;
    expect(event.summary.counts.like).to.equal(1);
    expect(countOf(element, 'like')).to.equal('1');

    const fresh = await fetch(`${endpoint()}/reactions?targets=${encodeURIComponent(target)}`, { credentials: 'include' });
    expect(((await fresh.json()) as { items: Array<{ mine: string[] }> }).items[0]!.mine).to.deep.equal(['like']);

    like.click();
    await oneEvent(element, 'plaza-reaction-changed');
    expect(like.getAttribute('aria-pressed')).to.equal('false');
    expect(countOf(element, 'like')).to.equal('');
  });

  it('is operable by keyboard: Tab reaches the bar, Space and Enter toggle', async () => {
    const element = await bar(uniqueTarget('keyboard'));
    const like = button(element, 'like');
    const love = button(element, 'love');
    like.focus();
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement).to.equal(love);
    let changed = oneEvent(element, 'plaza-reaction-changed');
    await sendKeys({ press: 'Space' });
    await changed;
    expect(love.getAttribute('aria-pressed')).to.equal('true');
    changed = oneEvent(element, 'plaza-reaction-changed');
    await sendKeys({ press: 'Enter' });
    await changed;
    expect(love.getAttribute('aria-pressed')).to.equal('false');
    expect(element.shadowRoot!.activeElement, 'focus stays on the button').to.equal(love);
  });

  it('rolls back and explains when the server refuses', async () => {
    const target = uniqueTarget('refused');
    const wrapper = await fixture(html`<div lang="de"><plaza-reactions target=${target} kinds="like, thumbs-sideways"></plaza-reactions></div>`);
    const element = wrapper.querySelector('plaza-reactions')!;
    await loaded(element);
    const odd = button(element, 'thumbs-sideways');
    const failed = oneEvent(element, 'plaza-reaction-failed');
    odd.click();
    await failed;
    await element.updateComplete;
    expect(odd.getAttribute('aria-pressed')).to.equal('false');
    const alert = element.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Ihre Reaktion wurde nicht gespeichert.');
    expect(alert.textContent).to.contain('Diese Reaktion ist hier nicht verfügbar.');
  });

  it('asks a signed-out reader to sign in, in English on an English page', async () => {
    await signOut();
    const wrapper = await fixture(html`<div lang="en"><plaza-reactions target=${uniqueTarget('anon')}></plaza-reactions></div>`);
    const element = wrapper.querySelector('plaza-reactions')!;
    await loaded(element);
    button(element, 'like').click();
    await oneEvent(element, 'plaza-reaction-failed');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Please sign in first.');
    expect(button(element, 'like').getAttribute('aria-pressed')).to.equal('false');
  });

  it('shows a custom kind with the emoji and label the page registered', async () => {
    // A bar shown before the page registers them says the kind's name (and must not keep it after).
    const early = await fixture(html`<div lang="de"><plaza-reactions target=${uniqueTarget('custom')} kinds="like thanks"></plaza-reactions></div>`);
    await loaded(early.querySelector('plaza-reactions')!);
    expect(button(early.querySelector('plaza-reactions')!, 'thanks').querySelector('[part="emoji"]')!.textContent).to.equal('thanks');
    defineReactionKind('thanks', '🙏');
    registerMessages('de', { 'reactions.kind.thanks': 'Danke' });
    const wrapper = await fixture(html`<div lang="de"><plaza-reactions target=${uniqueTarget('custom')} kinds="like thanks"></plaza-reactions></div>`);
    const element = wrapper.querySelector('plaza-reactions')!;
    await loaded(element);
    const thanks = button(element, 'thanks');
    expect(thanks.getAttribute('aria-label')).to.equal('Danke: 0 Reaktionen');
    expect(thanks.querySelector('[part="emoji"]')!.textContent).to.equal('🙏');
  });

  it('lets the page veto a reaction through the cancelable toggle event', async () => {
    const element = await bar(uniqueTarget('veto'));
    element.addEventListener('plaza-reaction-toggle', (e) => e.preventDefault(), { once: true });
    const before = performance.getEntriesByType('resource').length;
    button(element, 'like').click();
    await aTimeout(100);
    expect(button(element, 'like').getAttribute('aria-pressed')).to.equal('false');
    const writes = performance.getEntriesByType('resource').slice(before).filter((e) => e.name.includes('/reactions/'));
    expect(writes).to.have.length(0);
  });

  it('loads ten bars with one batched request', async () => {
    performance.clearResourceTimings();
    const targets = Array.from({ length: 10 }, (_, i) => uniqueTarget(`batch-${i}`));
    const wrapper = await fixture(html`<div>${targets.map((t) => html`<plaza-reactions target=${t}></plaza-reactions>`)}</div>`);
    await Promise.all([...wrapper.querySelectorAll('plaza-reactions')].map(loaded));
    const gets = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.endsWith('/api/v1/reactions'));
    expect(gets).to.have.length(1);
    expect(new URL(gets[0]!.name).searchParams.getAll('targets')).to.have.members(targets);
  });

  it('shows who reacted on demand', async () => {
    const target = uniqueTarget('who');
    const element = await bar(target);
    button(element, 'celebrate').click();
    await oneEvent(element, 'plaza-reaction-changed');
    const toggle = element.shadowRoot!.querySelector<HTMLButtonElement>('[part="who-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await waitUntil(() => element.shadowRoot!.querySelector('[part="who"] li:not(.loading)'), 'people did not load');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(element.shadowRoot!.querySelector('[part="who"]')!.textContent).to.contain(users[0]!.name);
  });

  it('updates live when a colleague reacts', async () => {
    const target = uniqueTarget('live');
    const element = await bar(target);
    // Let the shared event stream open before the colleague acts.
    await aTimeout(300);
    await signIn(users[1]!.id);
    await fetch(`${endpoint()}/reactions/${encodeURIComponent(target)}/insight`, { method: 'PUT', credentials: 'include' });
    await waitUntil(() => countOf(element, 'insight') === '1', 'the colleague’s reaction did not arrive', { timeout: 5000 });
  });

  it('is accessible in the loaded, open and error states', async () => {
    const element = await bar('page:/news/kantine');
    await expect(element).to.be.accessible();
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="who-toggle"]')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('[part="who"] li:not(.loading)'));
    await expect(element).to.be.accessible();
    const broken = await fixture<HTMLElement>(html`<plaza-config endpoint="http://127.0.0.1:9/api/v1"><plaza-reactions target="page:/x"></plaza-reactions></plaza-config>`);
    const failing = broken.querySelector('plaza-reactions')!;
    await waitUntil(() => failing.shadowRoot?.querySelector('.load-error'), 'no error state', { timeout: 8000 });
    expect(failing.shadowRoot!.querySelector('.load-error button')!.textContent).to.match(/Try again|Erneut versuchen/);
    await expect(failing).to.be.accessible();
  });

  it('shows its buttons again once a failed load succeeds', async () => {
    const config = await fixture<HTMLElement>(html`<plaza-config endpoint="http://127.0.0.1:9/api/v1"><plaza-reactions target="page:/news/kantine"></plaza-reactions></plaza-config>`);
    const element = config.querySelector('plaza-reactions')!;
    await waitUntil(() => element.shadowRoot?.querySelector('.load-error'), 'no error state', { timeout: 8000 });
    expect(element.shadowRoot!.querySelector('button[data-kind]')).to.equal(null);
    // The operator fixes the endpoint: the bar loads from there, and the buttons Lit dropped with the error come back.
    config.setAttribute('endpoint', endpoint());
    await loaded(element);
    const kinds = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="bar"] button[data-kind]')].map((b) => b.dataset.kind);
    expect(kinds).to.deep.equal(['like', 'love', 'celebrate', 'insight', 'surprise']);
    expect(button(element, 'like').getAttribute('aria-label')).to.match(/^(Gefällt mir|Like): \d+/);
  });
});
