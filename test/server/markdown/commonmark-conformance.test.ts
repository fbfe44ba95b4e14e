import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownToHtml } from '../../../server/markdown/render.ts';
import { normalizeHtml } from './normalize.ts';
import { type Difference, holds, softBreaksAsBr, supportedExamples } from './spec-examples.ts';

/*
 * Issue 17: the commonmark-spec examples of the 14 sections Plaza supports,
 * through markdownToHtml, compared after the spec's own normaliser. Every
 * example that disagrees is listed below with the deliberate difference that
 * explains it (decision 103); the test fails when an example not on the list
 * disagrees, when one on the list agrees (take it off), and when a reason
 * does not explain its example: "line breaks", the one cosmetic reason,
 * must turn the spec's HTML into Plaza's exactly, a structural one must be
 * present in the example. Apart from the list, it fails when fewer examples
 * than before agree once line breaks are set aside: a longer list is no
 * way to pass.
 */

const DIFFERENCES: Record<number, Difference[]> = {
  14: ['line breaks'],
  21: ['raw HTML as text'],
  25: ['line breaks'],
  28: ['line breaks'],
  31: ['raw HTML as text'],
  37: ['line breaks'],
  138: ['line breaks'],
  145: ['line breaks'],
  220: ['line breaks'],
  222: ['line breaks'],
  223: ['line breaks'],
  224: ['line breaks'],
  228: ['line breaks'],
  229: ['line breaks'],
  230: ['line breaks'],
  232: ['line breaks'],
  233: ['line breaks'],
  238: ['line breaks'],
  243: ['line breaks'],
  247: ['line breaks'],
  250: ['line breaks'],
  251: ['line breaks'],
  253: ['line breaks'],
  254: ['line breaks'],
  285: ['line breaks'],
  286: ['line breaks'],
  287: ['line breaks'],
  288: ['line breaks'],
  290: ['line breaks'],
  291: ['line breaks'],
  292: ['line breaks'],
  293: ['line breaks'],
  304: ['line breaks'],
  308: ['raw HTML as text'],
  309: ['raw HTML as text'],
  312: ['line breaks'],
  334: ['line breaks'],
  344: ['raw HTML as text'],
  356: ['arithmetic'],
  367: ['line breaks'],
  384: ['line breaks'],
  394: ['line breaks'],
  405: ['line breaks'],
  423: ['line breaks'],
  432: ['line breaks'],
  475: ['raw HTML as text'],
  476: ['raw HTML as text'],
  477: ['raw HTML as text'],
  490: ['line breaks'],
  // `<foo\nbar>` is a raw HTML tag to the spec; Plaza shows it, with its line break.
  491: ['raw HTML as text'],
  494: ['line breaks', 'raw HTML as text'],
  // `foo):` has a colon before any slash: read as a scheme, and not an allowed one.
  500: ['unsafe URL'],
  505: ['line breaks'],
  517: ['images as links'],
  520: ['images as links'],
  // Without raw HTML, `<bar attr="` is text, and the link it hid is a link.
  524: ['raw HTML as text'],
  531: ['images as links'],
  536: ['raw HTML as text'],
  543: ['line breaks'],
  552: ['line breaks'],
  556: ['line breaks'],
  596: ['unsafe URL'],
  598: ['unsafe URL'],
  599: ['unsafe URL'],
  601: ['unsafe URL'],
  602: ['bare links'],
  608: ['bare links'],
  611: ['bare links'],
  642: ['raw HTML as text'],
  643: ['raw HTML as text'],
  648: ['line breaks'],
  649: ['line breaks'],
};

/**
 * What the gate holds: of all 447 examples, this many agree with the spec
 * once a soft line break written as `<br>` is set aside. The 26 others are
 * the structural differences above, all mandated or deliberate (decision 103).
 */
const AGREEING_BUT_FOR_LINE_BREAKS = 421;

test('CommonMark conformance: the supported sections agree with the spec but for the listed deliberate differences', () => {
  const examples = supportedExamples();
  assert.equal(examples.length, 447);
  const problems: string[] = [];
  let strict = 0;
  let butForLineBreaks = 0;
  for (const example of examples) {
    const plaza = markdownToHtml(example.markdown);
    const got = normalizeHtml(plaza);
    const listed = DIFFERENCES[example.number] ?? [];
    const structural = listed.filter((reason) => reason !== 'line breaks');
    const where = `example ${example.number} (${example.section}) ${JSON.stringify(example.markdown)}`;
    const spec = normalizeHtml(example.html);
    const specWithBreaks = normalizeHtml(softBreaksAsBr(example.html));
    if (listed.includes('line breaks') && specWithBreaks === spec) problems.push(`${where}: "line breaks" changes nothing in it`);
    if (got === spec) {
      strict++;
      butForLineBreaks++;
      if (listed.length) problems.push(`${where} agrees now: take it off the list`);
      continue;
    }
    if (!listed.length) {
      problems.push(`${where} disagrees and is not listed:\n  spec:  ${spec}\n  plaza: ${got}`);
      continue;
    }
    if (got === specWithBreaks) {
      butForLineBreaks++;
      if (!listed.includes('line breaks')) problems.push(`${where}: only differs in line breaks, which it does not list`);
      if (structural.length) problems.push(`${where}: only line breaks needed, not ${structural.join(', ')}`);
      continue;
    }
    if (!structural.length) problems.push(`${where}: line breaks do not explain it:\n  spec:  ${specWithBreaks}\n  plaza: ${got}`);
    for (const reason of structural) if (!holds(reason, example, plaza)) problems.push(`${where}: holds no "${reason}"`);
  }
  const percent = (n: number) => `${((100 * n) / examples.length).toFixed(1)} %`;
  console.log(
    `CommonMark conformance, ${examples.length} examples: ${strict} agree as they are (${percent(strict)}), ` +
      `${butForLineBreaks} (${percent(butForLineBreaks)}) once a soft line break written as <br> is set aside; ` +
      `${examples.length - butForLineBreaks} differ in structure on purpose (raw HTML, unsafe URLs, images, bare links, arithmetic).`,
  );
  assert.deepEqual(problems, []);
  // Over all 447 examples, not over those Plaza happens to render: a renderer that regresses anywhere fails here.
  assert.ok(
    butForLineBreaks >= AGREEING_BUT_FOR_LINE_BREAKS,
    `${butForLineBreaks} examples (${percent(butForLineBreaks)}) agree but for line breaks; ${AGREEING_BUT_FOR_LINE_BREAKS} did`,
  );
});
