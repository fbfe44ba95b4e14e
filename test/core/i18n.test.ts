import { expect } from '@open-wc/testing';
import { describeProblem, loadMessages, registerMessages, resolveLocale, translator } from '../../src/core/i18n.ts';
import { PlazaError } from '../../src/core/problem.ts';
import { PROBLEM_TYPES } from '../../src/core/protocol.ts';
import { reactionsMessages } from '../../src/elements/reactions/messages.ts';
import { activityFeedMessages } from '../../src/elements/activity-feed/messages.ts';
import { composerMessages } from '../../src/elements/shared/composer-messages.ts';

describe('i18n', () => {
  // Each language is its own modules, one per element, loaded when an element first speaks it (decisions 131, 180).
  before(() => Promise.all([loadMessages('de', [reactionsMessages]), loadMessages('en', [reactionsMessages])]));

  it('prefers the configured locale, then the nearest lang, across shadow roots', () => {
    const outer = document.createElement('div');
    outer.lang = 'de-AT';
    const host = document.createElement('div');
    outer.append(host);
    const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('span'));
    expect(resolveLocale('', inner)).to.equal('de');
    expect(resolveLocale('en', inner)).to.equal('en');
    expect(resolveLocale('xx', inner)).to.equal('de');
  });

  it('chooses plural forms and formats numbers the German way', () => {
    const t = translator('de');
    expect(t('reactions.button', { kind: 'Gefällt mir', count: 1 })).to.equal('Gefällt mir: 1 Reaktion');
    expect(t('reactions.button', { kind: 'Gefällt mir', count: 1200 })).to.equal('Gefällt mir: 1.200 Reaktionen');
    expect(translator('en')('reactions.button', { kind: 'Like', count: 2 })).to.equal('Like: 2 reactions');
  });

  it('lets a company add a language, falling back to English for missing keys', () => {
    registerMessages('fr', { 'reactions.who': 'Qui a réagi ?' });
    const t = translator('fr');
    expect(t('reactions.who')).to.equal('Qui a réagi ?');
    expect(t('common.retry')).to.equal('Try again');
  });

  it('explains problems in the reader’s words', () => {
    const t = translator('de');
    const unauthenticated = new PlazaError({ type: PROBLEM_TYPES.unauthenticated, title: 'Unauthorized', status: 401 });
    expect(describeProblem(t, unauthenticated)).to.equal('Bitte melden Sie sich zuerst an.');
    const odd = new PlazaError({ type: 'about:blank', title: 'Teapot', status: 418 });
    expect(describeProblem(t, odd)).to.equal('Etwas ist schiefgelaufen (418).');
  });

  it('loads each element’s messages on their own, under the overrides a page registered before', async () => {
    // Nothing here asked for the feed's part: its keys are not there (a page without a feed never fetches them).
    expect(translator('de')('feed.label')).to.equal('feed.label');
    registerMessages('de', { 'composer.preview': 'Vorschau zeigen' });
    await loadMessages('de', [composerMessages, activityFeedMessages]);
    const t = translator('de');
    expect(t('composer.preview')).to.equal('Vorschau zeigen');
    expect(t('composer.preview.empty')).to.equal('Noch kein Text für die Vorschau.');
    expect(t('feed.label')).to.equal('Aktivitäten');
    expect(t('reactions.who')).to.equal('Wer hat reagiert?');
  });
});
