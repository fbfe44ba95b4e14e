import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { PlazaElement } from '../../../src/elements/shared/plaza-element.ts';

/** A Plaza element with one of each: a text field, a button, and a slot for the page's own content. */
class KeysProbe extends PlazaElement {
  override render() {
    return litHtml`<textarea></textarea><button type="button">Senden</button><slot></slot>`;
  }
}
customElements.define('plaza-keys-probe', KeysProbe);

describe("keys typed into Plaza's fields stay Plaza's (issue 16 item 8)", () => {
  /** The keys the page's document-level handler hears when `key` is pressed on `target`. */
  function heard(target: Element, key: string, prevent = false): string[] {
    const seen: string[] = [];
    const listen = (e: Event) => seen.push(`${e.type} ${(e as KeyboardEvent).key}`);
    for (const type of ['keydown', 'keypress', 'keyup']) document.addEventListener(type, listen);
    try {
      for (const type of ['keydown', 'keypress', 'keyup']) {
        const event = new KeyboardEvent(type, { key, bubbles: true, composed: true, cancelable: true });
        if (prevent) target.addEventListener(type, (e) => e.preventDefault(), { once: true });
        target.dispatchEvent(event);
      }
    } finally {
      for (const type of ['keydown', 'keypress', 'keyup']) document.removeEventListener(type, listen);
    }
    return seen;
  }

  async function probe() {
    const element = await fixture<KeysProbe>(html`<plaza-keys-probe><input id="page-field" /></plaza-keys-probe>`);
    const root = element.shadowRoot!;
    return { textarea: root.querySelector('textarea')!, button: root.querySelector('button')!, pageField: element.querySelector('input')! };
  }

  it('keeps Enter, Shift+Enter and letters typed into a text field from the page', async () => {
    const { textarea } = await probe();
    expect(heard(textarea, 'Enter')).to.deep.equal([]);
    expect(heard(textarea, 'a')).to.deep.equal([]);
  });

  it('lets Tab and an unused Escape through, but not an Escape Plaza used', async () => {
    const { textarea } = await probe();
    expect(heard(textarea, 'Tab')).to.deep.equal(['keydown Tab', 'keypress Tab', 'keyup Tab']);
    expect(heard(textarea, 'Escape')).to.deep.equal(['keydown Escape', 'keypress Escape', 'keyup Escape']);
    expect(heard(textarea, 'Escape', true)).to.deep.equal([]);
  });

  it("keeps Enter and Space on Plaza's buttons, other keys pass", async () => {
    const { button } = await probe();
    expect(heard(button, 'Enter')).to.deep.equal([]);
    expect(heard(button, ' ')).to.deep.equal([]);
    expect(heard(button, 'j')).to.deep.equal(['keydown j', 'keypress j', 'keyup j']);
  });

  it("leaves the page's own field inside the element alone", async () => {
    const { pageField } = await probe();
    expect(heard(pageField, 'Enter')).to.deep.equal(['keydown Enter', 'keypress Enter', 'keyup Enter']);
  });
});
