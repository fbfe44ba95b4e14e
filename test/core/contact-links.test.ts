import { expect } from '@open-wc/testing';
import { contactLinks, fillTemplate } from '../../src/core/contact-links.ts';
import type { Person } from '../../src/core/protocol.ts';

const ayse: Person = {
  id: 'ayse.demir',
  name: 'Ayşe Demir',
  email: 'ayse.demir@stadtwerke-musterstadt.example',
  phone: '+49 5555 1207-310',
};

describe('contact links', () => {
  it('makes mail and phone links a device can open', () => {
    expect(contactLinks(ayse, '')).to.deep.equal({
      mail: 'mailto:ayse.demir@stadtwerke-musterstadt.example',
      phone: 'tel:+4955551207310',
    });
  });

  it('fills the operator’s chat template, percent-encoding each value', () => {
    expect(fillTemplate('msteams:/l/chat/0/0?users={email}', ayse)).to.equal('msteams:/l/chat/0/0?users=ayse.demir%40stadtwerke-musterstadt.example');
    expect(fillTemplate('sip:{phone}', ayse)).to.equal('sip:%2B4955551207310');
    expect(fillTemplate('https://chat.intranet.example/dm?name={name}&x={unknown}', ayse)).to.equal(
      'https://chat.intranet.example/dm?name=Ay%C5%9Fe%20Demir&x={unknown}',
    );
  });

  it('resolves a relative template against the page, as other links on it', () => {
    expect(fillTemplate('/chat/{id}', ayse)).to.equal(new URL('/chat/ayse.demir', document.baseURI).href);
  });

  it('refuses schemes that could run code or smuggle content', () => {
    for (const template of ['javascript:alert({email})', 'data:text/html,{name}', 'vbscript:x', ' JavaScript:alert(1)', 'file:///c:/{id}']) {
      expect(fillTemplate(template, ayse), template).to.equal(undefined);
    }
  });

  it('leaves the chat link out when the person lacks what the template needs', () => {
    expect(contactLinks({ id: 'x', name: 'X', email: null }, 'msteams:/l/chat/0/0?users={email}')).to.deep.equal({});
  });

  it('cannot break out of the parameter a value sits in', () => {
    const sneaky: Person = { ...ayse, email: 'a@b.example&users=boss@b.example' };
    expect(fillTemplate('https://chat.example/?users={email}', sneaky)).to.equal('https://chat.example/?users=a%40b.example%26users%3Dboss%40b.example');
  });
});
