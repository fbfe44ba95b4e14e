import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/define.ts';
import type { PlazaActivityFeed } from '../../../src/elements/activity-feed/activity-feed.ts';
import type { PlazaActivityDeletedEvent, PlazaActivityDeleteEvent } from '../../../src/elements/activity-feed/events.ts';
import type { Activity, ActivityPage } from '../../../src/core/protocol.ts';
import { api, colleagues, endpoint, signIn, signOut, type DevUser } from '../../support/browser/session.ts';
import { signInAs, signOutReader } from '../comments/comments-support.ts';

/*
 * Deleting a status post from <plaza-activity-feed>, against the real server and its demo seed
 * (started by web-test-runner.config.mjs). The posts here are written by a colleague no other
 * browser test signs in as, who follows someone (so the "follows nobody" test never picks them);
 * each test deletes what it wrote.
 */


/** Seeded moderators (server/seed/people.ts). */
const MODERATOR = 'katharina.weber';
/** Who writes the posts, and a colleague who looks at them; neither moderates. */
const AUTHOR = 'birgit.koch';
const COLLEAGUE = 'markus.wagner';



const $ = <T extends Element = HTMLElement>(root: Element, selector: string) => (root.shadowRoot ?? root).querySelector<T>(selector);
const articles = (el: PlazaActivityFeed) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="feed"] article')];
const articleOf = (el: PlazaActivityFeed, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`article[data-id="${id}"]`);
const loaded = (el: PlazaActivityFeed) =>
  waitUntil(() => $(el, '.feed[aria-busy="false"]') && !$(el, '.skeleton'), 'the feed did not load', { timeout: 8000 });
const focused = (el: PlazaActivityFeed) => el.shadowRoot!.activeElement;

/** One feed, or several side by side, in a German (or English) page; resolves once all have loaded. */
async function feeds(scopes: string[], { lang = 'de', kinds = 'status' } = {}): Promise<PlazaActivityFeed[]> {
  const wrapper = await fixture(html`<div lang=${lang} style="width: 360px">
    ${scopes.map((scope) => html`<plaza-activity-feed scope=${scope} kinds=${kinds} page-size="10"></plaza-activity-feed>`)}
  </div>`);
  const elements = [...wrapper.querySelectorAll('plaza-activity-feed')];
  for (const element of elements) await loaded(element);
  return elements;
}

