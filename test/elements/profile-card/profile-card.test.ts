import { aTimeout, expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import type { Profile } from '../../../src/core/protocol.ts';
import type { PlazaProfileCard } from '../../../src/elements/profile-card/profile-card.ts';
import type { PlazaPerson } from '../../../src/elements/person/person.ts';
import type { PlazaFollowChangedEvent } from '../../../src/elements/profile-card/events.ts';
import { endpoint, signIn } from '../../support/browser/session.ts';
import { card, colleague, transitionsDone, html, inCard, lukas, pagePeople, reader, requestsTo, serverProfile, signInAs, signOutReader } from '../shared/people-support.ts';

/* Against the real server and its demo seed (see people-support.ts). */

const followers = (element: PlazaProfileCard) => inCard(element, '[part="followers"]')!.textContent!.trim();
/** The count the card shows ("Noch keine Follower" is 0). */
const followerCount = (element: PlazaProfileCard) => Number(/\d+/.exec(followers(element))?.[0] ?? 0);
const followButton = (element: PlazaProfileCard) => inCard<HTMLButtonElement>(element, '[part="follow-button"]');

describe('<plaza-profile-card> against the real server', () => {
  beforeEach(() => signInAs(reader.id));
  after(() => signOutReader());

  it('shows name, role, department, location, manager and contact links from the directory', async () => {
    const element = await card(html`<div lang="de"><plaza-profile-card user=${lukas.id}></plaza-profile-card></div>`);
    expect(inCard(element, '[part="name"]')!.textContent).to.equal(lukas.name);
    expect(inCard(element, '[part="role"]')!.textContent).to.equal(lukas.role);
    const details = inCard(element, '[part="details"]')!.textContent!.replace(/\s+/g, ' ');
    for (const text of ['Abteilung', lukas.department, 'Standort', lukas.location, 'Vorgesetzte/r']) expect(details).to.contain(text);
    const manager = inCard<PlazaPerson>(element, '[part="details"] plaza-person')!;
    expect(manager.getAttribute('user'), 'the manager is a name tag with a card of their own').to.equal('juergen.mueller');
    await manager.updateComplete;
    expect(manager.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal(lukas.manager);
    const links = [...element.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="contact"]')];
    expect(links.map((a) => a.textContent!.trim())).to.deep.equal(['E-Mail schreiben', 'Anrufen']);
    expect(links[0]!.href).to.equal('mailto:lukas.schneider@stadtwerke-musterstadt.example');
    expect(links[1]!.href).to.equal('tel:+4955551204231');
    expect(followers(element)).to.match(/Follower$/);
    await expect(element).to.be.accessible();
  });

  it('shows the person\'s recent activity in the full card, unless the page brings its own', async () => {
    const element = await card(html`<div lang="de"><plaza-profile-card user="juergen.mueller"></plaza-profile-card></div>`);
    const section = inCard(element, '[part="activity"]')!;
    expect(section.querySelector('h3')!.textContent).to.equal('Zuletzt aktiv');
    const feed = section.querySelector('plaza-activity-feed')!;
    expect([feed.getAttribute('scope'), feed.getAttribute('page-size'), feed.hasAttribute('compact')]).to.deep.equal(['user:juergen.mueller', '3', true]);
    const items = () => [...feed.shadowRoot!.querySelectorAll('[part~="item"]')];
    await waitUntil(() => items().length > 0, 'the recent activity never loaded', { timeout: 5000 });
    expect(items().length).to.be.within(1, 3);
    expect(feed.shadowRoot!.querySelector('[part="filter"], [part="composer"]'), 'a short list: no filter, no composer').to.equal(null);
    await expect(element).to.be.accessible();

    const own = await card(html`<div lang="de"><plaza-profile-card user="juergen.mueller"><p slot="activity">Eigene Liste</p></plaza-profile-card></div>`);
    const slot = inCard<HTMLSlotElement>(own, '[part="activity"] slot')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Eigene Liste']);

    const compact = await card(html`<div lang="de"><plaza-profile-card user="juergen.mueller" variant="compact"></plaza-profile-card></div>`);
    expect(inCard(compact, '[part="activity"]'), 'the hovercard stays small').to.equal(null);
  });

  it('speaks English on an English page, compact', async () => {
    const element = await card(html`<div lang="en"><plaza-profile-card user=${lukas.id} variant="compact"></plaza-profile-card></div>`);
    expect(inCard(element, '[part="details"]')!.textContent).to.contain('Manager');
    expect(followButton(element)!.textContent!.trim()).to.match(/^(Follow|Unfollow)$/);
    expect(inCard(element, 'plaza-person'), 'no hovercard inside a hovercard').to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('follows and unfollows: the count changes at once, and the server keeps it', async () => {
    const target = 'karl-heinz.vogel';
    const element = await card(html`<div lang="de"><plaza-profile-card user=${target}></plaza-profile-card></div>`);
    const before = await serverProfile(target);
    expect(before.followedByMe).to.equal(false);
    expect(followButton(element)!.textContent!.trim()).to.equal('Folgen');

    const changed = oneEvent(element, 'plaza-follow-changed');
    followButton(element)!.click();
    await element.updateComplete;
    expect(followButton(element)!.textContent!.trim(), 'optimistic').to.equal('Nicht mehr folgen');
    expect(followers(element)).to.equal(`${before.followers + 1} Follower`);
    const event = (await changed) as unknown as PlazaFollowChangedEvent;
    expect(event.active).to.equal(true);
    expect(event.profile.followers).to.equal(before.followers + 1);
    await element.updateComplete;
    expect(inCard(element, '[role="status"].visually-hidden')!.textContent).to.equal('Sie folgen jetzt Karl-Heinz Vogel.');
    expect(await serverProfile(target), 'persisted').to.deep.include({ followers: before.followers + 1, followedByMe: true });
    await transitionsDone(element);
    await expect(element).to.be.accessible();

    const reloaded = await freshPageCard(target);
    expect(reloaded.button, 'after a reload').to.equal('Nicht mehr folgen');
    expect(reloaded.followers).to.equal(`${before.followers + 1} Follower`);

    followButton(element)!.click();
    await oneEvent(element, 'plaza-follow-changed');
    expect(followButton(element)!.textContent!.trim()).to.equal('Folgen');
    expect(await serverProfile(target)).to.deep.include({ followers: before.followers, followedByMe: false });
  });

  it('updates the follower count live when a colleague follows', async () => {
    const target = 'marie.klein';
    const element = await card(html`<div lang="de"><plaza-profile-card user=${target}></plaza-profile-card></div>`);
    const start = (await serverProfile(target)).followers;
    // Let the shared event stream open before the colleague acts.
    await aTimeout(300);
    await signIn(colleague.id);
    await fetch(`${endpoint()}/people/${target}/follow`, { method: 'PUT', credentials: 'include' });
    await waitUntil(() => followerCount(element) === start + 1, 'the colleague’s follow did not arrive', { timeout: 5000 });
    await fetch(`${endpoint()}/people/${target}/follow`, { method: 'DELETE', credentials: 'include' });
    await waitUntil(() => followerCount(element) === start, 'the unfollow did not arrive', { timeout: 5000 });
  });

  it('rolls back and explains when the server refuses (the session ended meanwhile)', async () => {
    const element = await card(html`<div lang="de"><plaza-profile-card user="andreas.schroeder"></plaza-profile-card></div>`);
    const count = followers(element);
    // Signed out on the server, while the page still believes it is signed in.
    await fetch(`${endpoint()}/dev/session`, { method: 'DELETE', credentials: 'include' });
    const failed = oneEvent(element, 'plaza-follow-failed');
    followButton(element)!.click();
    await failed;
    await element.updateComplete;
    expect(followButton(element)!.textContent!.trim()).to.equal('Folgen');
    expect(followers(element)).to.equal(count);
    const alert = inCard(element, '.message[role="alert"]')!.textContent!;
    expect(alert).to.contain('Ihre Änderung wurde nicht gespeichert.').and.to.contain('Bitte melden Sie sich zuerst an.');
    await transitionsDone(element);
    await expect(element).to.be.accessible();
  });

  it('lets the page veto a follow through the cancelable toggle event', async () => {
    const element = await card(html`<plaza-profile-card user="frank.zimmermann"></plaza-profile-card>`);
    element.addEventListener('plaza-follow-toggle', (e) => e.preventDefault(), { once: true });
    performance.clearResourceTimings();
    followButton(element)!.click();
    await aTimeout(100);
    expect(requestsTo('/follow')).to.have.length(0);
    expect(followButton(element)!.textContent!.trim()).to.match(/^(Folgen|Follow)$/);
  });

  it('offers no follow button when signed out, nor on your own card', async () => {
    await signOutReader();
    const anonymous = await card(html`<plaza-profile-card user=${lukas.id}></plaza-profile-card>`);
    expect(followButton(anonymous)).to.equal(null);
    expect(inCard(anonymous, '[part="followers"]'), 'the count still shows').to.exist;
    await expect(anonymous).to.be.accessible();
    await signInAs(reader.id);
    const own = await card(html`<plaza-profile-card user=${reader.id}></plaza-profile-card>`);
    expect(followButton(own)).to.equal(null);
  });

  it('shows "not found" for an id nobody has', async () => {
    const element = await card(html`<div lang="de"><plaza-profile-card user="nobody.at.all"></plaza-profile-card></div>`);
    expect(inCard(element, '[part="error"]')!.textContent).to.contain('Person nicht gefunden');
    await expect(element).to.be.accessible();
  });

  it('shows an error with "try again" when the server cannot be reached', async () => {
    const element = await card(html`<plaza-config endpoint="http://127.0.0.1:9/api/v1" locale="de"><plaza-profile-card user=${lukas.id}></plaza-profile-card></plaza-config>`);
    const error = inCard(element, '[part="error"]')!;
    expect(error.textContent).to.contain('Das Profil konnte nicht geladen werden.');
    expect(error.querySelector('button')!.textContent).to.equal('Erneut versuchen');
    await expect(element).to.be.accessible();
  });

  it('falls back to initials when the picture does not load', async () => {
    const people = pagePeople();
    const profile = await people.profiles.load('heike.wolf');
    const missing = `${endpoint()}/no-such-avatar-${crypto.randomUUID()}.png`;
    people.profiles.set('heike.wolf', { ...profile, avatarUrl: missing } satisfies Profile);
    const element = await card(html`<plaza-profile-card user="heike.wolf"></plaza-profile-card>`);
    expect(inCard(element, '[part="avatar"] img')).to.exist;
    await waitUntil(() => !inCard(element, '[part="avatar"] img'), 'the broken picture stayed');
    expect(inCard(element, '[part="avatar"]')!.textContent!.trim()).to.equal('HW');
    await expect(element).to.be.accessible();
  });

  it('links to the operator’s chat, and refuses a template with a dangerous scheme', async () => {
    const teams = await card(html`<plaza-config chat-url="msteams:/l/chat/0/0?users={email}"><plaza-profile-card user=${lukas.id}></plaza-profile-card></plaza-config>`);
    const chat = [...teams.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="contact"]')].at(-1)!;
    expect(chat.getAttribute('href')).to.equal('msteams:/l/chat/0/0?users=lukas.schneider%40stadtwerke-musterstadt.example');
    const evil = await card(html`<plaza-config chat-url="javascript:alert('{email}')"><plaza-profile-card user=${lukas.id}></plaza-profile-card></plaza-config>`);
    expect(evil.shadowRoot!.querySelectorAll('[part="contact"]')).to.have.length(2);
  });
});

/**
 * A real reload: a fresh page (own JavaScript realm, own caches) in an
 * iframe, loading Plaza and showing the card, as the reader would see it
 * after pressing F5.
 */
async function freshPageCard(user: string): Promise<{ button: string; followers: string }> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="de"><head><meta name="plaza:endpoint" content="${endpoint()}">
    <script type="module" src="/src/define.ts"></script></head><body><plaza-profile-card user="${user}"></plaza-profile-card></body></html>`;
  document.body.append(frame);
  try {
    let found: PlazaProfileCard | null = null;
    await waitUntil(() => {
      found = frame.contentDocument?.querySelector('plaza-profile-card') ?? null;
      return found?.shadowRoot?.querySelector('[part="follow-button"]');
    }, 'the reloaded card did not load', { timeout: 8000 });
    const element = found! as PlazaProfileCard;
    return { button: followButton(element)!.textContent!.trim(), followers: followers(element) };
  } finally {
    frame.remove();
  }
}
