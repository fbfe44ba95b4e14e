import { aTimeout, expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { PlazaPerson } from '../../../src/elements/person/person.ts';
import { HOVER_OPEN_MS } from '../../../src/elements/person/hovercard-controller.ts';
import { endpoint } from '../../support/browser/session.ts';
import { html, inCard, lukas, pagePeople, reader, requestsTo, settledCard, signInAs, signOutReader } from '../shared/people-support.ts';

/* Against the real server and its demo seed (see people-support.ts). */

const trigger = (element: PlazaPerson) => inCard<HTMLButtonElement>(element, '[part="trigger"]')!;
/** Null until the card is first opened: it is built on first use. */
const hovercard = (element: PlazaPerson) => inCard<HTMLElement>(element, '[part="hovercard"]');
const isOpen = (element: PlazaPerson) => !!hovercard(element)?.matches(':popover-open');
/** Until the card's fade-in has ended: axe judges colours mid-fade as too faint. */
const faded = (element: PlazaPerson) => Promise.all(hovercard(element)!.getAnimations().map((animation) => animation.finished));
const shownName = (element: PlazaPerson) => inCard(element, '[part="name"]')!.textContent!.trim();
async function loaded(element: PlazaPerson): Promise<void> {
  await waitUntil(() => pagePeople().peek(element.user), 'the person did not load');
  await element.updateComplete;
}

async function person(user: string, { lang = 'de', name = '', attrs = '' } = {}): Promise<PlazaPerson> {
  const wrapper = await fixture(html`<p lang=${lang}></p>`);
  wrapper.innerHTML = `Geschrieben von <plaza-person user="${user}" ${name ? `name="${name}"` : ''} ${attrs}></plaza-person> am Montag.`;
  const element = wrapper.querySelector('plaza-person')!;
  await loaded(element);
  return element;
}

/** The centre of an element, in the viewport coordinates sendMouse wants. */
function centre(element: Element): [number, number] {
  const rect = element.getBoundingClientRect();
  return [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)];
}

