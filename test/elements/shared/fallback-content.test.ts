import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import '../../../src/define.ts';
import { waitUntil } from '../../support/browser/wait.ts';
import { uniqueTarget } from '../../support/browser/session.ts';

/*
 * docs/browsers.md tells authors to put a sentence inside a widget's tag for browsers where
 * Plaza does not run (Internet Explorer 11, Edge in IE mode): there the tag is an unknown
 * element and shows what is inside it. Where Plaza runs, that sentence must not show.
 */

/** Whether any part of the text is laid out on the page (light DOM that no slot takes has no boxes). */
function rendered(text: Node): boolean {
  const range = document.createRange();
  range.selectNodeContents(text);
  return range.getClientRects().length > 0;
}

const FALLBACK = 'Kommentare und Reaktionen gibt es in Ihrem Browser leider nicht.';

describe('fallback content for browsers without Plaza', () => {
  for (const tag of ['plaza-reactions', 'plaza-comments', 'plaza-comment-count', 'plaza-activity-feed', 'plaza-profile-card']) {
    it(`<${tag}> hides the sentence inside it once it runs`, async () => {
      const wrapper = await fixture<HTMLElement>(html`<div lang="de"></div>`);
      // Written as a page's HTML would be, not through Lit's templates.
      wrapper.innerHTML = `<${tag} target="${uniqueTarget('fallback')}" thread="${uniqueTarget('fallback')}" user="anna.lehmann">${FALLBACK}</${tag}>`;
      const element = wrapper.firstElementChild as HTMLElement;
      await waitUntil(() => element.shadowRoot?.childNodes.length, `<${tag}> did not render`);
      await nextFrame();
      const text = element.firstChild!;
      expect(text.textContent).to.equal(FALLBACK);
      expect(rendered(text), 'the fallback sentence is laid out').to.equal(false);
    });
  }

  it('a CMS placeholder keeps its sentence only until Plaza turns it into the widget', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="de"></div>`);
    wrapper.innerHTML = `<div data-plaza="reactions" data-target="${uniqueTarget('fallback')}">${FALLBACK}</div>`;
    await waitUntil(() => wrapper.querySelector('plaza-reactions'), 'the placeholder was not upgraded');
    expect(wrapper.textContent).not.to.contain(FALLBACK);
  });

  it('<plaza-person> shows the name inside it while the profile loads, and as plain text where Plaza does not run', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="de"></div>`);
    wrapper.innerHTML = '<plaza-person user="no-such-person-fallback">Erika Beispiel</plaza-person>';
    const person = wrapper.firstElementChild as HTMLElement;
    await waitUntil(() => person.shadowRoot?.querySelector('slot'), '<plaza-person> did not render its slot');
    expect(rendered(person.firstChild!), 'the name inside the tag is shown').to.equal(true);
  });
});
