import { expect } from '@open-wc/testing';
import type { PlazaClient } from '../../src/core/client.ts';
import { isKnownMention, mentionedIds, mentionQueryAt, shownMentions, storedMentions, withMention } from '../../src/core/comments/mention-text.ts';
import { PeopleSearch } from '../../src/core/people-search.ts';
import type { Person } from '../../src/core/protocol.ts';

/* The text side of @-mentions and the search cache, without a DOM or a server (one piece each, as docs/testing.md allows). */

describe('mention text', () => {
  it('finds the name being typed before the caret, up to three words', () => {
    expect(mentionQueryAt('Frage an @mül', 13)).to.deep.equal({ start: 9, end: 13, query: 'mül' });
    expect(mentionQueryAt('@Jürgen Mü', 10)).to.deep.equal({ start: 0, end: 10, query: 'Jürgen Mü' });
    expect(mentionQueryAt('(@ayse', 6)!.query).to.equal('ayse');
    expect(mentionQueryAt('Frage an @mül und mehr', 13)!.query, 'only what is before the caret').to.equal('mül');
  });

  it('is no mention in an e-mail address, after a finished mention, or on a new line', () => {
    expect(mentionQueryAt('anna@firma', 10)).to.equal(null);
    expect(mentionQueryAt('@[Anna](person:anna) ', 21)).to.equal(null);
    expect(mentionQueryAt('@anna\nweiter', 12)).to.equal(null);
    expect(mentionQueryAt('@', 1)).to.equal(null);
  });

  it('puts the name in place of the query, with one space after it unless one or punctuation follows', () => {
    const names = new Map<string, string>();
    const at = mentionQueryAt('Hallo @mül, wie geht es?', 10)!;
    expect(withMention('Hallo @mül, wie geht es?', at, { id: 'juergen.mueller', name: 'Jürgen Müller' }, names)).to.deep.equal({
      text: 'Hallo @Jürgen Müller, wie geht es?',
      caret: 20,
    });
    expect(names.get('Jürgen Müller')).to.equal('juergen.mueller');
    const before = mentionQueryAt('Hallo @mül wie', 10)!;
    const inserted = withMention('Hallo @mül wie', before, { id: 'x', name: 'X' }, names);
    expect(inserted).to.deep.equal({ text: 'Hallo @X wie', caret: 9 });
  });

  it('shows mentions as names and stores whole known names as mentions, changed ones as text', () => {
    const names = new Map<string, string>();
    const stored = 'Danke @[Jürgen Müller](person:juergen.mueller) und @[Ayşe Demir](person:ayse.demir)!';
    const shown = shownMentions(stored, names);
    expect(shown).to.equal('Danke @Jürgen Müller und @Ayşe Demir!');
    expect(storedMentions(shown, names)).to.equal(stored);
    expect(storedMentions('@Jürgen Müllers Team, @Jürgen Mül, mail@Ayşe Demir', names), 'only whole names count').to.equal('@Jürgen Müllers Team, @Jürgen Mül, mail@Ayşe Demir');
    expect(storedMentions('(@Ayşe Demir)', names)).to.equal('(@[Ayşe Demir](person:ayse.demir))');
    expect(isKnownMention('Hallo @Ayşe Demir bitte', 6, names)).to.equal(true);
    expect(isKnownMention('Hallo @Ayşe Dem', 6, names)).to.equal(false);
    const odd = new Map([['A.(b)*', 'a']]);
    expect(storedMentions('@A.(b)* x', odd), 'names are matched literally').to.equal('@[A.(b)*](person:a) x');
  });

  it('counts distinct people as the server does, skipping code', () => {
    const text = '@[A](person:a) @[B](person:b) @[A](person:a) `@[C](person:c)`\n```\n@[D](person:d)\n```';
    expect(mentionedIds(text)).to.deep.equal(['a', 'b']);
  });
});

describe('PeopleSearch', () => {
  function searchWith(answers: Record<string, Person[]>) {
    const asked: string[] = [];
    const client = {
      searchPeople: async (q: string) => {
        asked.push(q);
        return { items: answers[q] ?? [] };
      },
    } as unknown as PlazaClient;
    return { search: new PeopleSearch(client), asked };
  }

  it('asks once per query, whatever its case and spacing', async () => {
    const anna = { id: 'a', name: 'Anna' };
    const { search, asked } = searchWith({ an: [anna] });
    expect(await search.search('An')).to.deep.equal([anna]);
    expect(await search.search(' an ')).to.deep.equal([anna]);
    expect(search.peek('AN')).to.deep.equal([anna]);
    expect(asked).to.deep.equal(['an']);
  });

  it('knows that a longer query finds nobody when a shorter one found nobody', async () => {
    const { search, asked } = searchWith({});
    expect(await search.search('zz')).to.deep.equal([]);
    expect(await search.search('zzy')).to.deep.equal([]);
    expect(await search.search('zzy zz')).to.deep.equal([]);
    expect(asked).to.deep.equal(['zz']);
  });
});
