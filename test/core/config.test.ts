import { expect, fixture, html } from '@open-wc/testing';
import { pageDefaults, resolveConfig } from '../../src/core/config.ts';
import '../../src/define.ts';
import type { PlazaReactions } from '../../src/elements/reactions/reactions.ts';

describe('configuration discovery', () => {
  it('uses the built-in same-origin endpoint when nothing else says', () => {
    expect(resolveConfig().endpoint).to.equal(new URL('/api/v1', location.href).href);
  });

  it('lets nearer layers win and ignores empty values', () => {
    const config = resolveConfig({ endpoint: 'https://near.example/api', locale: '' }, { endpoint: 'https://far.example/api', locale: 'de' });
    expect(config.endpoint).to.equal('https://near.example/api');
    expect(config.locale).to.equal('de');
  });

  it('reads page defaults from meta tags', () => {
    const meta = document.createElement('meta');
    meta.name = 'plaza:locale';
    meta.content = 'en';
    document.head.append(meta);
    try {
      expect(pageDefaults().locale).to.equal('en');
    } finally {
      meta.remove();
    }
  });

  it('gives elements inside <plaza-config> its endpoint and locale over the page’s', async () => {
    const wrapper = await fixture(html`<plaza-config endpoint="http://127.0.0.1:9/api/v1" locale="en">
      <plaza-reactions target="page:/config-test"></plaza-reactions>
    </plaza-config>`);
    const bar = wrapper.querySelector('plaza-reactions') as PlazaReactions;
    expect(bar.config.endpoint).to.equal('http://127.0.0.1:9/api/v1');
    expect(bar.locale).to.equal('en');
  });
});

describe('nested <plaza-config> and <base href>', () => {
  it('lets an inner <plaza-config> override only what it sets', async () => {
    const outer = await fixture(html`<plaza-config endpoint="http://127.0.0.1:9/api/v1" locale="de">
      <plaza-config locale="en"><plaza-reactions target="page:/nested"></plaza-reactions></plaza-config>
    </plaza-config>`);
    const bar = outer.querySelector('plaza-reactions') as PlazaReactions;
    await bar.updateComplete;
    expect(bar.config.endpoint).to.equal('http://127.0.0.1:9/api/v1');
    expect(bar.locale).to.equal('en');
  });

  it('keeps the built-in endpoint on the page’s origin even under a foreign <base href>', () => {
    const base = document.createElement('base');
    base.href = 'https://cdn.invalid/content/';
    document.head.prepend(base);
    try {
      expect(resolveConfig().endpoint).to.equal(`${location.origin}/api/v1`);
      expect(resolveConfig({ endpoint: 'plaza/api' }).endpoint, 'a configured relative endpoint follows <base> like other URLs').to.equal('https://cdn.invalid/content/plaza/api');
    } finally {
      base.remove();
    }
  });
});
