import { expect } from '@open-wc/testing';
import { PlazaClient } from '../../src/core/client.ts';
import { absoluteDate } from '../../src/core/time.ts';

/* URLs the client asks for: what the server's query parsing relies on. */
describe('PlazaClient URLs', () => {
  it('repeats a list parameter once per value, encoded, after the path', () => {
    const client = new PlazaClient('https://intranet.example/plaza/api/v1/');
    const url = new URL(client.eventsUrl(['reactions:page:/news/a b', 'comments:thread&x'], '42'));
    expect(url.origin + url.pathname).to.equal('https://intranet.example/plaza/api/v1/events');
    expect(url.searchParams.getAll('topics')).to.deep.equal(['reactions:page:/news/a b', 'comments:thread&x']);
    expect(url.searchParams.get('lastEventId')).to.equal('42');
  });
});

describe('absoluteDate', () => {
  it('writes each day once per locale, whatever the time of day', () => {
    const morning = new Date(2025, 2, 12, 8, 5);
    const evening = new Date(2025, 2, 12, 22, 40);
    expect(absoluteDate(morning, 'de')).to.equal('12. März 2025');
    expect(absoluteDate(evening, 'de')).to.equal('12. März 2025');
    expect(absoluteDate(evening, 'en')).to.equal('March 12, 2025');
    expect(absoluteDate(new Date(2025, 2, 13, 0, 1), 'de')).to.equal('13. März 2025');
  });
});
