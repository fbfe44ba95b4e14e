import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import { signOut, uniqueTarget } from '../../support/browser/session.ts';
import { $, $$, article, commentsFor, loaded, post, reader, signInAs, signOutReader, textarea } from './comments-support.ts';
import type { PlazaComments } from '../../../src/elements/comments/comments.ts';

/* Reading a thread, against the real server and its demo seed (server/seed/news.ts). */

describe('<plaza-comments>: reading', () => {
  beforeEach(() => signInAs(reader.id));
  after(() => signOut());

  it('paints a seeded thread from one request: authors as headings, roles, times, replies, Markdown, reactions', async () => {
    performance.clearResourceTimings();
    const element = await commentsFor('page:/news/kantine');
    await waitUntil(() => $$(element, 'plaza-reactions').every((bar) => bar.shadowRoot?.querySelector('[aria-busy="false"]')));

    expect($(element, '[part="heading"]')!.textContent).to.match(/^\d+ Kommentare$/);
    const articles = $$(element, '[part="list"] > li > article');
    expect(articles.length).to.equal(3);
    // Newest first: the Foodtruck question came a day later.
    expect(articles[0]!.querySelector('h3')!.textContent).to.equal('Karl-Heinz Vogel');
    expect(articles[2]!.querySelector('h3')!.textContent).to.equal('Lukas Schneider');
    expect(articles[2]!.querySelector('[part="role"]')!.textContent).to.equal('Netzmonteur');
    const time = articles[2]!.querySelector('time')!;
    expect(new Date(time.dateTime).getTime()).to.be.below(Date.now());
    expect(time.title, 'the exact time is filled in when asked for').to.equal('');
    articles[2]!.querySelector<HTMLElement>('[part="permalink"]')!.focus();
    expect(time.title).to.match(/\d{4}/);
    expect(time.textContent).to.match(/^vor \d+ Tagen|vorgestern$/);

    const replies = [...articles[2]!.querySelectorAll('[part~="reply"]')];
    expect(replies.map((reply) => reply.querySelector('h4')!.textContent)).to.deep.equal(['Heike Wolf', 'Jonas Richter']);
    expect(replies[0]!.querySelector('[part="body"] strong')!.textContent).to.equal('vegan');

    // Every comment's reactions came embedded in the thread: no request per bar, not even a batched one.
    const reactionReads = performance.getEntriesByType('resource').filter((e) => /\/api\/v1\/reactions\?/.test(e.name));
    expect(reactionReads).to.have.length(0);
    // The thread's pages; the reader's watch (`/threads/…/watch`, asked beside the thread) is not one.
    const threadReads = performance.getEntriesByType('resource').filter((e) => /\/api\/v1\/threads\/[^/]+\/comments/.test(e.name));
    expect(threadReads).to.have.length(1);
    const likes = articles[2]!.querySelector(':scope > .footer > plaza-reactions')!.shadowRoot!.querySelector('button[data-kind="like"]')!;
    expect(likes.getAttribute('aria-label')).to.equal('Gefällt mir: 2 Reaktionen');

    // Authors are name tags with a picture, painted from the thread's own data, and open their card.
    const author = articles[2]!.querySelector<HTMLElement & { show(): Promise<void>; open: boolean }>('h3 plaza-person')!;
    expect([author.getAttribute('user'), author.hasAttribute('avatar')]).to.deep.equal(['lukas.schneider', true]);
    await waitUntil(() => author.shadowRoot?.querySelector('[part="trigger"][data-status="complete"] [part="avatar"]'), 'the name tag never painted');
    const peopleReads = performance.getEntriesByType('resource').filter((e) => /\/api\/v1\/people\?/.test(e.name));
    expect(peopleReads, 'the authors came with the thread').to.have.length(0);
    await author.show();
    expect(author.open).to.equal(true);
    expect(author.shadowRoot!.querySelector('plaza-profile-card')!.getAttribute('user')).to.equal('lukas.schneider');
  });

  for (const [label, setUp] of [
    ['at 200 % zoom', () => (document.documentElement.style.zoom = '2')],
    ['in a 320 px column', () => (document.body.style.width = '320px')],
  ] as const) {
    it(`reflows ${label}: nothing wider than the thread, every control at least 24 × 24 px`, async () => {
      setUp();
      try {
        const element = await commentsFor('page:/news/kantine');
        await waitUntil(() => $$(element, 'plaza-person').every((tag) => tag.shadowRoot?.querySelector('[data-status="complete"]')));
        const box = element.getBoundingClientRect();
        const inside = [...element.shadowRoot!.querySelectorAll('*')].filter((el) => !el.closest('[hidden], .visually-hidden, details:not([open]) > :not(summary)'));
        const wider = inside.filter((el) => el.getBoundingClientRect().right > box.right + 1).map((el) => el.getAttribute('part') ?? el.tagName);
        expect(wider, 'parts reaching past the thread').to.deep.equal([]);
        expect(document.scrollingElement!.scrollWidth, 'the page scrolls sideways').to.be.at.most(document.scrollingElement!.clientWidth);
        const small = inside
          .filter((el) => el.matches('button, select, a[part="permalink"], summary') && el.getClientRects().length > 0)
          .map((el) => [el.textContent!.trim().slice(0, 20), el.getBoundingClientRect()] as const)
          .filter(([, rect]) => rect.height < 24 - 0.5 && rect.width < 24 - 0.5);
        expect(small.map(([name]) => name), 'targets below 24 × 24 px').to.deep.equal([]);
      } finally {
        document.documentElement.style.zoom = '';
        document.body.style.width = '';
      }
    });
  }

  it('sorts by the reader’s choice', async () => {
    const element = await commentsFor('page:/news/kantine');
    const select = $<HTMLSelectElement>(element, 'select[part="sort"]')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Neueste zuerst', 'Älteste zuerst', 'Meiste Reaktionen']);
    select.value = 'oldest';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => $(element, '[part="list"] h3')?.textContent === 'Lukas Schneider', 'not re-sorted');
    expect(element.getAttribute('sort')).to.equal('oldest');
  });

  it('keeps a deleted comment as a placeholder while it has replies', async () => {
    const element = await commentsFor('page:/news/sharepoint-umzug');
    const placeholder = $(element, '[part="placeholder"]')!;
    expect(placeholder.textContent).to.equal('Dieser Kommentar wurde gelöscht.');
    const tombstone = placeholder.closest('article')!;
    expect(tombstone.querySelector('h3')!.textContent).to.equal('Gelöschter Kommentar');
    expect(tombstone.querySelector('[part~="reply"] h4')!.textContent).to.equal('Julia Schmitt');
    expect(tombstone.querySelector(':scope > .footer [part="actions"]'), 'no reply to a deleted comment').to.equal(null);
  });

  it('invites the first comment in an empty thread, and only reads in a read-only one', async () => {
    const thread = uniqueTarget('empty');
    const element = await commentsFor(thread);
    expect($(element, '[part="empty"]')!.textContent).to.equal('Noch keine Kommentare. Schreiben Sie den ersten!');
    expect($(element, '[part="heading"]')!.textContent).to.equal('Kommentare');
    await expect(element).to.be.accessible();

    await post(thread, 'Ein Kommentar im Archiv.');
    const archive = await commentsFor(thread, { attrs: 'readonly' });
    expect($(archive, '[part="composer"]')).to.equal(null);
    expect($(archive, '[part="actions"]')).to.equal(null);
    expect($(archive, '[part="heading"]')!.textContent).to.equal('1 Kommentar');
  });

  it('asks signed-out readers to sign in instead of showing a composer', async () => {
    await signOutReader();
    const element = await commentsFor(uniqueTarget('anon'), { lang: 'en' });
    await waitUntil(() => $(element, '[part="notice"]'));
    expect($(element, '[part="notice"]')!.textContent).to.equal('Sign in to join the discussion.');
    expect($(element, '[part="composer"]')).to.equal(null);
  });

  it('shows a skeleton while loading and an error with retry, accessibly', async () => {
    const wrapper = await fixture<HTMLElement>(html`<plaza-config endpoint="http://127.0.0.1:9/api/v1"><plaza-comments thread="page:/x"></plaza-comments></plaza-config>`);
    const failing = wrapper.querySelector('plaza-comments')!;
    await failing.updateComplete;
    expect($(failing, '[part="skeleton"]'), 'skeleton first').to.exist;
    await waitUntil(() => $(failing, '[part="error"]'), 'no error state', { timeout: 8000 });
    expect($(failing, '[part="error"] button')!.textContent!.trim()).to.match(/Try again|Erneut versuchen/);
    await expect(failing).to.be.accessible();
  });

  it('is accessible with a loaded thread, and the composer is reached and labelled by keyboard', async () => {
    const element = await commentsFor('page:/news/e-ladesaeulen');
    await expect(element).to.be.accessible();
    $<HTMLSelectElement>(element, 'select[part="sort"]')!.focus();
    await sendKeys({ press: 'Tab' });
    // A signed-in reader passes "Diskussion folgen" on the way, beside the sort in the header.
    expect(element.shadowRoot!.activeElement).to.equal($(element, '[part="watch"]'));
    await sendKeys({ press: 'Tab' });
    const field = element.shadowRoot!.activeElement as HTMLTextAreaElement;
    expect(field).to.equal(textarea(element));
    expect(field.labels![0]!.textContent).to.equal('Ihr Kommentar');
    const reply = $<HTMLButtonElement>(element, '[data-action="reply"]')!;
    expect(reply.getAttribute('aria-label')).to.match(/^.+ antworten$/);
    reply.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.shadowRoot!.activeElement?.matches('form[data-composer^="reply-"] textarea'), 'Enter did not open the reply');
    const replyField = element.shadowRoot!.activeElement as HTMLTextAreaElement;
    expect(replyField.labels![0]!.textContent).to.match(/^Ihre Antwort an /);
  });

  it('scrolls to and highlights the comment a permalink names, also on first load', async () => {
    const thread = uniqueTarget('permalink');
    const first = await post(thread, 'Der verlinkte Kommentar.');
    for (let i = 0; i < 3; i++) await post(thread, `Später Nummer ${i}`);
    location.hash = `#comment-${first.id}`;
    try {
      const element = await commentsFor(thread, { attrs: 'page-size="2"' });
      await waitUntil(() => article(element, first.id)?.classList.contains('highlighted'), 'not highlighted (it is on the second page)');
      expect(element.shadowRoot!.activeElement).to.equal(article(element, first.id));
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('scrolls a permalinked comment far down a long thread into view (threads off screen are not laid out until needed)', async () => {
    const thread = uniqueTarget('permalink-far');
    const first = await post(thread, 'Der verlinkte Kommentar, ganz unten.');
    const long = Array.from({ length: 6 }, (_, i) => `Absatz ${i + 1} eines langen Kommentars.`).join('\n\n');
    for (let i = 0; i < 12; i++) await post(thread, `${long}\n\nNummer ${i}`);
    location.hash = `#comment-${first.id}`;
    try {
      const element = await commentsFor(thread);
      await waitUntil(() => article(element, first.id)?.classList.contains('highlighted'), 'not highlighted');
      await waitUntil(() => {
        const { top, bottom } = article(element, first.id)!.getBoundingClientRect();
        return top >= 0 && bottom <= innerHeight;
      }, 'the comment is not in view');
      expect(article(element, first.id)!.textContent).to.contain('ganz unten');
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('renders the first screen’s name tags and bars with the list, the ones further down when near or idle', async () => {
    const thread = uniqueTarget('lazy');
    for (let i = 0; i < 14; i++) await post(thread, `Kommentar ${i}`);
    const element = await commentsFor(thread, { attrs: 'page-size="20"' });
    const articles = $$(element, 'article[part~="comment"]');
    expect(articles).to.have.length(14);
    const shown = (el: Element | null) => !!el?.shadowRoot?.querySelector('button');
    const first = articles.slice(0, 12);
    expect(first.every((a) => shown(a.querySelector('plaza-reactions'))), 'bars of the first screen, with the list').to.equal(true);
    expect(first.every((a) => shown(a.querySelector('plaza-person'))), 'names of the first screen, with the list').to.equal(true);
    const later = articles.slice(12);
    expect(later.map((a) => a.querySelector('plaza-reactions')!.getAttribute('loading'))).to.deep.equal(['lazy', 'lazy']);
    expect(later.map((a) => a.querySelector('plaza-person')!.textContent)).to.deep.equal([reader.name, reader.name]);
    await waitUntil(() => articles.every((a) => shown(a.querySelector('plaza-reactions')) && shown(a.querySelector('plaza-person'))), 'the later ones never rendered');
  });

  it('loads more comments by cursor', async () => {
    const thread = uniqueTarget('paging');
    for (let i = 0; i < 3; i++) await post(thread, `Kommentar ${i}`);
    const element: PlazaComments = await commentsFor(thread, { attrs: 'page-size="2"' });
    expect($$(element, '[part="list"] > li')).to.have.length(2);
    $<HTMLButtonElement>(element, '[part="load-more"]')!.click();
    await waitUntil(() => $$(element, '[part="list"] > li').length === 3, 'no second page');
    expect($(element, '[part="load-more"]')).to.equal(null);
    await loaded(element);
  });
});
