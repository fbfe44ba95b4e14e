import { expect } from '@open-wc/testing';
import type { PlazaProfileCard } from '../../../src/elements/profile-card/profile-card.ts';
import { card, html, signInAs, signOutReader, reader } from '../shared/people-support.ts';

/*
 * A legacy intranet's left column: 150 px wide, a grey ground and small grey
 * text set by the page (issue 16, item 9). Against the real server's seed:
 * Ayşe Demir is "Teamleiterin Kundenberatung" in "Kundenservice".
 */

/** Where a text's lines start, as offsets into `text` (one per line after the first). */
function lineStarts(node: Text, start: number, end: number): number[] {
  const starts: number[] = [];
  let top: number | undefined;
  const range = document.createRange();
  for (let i = start; i < end; i++) {
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const rect = [...range.getClientRects()].find((r) => r.width > 0);
    if (!rect) continue;
    if (top !== undefined && Math.round(rect.top) > top) starts.push(i - start);
    top = Math.round(rect.top);
  }
  return starts;
}

/**
 * Where this browser may hyphenate `word` in German: a box too narrow for any syllable, with
 * hyphens: auto and no other breaking, breaks it at every hyphenation point it knows. Firefox
 * hyphenates German; Chromium on Linux knows none and so may break nowhere.
 */
function hyphenationPoints(word: string, font: string): number[] {
  const probe = document.createElement('div');
  Object.assign(probe.style, { width: '0', font, hyphens: 'auto', overflowWrap: 'normal', position: 'absolute' });
  probe.lang = 'de';
  probe.textContent = word;
  document.body.append(probe);
  try {
    return lineStarts(probe.firstChild as Text, 0, word.length);
  } finally {
    probe.remove();
  }
}

/** Every word of the card's text that the browser split over two lines other than where German hyphenation allows. */
function wordsBrokenMidWord(element: Element, font: string): string[] {
  const broken: string[] = [];
  const walker = document.createTreeWalker(element.shadowRoot!, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (const match of text.matchAll(/[\p{L}\p{N}'’.-]+/gu)) {
      const breaks = lineStarts(node as Text, match.index!, match.index! + match[0].length);
      if (breaks.length === 0) continue;
      const allowed = hyphenationPoints(match[0], font);
      if (breaks.some((at) => !allowed.includes(at))) broken.push(match[0]);
    }
  }
  return broken;
}

const FONT = '11px Verdana, Arial, sans-serif';

describe('a profile card in a narrow grey legacy column', () => {
  before(() => signInAs(reader.id));
  after(() => signOutReader());

  for (const ground of ['#ddd', '#ccc']) {
    for (const variant of ['full', 'compact']) {
      it(`keeps words whole and secondary text readable on ${ground} (${variant})`, async () => {
        const element: PlazaProfileCard = await card(html`<div lang="de" style="width: 150px; background: ${ground}; color: #333; font: ${FONT}">
          <plaza-profile-card user="ayse.demir" variant=${variant}></plaza-profile-card>
        </div>`);
        expect(element.getBoundingClientRect().width).to.be.at.most(150);
        expect(wordsBrokenMidWord(element, FONT), 'words broken inside').to.deep.equal([]);
        await expect(element).to.be.accessible();
      });
    }
  }
});