describe('<plaza-person> against the real server', () => {
  before(() => signInAs(reader.id));
  after(() => signOutReader());
  afterEach(() => resetMouse());

  it('loads fifty name tags with one batched request', async () => {
    performance.clearResourceTimings();
    const users = (await (await fetch(`${endpoint()}/dev/users`, { credentials: 'include' })).json()) as { items: Array<{ id: string }> };
    // Every colleague of the seed, and strangers to make fifty different ids.
    const ids = [...users.items.map((u) => u.id), ...Array.from({ length: 50 }, (_, i) => `stranger-${i}`)].slice(0, 50);
    const wrapper = await fixture(html`<ul>${ids.map((id) => html`<li><plaza-person user=${id} name="…"></plaza-person></li>`)}</ul>`);
    const tags = [...wrapper.querySelectorAll('plaza-person')];
    // The first element on a page draws once its language's messages are loaded (decision 131).
    await Promise.all(tags.map((tag) => tag.updateComplete));
    await waitUntil(() => tags.every((tag) => inCard(tag, '[part="trigger"] [part="name"]')?.textContent !== '…' || inCard(tag, '.plain')), 'not all loaded');
    const gets = requestsTo('/api/v1/people');
    expect(gets).to.have.length(1);
    expect(new URL(gets[0]!.name).searchParams.get('ids')!.split(',')).to.have.members(ids);
    expect(inCard(tags.at(-1)!, '.plain'), 'a stranger stays plain text').to.exist;
    expect(tags.filter((tag) => inCard(tag, '[part="hovercard"]')), 'no card is built before it is opened').to.be.empty;
  });

  it('shows the name it was given at once, then the directory’s', async () => {
    // Another spelling of the same server's endpoint: a page cache of its own, where nobody is known yet.
    const fresh = endpoint().replace('//localhost:', '//127.0.0.1:');
    const wrapper = await fixture(html`<plaza-config endpoint=${fresh}><plaza-person user=${lukas.id} name="L. Schneider"></plaza-person></plaza-config>`);
    const element = wrapper.querySelector('plaza-person')!;
    await element.updateComplete;
    expect(shownName(element), 'before the directory answers').to.equal('L. Schneider');
    await waitUntil(() => shownName(element) === lukas.name);
    expect(trigger(element).getAttribute('aria-expanded')).to.equal('false');
    await expect(element).to.be.accessible();
  });

  it('opens the card on hover after a short delay, and closes when the mouse leaves', async () => {
    const element = await person(lukas.id);
    await sendMouse({ type: 'move', position: centre(trigger(element)) });
    await aTimeout(HOVER_OPEN_MS / 3);
    expect(isOpen(element), 'not at once: passing over a name opens nothing').to.equal(false);
    await waitUntil(() => isOpen(element), 'the card did not open on hover', { timeout: 2000 });
    const card = inCard(element, 'plaza-profile-card')!;
    expect(card.getAttribute('variant')).to.equal('compact');
    await settledCard(card as never);
    expect(trigger(element).getAttribute('aria-expanded')).to.equal('true');
    await faded(element);
    await expect(element).to.be.accessible();
    await sendMouse({ type: 'move', position: [1, 1] });
    await waitUntil(() => !isOpen(element), 'the card did not close when the mouse left', { timeout: 2000 });
  });

  it('opens on focus and Enter, and Escape closes it and returns focus to the name', async () => {
    const element = await person(lukas.id);
    trigger(element).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => isOpen(element));
    expect(element.shadowRoot!.activeElement, 'focus stays on the name').to.equal(trigger(element));
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement, 'Tab goes into the card').to.equal(inCard(element, '[part="close"]'));
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !isOpen(element));
    expect(element.shadowRoot!.activeElement).to.equal(trigger(element));
    expect(trigger(element).getAttribute('aria-expanded')).to.equal('false');
  });

  it('opens on a tap at once, and closes on a tap elsewhere', async () => {
    const element = await person(lukas.id);
    const button = trigger(element);
    // A tap: touch pointer events, then the click the browser synthesises.
    for (const type of ['pointerover', 'pointerenter', 'pointerdown', 'pointerup']) {
      button.dispatchEvent(new PointerEvent(type, { pointerType: 'touch', bubbles: type !== 'pointerenter', composed: true }));
    }
    button.click();
    await waitUntil(() => isOpen(element), 'the tap did not open the card', { timeout: 500 });
    document.body.dispatchEvent(new PointerEvent('pointerdown', { pointerType: 'touch', bubbles: true, composed: true }));
    await waitUntil(() => !isOpen(element), 'a tap elsewhere did not close it');
  });

  it('closes on a click outside', async () => {
    const element = await person(lukas.id);
    trigger(element).click();
    await waitUntil(() => isOpen(element));
    await sendMouse({ type: 'click', position: [2, 2] });
    await waitUntil(() => !isOpen(element), 'a click outside did not close it');
  });

  it('closes when focus moves on to something else', async () => {
    const wrapper = await fixture(html`<div><plaza-person user=${lukas.id}></plaza-person> <button>Weiter</button></div>`);
    const element = wrapper.querySelector('plaza-person')!;
    await loaded(element);
    trigger(element).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => isOpen(element));
    wrapper.querySelector('button')!.focus();
    await waitUntil(() => !isOpen(element), 'the card stayed open after focus left');
  });

  it('flips above the name near the bottom edge and stays inside the viewport', async () => {
    const wrapper = await fixture(html`<div style="position: fixed; bottom: 4px; right: 4px; font-size: 14px">
      <plaza-person user=${lukas.id}></plaza-person>
    </div>`);
    const element = wrapper.querySelector('plaza-person')!;
    await loaded(element);
    trigger(element).click();
    await waitUntil(() => isOpen(element));
    await settledCard(inCard(element, 'plaza-profile-card') as never);
    await aTimeout(50);
    const card = hovercard(element)!.getBoundingClientRect();
    const name = trigger(element).getBoundingClientRect();
    expect(hovercard(element)!.dataset.placement).to.equal('above');
    expect(card.bottom).to.be.at.most(name.top);
    expect(card.top).to.be.at.least(0);
    expect(card.right).to.be.at.most(document.documentElement.clientWidth);
    element.hide();
  });

  it('shows the picture, or initials when it does not load', async () => {
    const missing = `${endpoint()}/no-such-avatar-${crypto.randomUUID()}.png`;
    const base = pagePeople().peek(lukas.id) ?? (await pagePeople().load(lukas.id));
    pagePeople().prime([{ ...base, id: 'lukas.schneider', avatarUrl: missing }]);
    const element = await person(lukas.id, { attrs: 'avatar' });
    await waitUntil(() => !inCard(element, '[part="avatar"] img'), 'the broken picture stayed');
    expect(inCard(element, '[part="avatar"]')!.textContent!.trim()).to.equal('LS');
    await expect(element).to.be.accessible();
  });

  it('stays plain text for someone the directory does not know', async () => {
    const wrapper = await fixture(html`<p lang="de"><plaza-person user="nobody.at.all">Ehemalige Kollegin</plaza-person></p>`);
    const element = wrapper.querySelector('plaza-person')!;
    await waitUntil(() => inCard(element, '.plain'), 'no plain name', { timeout: 5000 });
    expect(inCard(element, '[part="trigger"]')).to.equal(null);
    expect(element.textContent).to.equal('Ehemalige Kollegin');
    await expect(element).to.be.accessible();
  });
});
