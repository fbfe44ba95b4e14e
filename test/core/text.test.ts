import { expect } from '@open-wc/testing';
import { isBlank, isWellFormed } from '../../src/core/text.ts';
import { checkComposerText } from '../../src/elements/shared/composer-problems.ts';

/** The message key the composer would show, with its parameters: enough to see which check spoke. */
const t = ((key: string, params?: Record<string, unknown>) => (params ? `${key} ${JSON.stringify(params)}` : key)) as Parameters<typeof checkComposerText>[0];
const limits = { commentLength: 10_000, mentionsPerComment: 20 };

describe('text as the composer and the server measure it', () => {
  it('an invisible-only comment is empty, in the composer as on the server', () => {
    for (const text of ['\u200b\u200b', '\u3164', '\u2800 \ufeff\n', '\u2060\u00ad\u200d', '\u115f\u1160\uffa0']) {
      expect(isBlank(text), JSON.stringify(text)).to.equal(true);
      expect(checkComposerText(t, text, limits)).to.equal('composer.empty');
    }
    expect(isBlank('\u200bHallo')).to.equal(false);
    expect(checkComposerText(t, '\u200bHallo', limits)).to.equal('');
  });

  it('length is counted in UTF-16 code units: 5,000 emoji fit 10,000, one more does not', () => {
    expect(checkComposerText(t, '😀'.repeat(5_000), limits)).to.equal('');
    expect(checkComposerText(t, '😀'.repeat(5_001), limits)).to.equal('composer.tooLong {"max":10000}');
  });

  it('a lone surrogate is not well-formed; a pair is', () => {
    expect(isWellFormed('a\ud800b')).to.equal(false);
    expect(isWellFormed('a\udc00')).to.equal(false);
    expect(isWellFormed('😀')).to.equal(true);
  });
});
