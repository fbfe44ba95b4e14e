import { expect, fixture, html } from '@open-wc/testing';
import { loadMessages, translator } from '../../../src/core/i18n.ts';
import { fillExactTime } from '../../../src/elements/shared/exact-time.ts';
import { composerMessages } from '../../../src/elements/shared/composer-messages.ts';

describe('exact times of comments, filled in on demand', () => {
  const at = '2026-03-12T09:30:00Z';
  before(() => Promise.all([loadMessages('de', [composerMessages]), loadMessages('en', [composerMessages])]));

  async function list(locale: string) {
    const element = await fixture<HTMLOListElement>(html`<ol>
      <li>
        <a href="#c1"><time datetime=${at} data-exact-time=${at}>vor 3 Tagen</time></a>
        <span class="edited" data-exact-time=${at} data-exact-edited>(bearbeitet)</span>
      </li>
    </ol>`);
    const fill = (event: Event) => fillExactTime(event, translator(locale), locale);
    element.addEventListener('focusin', fill);
    element.addEventListener('pointerover', fill);
    return element;
  }

  it('gives the time its exact date when focus reaches the permalink around it', async () => {
    const element = await list('de');
    const time = element.querySelector('time')!;
    expect(time.title).to.equal('');
    element.querySelector('a')!.focus();
    expect(time.title).to.contain('2026').and.to.contain('März');
  });

  it('says "edited" with the time when the pointer reaches the marker', async () => {
    const element = await list('en');
    const edited = element.querySelector<HTMLElement>('.edited')!;
    edited.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    expect(edited.title).to.match(/^Edited: .*2026/);
  });

  it('writes it again in the new language after the language changed', async () => {
    const element = await list('de');
    const time = element.querySelector('time')!;
    time.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    expect(time.title).to.contain('März');
    fillExactTime({ target: time } as unknown as Event, translator('en'), 'en');
    expect(time.title).to.contain('March');
  });
});