describe('<plaza-activity-feed>: deleting a status post', function () {
  this.timeout(30_000);
  let poster: DevUser;
  let other: DevUser;
  /** Posts a test wrote; deleted after it, whatever happened. */
  let written: string[] = [];

  before(async () => {
    const users = await colleagues();
    poster = users.find((user) => user.id === AUTHOR)!;
    other = users.find((user) => user.id === COLLEAGUE)!;
    expect(poster && other, 'the seed has both').to.be.ok;
  });

  afterEach(async () => {
    await signIn(poster.id);
    for (const id of written) await fetch(`${endpoint()}/activities/${id}`, { method: 'DELETE', credentials: 'include' });
    written = [];
    await signOutReader();
  });

  /** A status post by the poster, through the API (the reader is signed in as the poster afterwards). */
  async function postAsPoster(text: string): Promise<Activity> {
    await signInAs(poster.id);
    const activity = await api<Activity>('/activities', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ text }),
    });
    written.push(activity.id);
    return activity;
  }

  async function onServer(id: string): Promise<boolean> {
    const page = await api<ActivityPage>(`/activities?scope=${encodeURIComponent(`user:${poster.id}`)}&kinds=status&limit=50`);
    return page.items.some((item) => item.id === id);
  }

  it('offers "Löschen" on the reader’s own posts only, named after the post; moderators get it on every post', async () => {
    const post = await postAsPoster(`@[${other.name}](person:${other.id}), ich bin heute im **Umspannwerk Ost** ${crypto.randomUUID()}`);
    const [own, everything] = await feeds([`user:${poster.id}`, 'all']);
    const button = $<HTMLButtonElement>(articleOf(own!, post.id)!, '[part="delete-button"]')!;
    expect(button.textContent!.trim()).to.equal('Löschen');
    // Plain words, cut at a word, without Markdown or the mention's syntax.
    const words = `@${other.name}, ich bin heute im Umspannwerk Ost`;
    expect(button.getAttribute('aria-label')).to.equal(`Ihren Beitrag „${words.slice(0, words.lastIndexOf(' ', 39))}…“ löschen`);
    const othersPosts = articles(everything!).filter((article) => article.querySelector('plaza-person')?.getAttribute('user') !== poster.id);
    expect(othersPosts.length, 'the seed has status posts by others').to.be.greaterThan(0);
    expect(othersPosts.filter((article) => $(article, '[part="delete-button"]')), 'no action on colleagues’ posts').to.have.length(0);
    await expect(own).to.be.accessible();

    await signInAs(other.id);
    const [asOther] = await feeds([`user:${poster.id}`]);
    expect(articleOf(asOther!, post.id), 'a colleague sees the post').to.not.equal(null);
    expect($(asOther!, '[part="delete-button"], [part="delete"]'), 'but cannot delete it').to.equal(null);

    await signOutReader();
    const [signedOut] = await feeds([`user:${poster.id}`]);
    expect(articleOf(signedOut!, post.id)).to.not.equal(null);
    expect($(signedOut!, '[part="delete-button"]')).to.equal(null);

    await signInAs(MODERATOR);
    const [asModerator] = await feeds([`user:${poster.id}`]);
    const moderated = $<HTMLButtonElement>(articleOf(asModerator!, post.id)!, '[part="delete-button"]')!;
    expect(moderated.getAttribute('aria-label')).to.match(new RegExp(`^Beitrag von ${poster.name} „@.+ ich bin .*“ löschen$`));
  });

  it('deletes after "Wirklich löschen?": busy meanwhile, then gone from every feed of the page and from the server', async () => {
    const post = await postAsPoster(`Wird gleich wieder gelöscht ${crypto.randomUUID()}`);
    const [own, everything] = await feeds([`user:${poster.id}`, 'all']);
    expect(articleOf(everything!, post.id), 'the other feed shows it too').to.not.equal(null);
    const article = articleOf(own!, post.id)!;
    const nextId = articles(own!)[articles(own!).indexOf(article) + 1]?.dataset.id;

    $<HTMLButtonElement>(article, '[part="delete-button"]')!.click();
    await own!.updateComplete;
    const confirm = $(article, '[part="confirm-delete"]')!;
    expect(confirm.getAttribute('role')).to.equal('group');
    expect(confirm.textContent).to.contain('Wirklich löschen?');
    expect($(article, '[part="delete-button"]'), 'the button turned into the confirmation').to.equal(null);
    expect(focused(own!), 'focus on the safe choice').to.equal($(article, '[data-action="cancel-delete"]'));
    await expect(own).to.be.accessible();

    const order: string[] = [];
    own!.addEventListener('plaza-activity-delete', (e: PlazaActivityDeleteEvent) => order.push(`delete ${e.activity.id} ${e.cancelable}`));
    own!.addEventListener('plaza-activity-deleted', (e: PlazaActivityDeletedEvent) => order.push(`deleted ${e.activity.id}`));
    document.addEventListener('plaza-activity-deleted', (e) => order.push(`document ${e.composed}`), { once: true });
    const yes = $<HTMLButtonElement>(article, '[data-action="confirm-delete"]')!;
    expect(yes.textContent!.trim()).to.equal('Ja, löschen');
    yes.click();
    await own!.updateComplete;
    expect(yes.textContent!.trim(), 'busy while the server deletes').to.equal('Wird gelöscht…');
    expect(yes.getAttribute('aria-disabled')).to.equal('true');
    expect(article.getAttribute('aria-busy')).to.equal('true');

    await waitUntil(() => !articleOf(own!, post.id), 'the post did not leave the feed', { timeout: 8000 });
    expect(articleOf(everything!, post.id), 'and the other feed of the page, at once').to.equal(null);
    expect(order).to.deep.equal([`delete ${post.id} true`, `deleted ${post.id}`, 'document true']);
    expect($(own!, '[role="status"]')!.textContent).to.contain('Der Beitrag wurde gelöscht.');
    if (nextId) await waitUntil(() => focused(own!) === articleOf(own!, nextId), 'focus did not move to the next post');
    expect(await onServer(post.id), 'the server no longer lists it').to.equal(false);
    written = [];
  });

  it('keeps the post when the reader cancels, with the button or Escape', async () => {
    const post = await postAsPoster(`Bleibt stehen ${crypto.randomUUID()}`);
    const [own] = await feeds([`user:${poster.id}`]);
    const article = articleOf(own!, post.id)!;

    $<HTMLButtonElement>(article, '[part="delete-button"]')!.click();
    await own!.updateComplete;
    $<HTMLButtonElement>(article, '[data-action="cancel-delete"]')!.click();
    await own!.updateComplete;
    expect($(article, '[part="confirm-delete"]')).to.equal(null);
    await waitUntil(() => focused(own!) === $(article, '[part="delete-button"]'), 'focus did not go back to "Löschen"');

    // By keyboard: Enter opens the confirmation, Escape closes it.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(own!) === $(article, '[data-action="cancel-delete"]'), 'Enter did not open the confirmation');
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(own!), 'confirm is reachable by Tab').to.equal($(article, '[data-action="confirm-delete"]'));
    await sendKeys({ press: 'Escape' });
    await own!.updateComplete;
    expect($(article, '[part="confirm-delete"]')).to.equal(null);
    await waitUntil(() => focused(own!) === $(article, '[part="delete-button"]'), 'Escape did not bring focus back');

    await aTimeout(300);
    expect(articleOf(own!, post.id)).to.equal(article);
    expect(await onServer(post.id)).to.equal(true);
  });

  it('keeps the post when the page vetoes the plaza-activity-delete event', async () => {
    const post = await postAsPoster(`Die Seite fragt erst selbst ${crypto.randomUUID()}`);
    const [own] = await feeds([`user:${poster.id}`]);
    const article = articleOf(own!, post.id)!;
    let vetoed: Activity | undefined;
    own!.addEventListener('plaza-activity-delete', (e) => {
      vetoed = e.activity;
      e.preventDefault();
    }, { once: true });
    let deleted = false;
    own!.addEventListener('plaza-activity-deleted', () => (deleted = true));

    $<HTMLButtonElement>(article, '[part="delete-button"]')!.click();
    await own!.updateComplete;
    $<HTMLButtonElement>(article, '[data-action="confirm-delete"]')!.click();
    await own!.updateComplete;
    expect(vetoed?.id).to.equal(post.id);
    expect($(article, '[part="confirm-delete"]'), 'the confirmation closes').to.equal(null);
    await aTimeout(500);
    expect(deleted).to.equal(false);
    expect(articleOf(own!, post.id)).to.equal(article);
    expect(await onServer(post.id), 'nothing was deleted').to.equal(true);
  });

  it('says why a delete failed, in the item, and keeps the post', async () => {
    const post = await postAsPoster(`Geht nicht weg ${crypto.randomUUID()}`);
    const [own] = await feeds([`user:${poster.id}`]);
    const article = articleOf(own!, post.id)!;
    let deleted = false;
    own!.addEventListener('plaza-activity-deleted', () => (deleted = true));
    // The session ends behind the page's back (the page still thinks the poster is signed in): the server answers 401.
    await signOut();

    $<HTMLButtonElement>(article, '[part="delete-button"]')!.click();
    await own!.updateComplete;
    $<HTMLButtonElement>(article, '[data-action="confirm-delete"]')!.click();
    await waitUntil(() => $(article, '[part="delete-error"]'), 'no error shown', { timeout: 8000 });
    const error = $(article, '[part="delete-error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.equal('Der Beitrag wurde nicht gelöscht. Bitte melden Sie sich zuerst an.');
    expect($(article, '[data-action="confirm-delete"]')!.textContent!.trim(), 'ready to try again').to.equal('Ja, löschen');
    expect($(article, '[data-action="confirm-delete"]')!.getAttribute('aria-disabled')).to.equal('false');
    expect(article.getAttribute('aria-busy')).to.equal('false');
    expect(deleted).to.equal(false);
    expect(articleOf(own!, post.id)).to.equal(article);
    await expect(own).to.be.accessible();
    await signIn(poster.id);
    expect(await onServer(post.id)).to.equal(true);
  });

  it('drops a post deleted elsewhere, live', async () => {
    const post = await postAsPoster(`Woanders gelöscht ${crypto.randomUUID()}`);
    const [own] = await feeds([`user:${poster.id}`]);
    expect(articleOf(own!, post.id)).to.not.equal(null);
    // As another tab of the poster would: straight to the server.
    await api(`/activities/${post.id}`, { method: 'DELETE' });
    written = [];
    await waitUntil(() => !articleOf(own!, post.id), 'the deleted post stayed', { timeout: 15000 });
  });

  it('speaks English and works by keyboard alone', async () => {
    const post = await postAsPoster(`Deleting by keyboard ${crypto.randomUUID()}`);
    const [own] = await feeds([`user:${poster.id}`], { lang: 'en' });
    const article = articleOf(own!, post.id)!;
    const button = $<HTMLButtonElement>(article, '[part="delete-button"]')!;
    expect(button.textContent!.trim()).to.equal('Delete');
    expect(button.getAttribute('aria-label')).to.match(/^Delete your post “Deleting by keyboard .+…”$/);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(own!) === $(article, '[data-action="cancel-delete"]'), 'Enter did not open the confirmation');
    expect($(article, '[part="confirm-delete"]')!.textContent).to.contain('Really delete?');
    expect($(article, '[data-action="cancel-delete"]')!.textContent!.trim()).to.equal('Cancel');
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(own!)!.textContent!.trim()).to.equal('Yes, delete');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !articleOf(own!, post.id), 'the post did not go', { timeout: 8000 });
    expect(await onServer(post.id)).to.equal(false);
    written = [];
  });
});
