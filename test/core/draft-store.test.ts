import { expect } from '@open-wc/testing';
import { DraftStore, newIdempotencyKey } from '../../src/core/draft-store.ts';
import { normalisePageUrl, threadKeyFor } from '../../src/core/thread-key.ts';

/** A Storage that lives only as long as the test, optionally refusing every write like a full quota. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  constructor(private readonly refuseWrites = false) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.refuseWrites) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const thread = 'page:/news/kantine';

describe('DraftStore: never lose words', () => {
  it('keeps a draft per thread, reply target and edit, across instances (a reload)', () => {
    const storage = new MemoryStorage();
    const before = new DraftStore('https://intranet.example/api/v1', storage);
    before.save({ thread }, 'Neuer Kommentar');
    before.save({ thread, replyTo: 'A' }, 'Antwort an A');
    before.save({ thread, edit: 'B' }, 'Geänderter Text');

    const after = new DraftStore('https://intranet.example/api/v1', storage);
    expect(after.get({ thread })?.text).to.equal('Neuer Kommentar');
    expect(after.get({ thread, replyTo: 'A' })?.text).to.equal('Antwort an A');
    expect(after.get({ thread, edit: 'B' })?.text).to.equal('Geänderter Text');
    expect(after.get({ thread: 'page:/other' })).to.equal(undefined);
    expect(after.list(thread).map((draft) => draft.text)).to.have.members(['Neuer Kommentar', 'Antwort an A', 'Geänderter Text']);
  });

  it('keeps two endpoints apart', () => {
    const storage = new MemoryStorage();
    new DraftStore('https://a.example/api/v1', storage).save({ thread }, 'für A');
    expect(new DraftStore('https://b.example/api/v1', storage).get({ thread })).to.equal(undefined);
    expect(new DraftStore('https://b.example/api/v1', storage).list(thread)).to.deep.equal([]);
  });

  it('removes a draft when its text is emptied, and on clear only if the text is still the one sent', () => {
    const drafts = new DraftStore('e', new MemoryStorage());
    drafts.save({ thread }, 'erste Fassung');
    drafts.save({ thread }, '   ');
    expect(drafts.get({ thread })).to.equal(undefined);

    drafts.save({ thread }, 'gesendet');
    drafts.save({ thread }, 'schon der nächste Kommentar');
    drafts.clear({ thread }, 'gesendet');
    expect(drafts.get({ thread })?.text, 'the newer words survive').to.equal('schon der nächste Kommentar');
    drafts.clear({ thread }, 'schon der nächste Kommentar');
    expect(drafts.get({ thread })).to.equal(undefined);
  });

  it('reuses the idempotency key for the same words and forgets it when they change', () => {
    const storage = new MemoryStorage();
    const drafts = new DraftStore('e', storage);
    drafts.save({ thread }, 'Hallo');
    const first = drafts.idempotencyKey({ thread }, 'Hallo');
    expect(first).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new DraftStore('e', storage).idempotencyKey({ thread }, 'Hallo'), 'after a reload too').to.equal(first);
    drafts.save({ thread }, 'Hallo zusammen');
    expect(drafts.idempotencyKey({ thread }, 'Hallo zusammen')).not.to.equal(first);
  });

  it('still keeps words in memory when storage refuses them', () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      const drafts = new DraftStore('e', new MemoryStorage(true));
      drafts.save({ thread }, 'trotzdem da');
      expect(drafts.get({ thread })?.text).to.equal('trotzdem da');
      const noStorage = new DraftStore('e', null);
      noStorage.save({ thread }, 'auch ohne Speicher');
      expect(noStorage.get({ thread })?.text).to.equal('auch ohne Speicher');
    } finally {
      console.warn = warn;
    }
  });

  it('drops drafts older than a month, and ignores what it cannot read', () => {
    const storage = new MemoryStorage();
    let now = Date.UTC(2026, 0, 1);
    const drafts = new DraftStore('e', storage, () => now);
    drafts.save({ thread }, 'alt');
    storage.setItem('plaza:draft:["e","page:/x","",""]', '{kaputt');
    now += 31 * 24 * 60 * 60 * 1000;
    new DraftStore('e', storage, () => now);
    expect(storage.length).to.equal(0);
  });

  it('makes version-4 UUIDs also where crypto.randomUUID is missing (plain-http intranets)', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).to.equal(50);
  });
});

describe('thread keys from the page address', () => {
  it('drops tracking parameters, fragments, session ids and trailing slashes, and sorts the rest', () => {
    expect(normalisePageUrl('https://i.example/news/kantine/?utm_source=mail&utm_medium=x#comment-1')).to.equal('/news/kantine');
    expect(normalisePageUrl('https://i.example/app/article.jsp;jsessionid=ABC123?id=42&fbclid=z')).to.equal('/app/article.jsp?id=42');
    expect(normalisePageUrl('https://i.example/a.aspx?b=2&a=1')).to.equal(normalisePageUrl('https://i.example/a.aspx?a=1&b=2'));
    expect(normalisePageUrl('https://i.example/')).to.equal('/');
  });

  it('prefers the canonical link', () => {
    const link = document.createElement('link');
    link.rel = 'canonical';
    link.href = 'https://intranet.example/news/kantine?utm_campaign=x';
    document.head.append(link);
    try {
      expect(threadKeyFor()).to.equal('page:/news/kantine');
    } finally {
      link.remove();
    }
    expect(threadKeyFor()).to.equal(`page:${normalisePageUrl(location.href)}`);
  });
});
