import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { elements } from '../../src/define.ts';
import { upgradePlaceholder } from '../../src/core/placeholders.ts';
import { widgetNames } from '../../src/core/widget-names.ts';

const widgets = widgetNames(Object.keys(elements));

describe('CMS placeholders', () => {
  it('turns <div data-plaza="reactions"> into the element, data-* into attributes', async () => {
    const wrapper = await fixture(html`<section><div data-plaza="reactions" data-target="page:/placeholder" data-kinds="like" id="r1" class="teaser"></div></section>`);
    await nextFrame();
    const element = wrapper.querySelector('plaza-reactions')!;
    expect(element, 'upgraded').to.exist;
    expect(element.target).to.equal('page:/placeholder');
    expect(element.kinds).to.equal('like');
    expect(element.id).to.equal('r1');
    expect(element.className).to.equal('teaser');
    expect(wrapper.querySelector('[data-plaza]')).to.equal(null);
  });

  it('upgrades placeholders a page script adds later', async () => {
    const later = document.createElement('div');
    later.innerHTML = '<p>Teaser</p><div data-plaza="reactions" data-target="page:/later"></div>';
    document.body.append(later);
    try {
      await nextFrame();
      expect(later.querySelector('plaza-reactions')?.getAttribute('target')).to.equal('page:/later');
    } finally {
      later.remove();
    }
  });

  it('leaves an unknown widget alone', () => {
    const odd = document.createElement('div');
    odd.dataset.plaza = 'guestbook';
    document.body.append(odd);
    try {
      expect(upgradePlaceholder(odd, widgets)).to.equal(null);
      expect(odd.isConnected).to.equal(true);
    } finally {
      odd.remove();
    }
  });

  it('offers every registered element but <plaza-config> as a widget, by its tag without "plaza-"', () => {
    expect(widgets).to.deep.equal(['reactions', 'comments', 'comment-count', 'profile-card', 'person', 'activity-feed', 'notifications']);
    for (const name of widgets) {
      const placeholder = document.createElement('div');
      placeholder.dataset.plaza = name;
      document.body.append(placeholder);
      const element = upgradePlaceholder(placeholder, widgets);
      try {
        expect(element?.localName, name).to.equal(`plaza-${name}`);
        expect(element).to.be.instanceOf(customElements.get(`plaza-${name}`)!);
      } finally {
        element?.remove();
      }
    }
  });
});
