import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import '../../../src/define.ts';
import type { PlazaPerson } from '../../../src/elements/person/person.ts';
import type { PlazaReactions } from '../../../src/elements/reactions/reactions.ts';
import { colleagues, signIn, signOut, uniqueTarget, type DevUser } from '../../support/browser/session.ts';

/*
 * `loading="lazy"` (src/elements/shared/near-view.ts), against the real server: an
 * element far below the viewport makes its content when it comes near or
 * when the browser is idle. Idle time is in the test's hands here: this file
 * runs in a page of its own, and requestIdleCallback only remembers its
 * callbacks until `idle()` runs them.
 */

const idleCallbacks: IdleRequestCallback[] = [];
const realIdle = window.requestIdleCallback;

function idle(): void {
  for (const callback of idleCallbacks.splice(0)) callback({ didTimeout: false, timeRemaining: () => 50 });
}

async function frames(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await nextFrame();
}

/** A bar and a name tag a few screens below the top, with a spacer above them. */
async function farDown(target: string, user: DevUser, loading = 'lazy') {
  const wrapper = await fixture<HTMLElement>(html`<div lang="de">
    <div class="spacer" style="height: 400vh"></div>
    <plaza-reactions target=${target} loading=${loading}></plaza-reactions>
    <p><plaza-person user=${user.id} loading=${loading}>${user.name}</plaza-person></p>
  </div>`);
  return {
    wrapper,
    bar: wrapper.querySelector<PlazaReactions>('plaza-reactions')!,
    person: wrapper.querySelector<PlazaPerson>('plaza-person')!,
  };
}

const barShown = (bar: PlazaReactions) => bar.shadowRoot?.querySelector('[part="bar"][aria-busy="false"] button[data-kind="like"]');

describe('loading="lazy"', () => {
  let users: DevUser[];
  before(async () => {
    window.requestIdleCallback = (callback) => idleCallbacks.push(callback);
    users = await colleagues();
    await signIn(users[0]!.id);
  });
  after(async () => {
    window.requestIdleCallback = realIdle;
    await signOut();
  });

  it('waits while far below: the name shows as written, the bar has not asked for anything', async () => {
    const { bar, person } = await farDown(uniqueTarget('lazy'), users[1]!);
    await frames();
    expect(bar.shadowRoot, 'no content made for the bar').to.equal(null);
    expect(person.shadowRoot).to.equal(null);
    expect(person.textContent).to.equal(users[1]!.name);
    expect(person.getBoundingClientRect().top).to.be.above(innerHeight);
    idle();
  });

  it('makes its content when scrolled near', async () => {
    const { bar, person } = await farDown(uniqueTarget('lazy-scroll'), users[1]!);
    await frames();
    expect(bar.shadowRoot).to.equal(null);
    bar.scrollIntoView();
    await waitUntil(() => barShown(bar), 'the bar did not render near the viewport');
    await waitUntil(() => person.shadowRoot?.querySelector('[part="trigger"]'), 'the name tag did not render near the viewport');
    expect(person.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal(users[1]!.name);
    scrollTo(0, 0);
    idle();
  });

  it('makes its content in idle time without being scrolled to', async () => {
    const { bar, person } = await farDown(uniqueTarget('lazy-idle'), users[1]!);
    await frames();
    expect(bar.shadowRoot).to.equal(null);
    idle();
    await waitUntil(() => barShown(bar) && person.shadowRoot?.querySelector('[part="trigger"]'), 'idle time did not render them');
    expect(scrollY).to.equal(0);
  });

  it('renders at once when `loading` becomes eager, and not at all when removed first', async () => {
    const { wrapper, bar, person } = await farDown(uniqueTarget('lazy-eager'), users[1]!);
    await frames();
    bar.loading = 'eager';
    await waitUntil(() => barShown(bar), 'the bar did not render when made eager');
    person.remove();
    idle();
    await frames();
    expect(person.shadowRoot, 'a removed name tag makes nothing').to.equal(null);
    // Put back (e.g. moved by a page script): it waits again, then renders once.
    wrapper.append(person);
    await frames();
    expect(person.shadowRoot).to.equal(null);
    idle();
    await waitUntil(() => person.shadowRoot?.querySelector('[part="trigger"]'), 'the name tag did not render after being put back');
    expect(person.shadowRoot!.querySelectorAll('[part="trigger"]')).to.have.length(1);
  });

  it('holds back a whole thread, its request included, until it is near', async () => {
    const thread = uniqueTarget('lazy-thread');
    performance.clearResourceTimings();
    const wrapper = await fixture<HTMLElement>(html`<div lang="de">
      <div style="height: 400vh"></div>
      <plaza-comments thread=${thread} loading="lazy"></plaza-comments>
    </div>`);
    const element = wrapper.querySelector('plaza-comments')!;
    // The thread's pages; the reader's watch of it is asked once the thread is there (watch-controller.ts).
    const threadReads = () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes(`${encodeURIComponent(thread)}/comments`));
    await frames(10);
    expect(element.shadowRoot, 'not started: no controller has run').to.equal(null);
    expect(threadReads(), 'no request for a thread far below').to.have.length(0);
    element.scrollIntoView();
    await waitUntil(() => element.shadowRoot?.querySelector('[part="empty"]'), 'the thread did not load once near');
    expect(threadReads()).to.have.length(1);
    scrollTo(0, 0);
    idle();
  });

  it('without requestIdleCallback (Safari), starts waiting elements in short slices of time', async () => {
    const stub = window.requestIdleCallback;
    (window as { requestIdleCallback?: unknown }).requestIdleCallback = undefined;
    try {
      const wrapper = await fixture<HTMLElement>(html`<div lang="de">
        <div style="height: 400vh"></div>
        ${Array.from({ length: 150 }, (_, i) => html`<plaza-person user=${users[i % users.length]!.id} loading="lazy"></plaza-person>`)}
      </div>`);
      const people = [...wrapper.querySelectorAll<PlazaPerson>('plaza-person')];
      await waitUntil(() => people.every((person) => person.hasUpdated), 'not all started within 3 s (one per 50 ms would take 7.5 s)', { timeout: 3000 });
    } finally {
      window.requestIdleCallback = stub;
    }
  });

  it('is eager by default, as before', async () => {
    const { bar } = await farDown(uniqueTarget('eager'), users[1]!, 'eager');
    // Idle callbacks never run unless a test runs them: this rendered without waiting.
    await waitUntil(() => barShown(bar), 'an eager bar far below did not render');
  });
});
