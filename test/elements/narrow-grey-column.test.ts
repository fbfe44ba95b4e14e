import { expect } from '@open-wc/testing';
import type { PlazaProfileCard } from '../../src/elements/people/profile-card.ts';
import { card, html, signInAs, signOutReader, reader } from './people-support.ts';

/*
 * A legacy intranet's left column: 150 px wide, a grey ground and small grey
 * text set by the page (issue 16, item 9). Against the real server's seed:
 * Ayşe Demir is "Teamleiterin Kundenberatung" in "Kundenservice".
 */

/** Every word of the card's text that the browser split over two lines (a break inside a word). */
function wordsBrokenMidWord(element: Element): string[] {
  const broken: string[] = [];
  const walk = (root: Node) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/[\p{L}\p{N}'’.-]+/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  };
  walk(element.shadowRoot!);
  return broken;
}

describe('a profile card in a narrow grey legacy column', () => {
  before(() => signInAs(reader.id));
  after(() => signOutReader());

  for (const ground of ['#ddd', '#ccc']) {
    for (const variant of ['full', 'compact']) {
      it(`keeps words whole and secondary text readable on ${ground} (${variant})`, async () => {
        const element: PlazaProfileCard = await card(html`<div
          lang="de"
          style="width: 150px; background: ${ground}; color: #333; font: 11px Verdana, Arial, sans-serif"
        >
          <plaza-profile-card user="ayse.demir" variant=${variant}></plaza-profile-card>
        </div>`);
        expect(element.getBoundingClientRect().width).to.be.at.most(150);
        expect(wordsBrokenMidWord(element), 'words broken inside').to.deep.equal([]);
        await expect(element).to.be.accessible();
      });
    }
  }
});
