import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { uniqueTarget } from '../../support/browser/session.ts';
import { loaded, post, reader, signInAs, signOutReader } from '../comments/comments-support.ts';
import type { PlazaComments } from '../../../src/elements/comments/comments.ts';

/*
 * A legacy page's 10 px font (issue 16, items 11 and 16): stand-alone click
 * targets still measure 24 px (WCAG 2.2, 2.5.8), and the avatars in comment
 * headers stay big enough to read their initials. Real server, demo seed.
 */

const MIN_TARGET = 24;

function rectOf(element: Element | null | undefined): DOMRect {
  if (!element) throw new Error('target not rendered');
  return element.getBoundingClientRect();
}

/** The target's height must reach 24 px, and the line it sits in must look as it did (no taller than the text needs). */
function expectHitArea(name: string, target: Element | null | undefined): void {
  const rect = rectOf(target);
  expect(Math.round(rect.height), `${name}: ${Math.round(rect.width)}×${Math.round(rect.height)} px`).to.be.at.least(MIN_TARGET);
  expect(Math.round(rect.width), `${name} width`).to.be.at.least(MIN_TARGET);
}

describe('stand-alone targets and avatars at a 10 px page font', () => {
  before(() => signInAs(reader.id));
  after(() => signOutReader());

  it('gives name tags in a staff table a 24 px hit area without making the rows taller', async () => {
    const page = await fixture<HTMLElement>(html`<div lang="de" style="font: 10px Verdana, Arial, sans-serif">
      <table style="border-collapse: collapse"><tbody>
        <tr><td style="padding: 0">Netzbetrieb</td><td style="padding: 0"><plaza-person user="juergen.mueller">Jürgen Müller</plaza-person></td></tr>
        <tr><td style="padding: 0">Kundenservice</td><td style="padding: 0"><plaza-person user="ayse.demir">Ayşe Demir</plaza-person></td></tr>
      </tbody></table>
    </div>`);
    const people = [...page.querySelectorAll('plaza-person')];
    await waitUntil(() => people.every((p) => p.shadowRoot?.querySelector('[part="trigger"]')), 'the name tags did not render', { timeout: 5000 });
    const row = page.querySelector('tr')!.getBoundingClientRect().height;
    for (const person of people) expectHitArea(`trigger of ${person.getAttribute('user')}`, person.shadowRoot!.querySelector('[part="trigger"]'));
    expect(row, 'the row keeps its text height').to.be.below(MIN_TARGET - 6);
  });

  it('sizes a name tag’s avatar at 1.5em of the text, as documented (it came out 0.63 × that)', async () => {
    const page = await fixture<HTMLElement>(html`<p lang="de" style="font: 20px Verdana, Arial, sans-serif"><plaza-person user="ayse.demir" avatar>Ayşe Demir</plaza-person></p>`);
    const person = page.querySelector('plaza-person')!;
    await waitUntil(() => person.shadowRoot?.querySelector('[part="avatar"]'), 'no avatar', { timeout: 5000 });
    expect(Math.round(rectOf(person.shadowRoot!.querySelector('[part="avatar"]')).width)).to.equal(30);
  });

  it('gives the comment count link a 24 px hit area in a 10 px list', async () => {
    const page = await fixture<HTMLElement>(html`<ul lang="de" style="font: 10px Verdana, Arial, sans-serif">
      <li><plaza-comment-count thread="page:/news/kantine" href="/news/kantine.html#kommentare"></plaza-comment-count></li>
    </ul>`);
    const count = page.querySelector('plaza-comment-count')!;
    await waitUntil(() => count.shadowRoot?.querySelector('[part="link"] [part="count"]'), 'the count did not load', { timeout: 5000 });
    expectHitArea('comment count link', count.shadowRoot!.querySelector('[part="link"]'));
  });

  it('gives the permalink a 24 px hit area and the author a readable avatar', async () => {
    const thread = uniqueTarget('small-font');
    await post(thread, 'Gilt das auch für den Betriebshof Süd?');
    const page = await fixture<HTMLElement>(html`<div lang="de" style="font: 10px Verdana, Arial, sans-serif"></div>`);
    page.innerHTML = `<plaza-comments thread="${thread}"></plaza-comments>`;
    const element = page.querySelector<PlazaComments>('plaza-comments')!;
    await loaded(element);
    expectHitArea('permalink', element.shadowRoot!.querySelector('[part="permalink"]'));
    const author = element.shadowRoot!.querySelector('[part="author-person"]')!;
    await waitUntil(() => author.shadowRoot?.querySelector('[part="avatar"]'), 'no avatar', { timeout: 5000 });
    const avatar = rectOf(author.shadowRoot!.querySelector('[part="avatar"]'));
    expect(Math.round(avatar.width), 'avatar in the comment header').to.be.at.least(MIN_TARGET);
    const initials = author.shadowRoot!.querySelector('[part="avatar"] .initials')!;
    expect(parseFloat(getComputedStyle(initials).fontSize), 'initials font size').to.be.at.least(10);
  });
});
