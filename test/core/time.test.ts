import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { relativeTime } from '../../src/core/time.ts';
import { ClockController } from '../../src/controllers/clock-controller.ts';

describe('relative times', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000);

  it('speaks German naturally', () => {
    expect(relativeTime(ago(10), 'de', now)).to.equal('jetzt');
    expect(relativeTime(ago(5 * 60), 'de', now)).to.equal('vor 5 Minuten');
    expect(relativeTime(ago(3 * 3600), 'de', now)).to.equal('vor 3 Stunden');
    expect(relativeTime(ago(26 * 3600), 'de', now)).to.equal('gestern');
    expect(relativeTime(ago(14 * 86400), 'de', now)).to.equal('vor 2 Wochen');
    expect(relativeTime(ago(400 * 86400), 'de', now)).to.equal('20. Oktober 2025');
  });

  it('and English', () => {
    expect(relativeTime(ago(5 * 60), 'en', now)).to.equal('5 minutes ago');
    expect(relativeTime(ago(26 * 3600), 'en', now)).to.equal('yesterday');
  });

  it('says in German and English exactly what Intl.RelativeTimeFormat says, past and future', () => {
    // Every amount relativeTime can ask for, per unit (see UNITS in time.ts), both ways.
    const units: Array<[Intl.RelativeTimeFormatUnit, number, number]> = [
      ['second', 45, 59],
      ['minute', 1, 59],
      ['hour', 1, 23],
      ['day', 1, 6],
      ['week', 1, 4],
    ];
    const seconds: Partial<Record<Intl.RelativeTimeFormatUnit, number>> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 7 * 86400 };
    for (const locale of ['de', 'en']) {
      const intl = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
      expect(relativeTime(ago(0), locale, now)).to.equal(intl.format(0, 'second'));
      for (const [unit, from, to] of units) {
        for (let amount = from; amount <= to; amount++) {
          for (const sign of [-1, 1]) {
            const at = new Date(now + sign * amount * seconds[unit]! * 1000);
            expect(relativeTime(at, locale, now), `${locale} ${sign * amount} ${unit}`).to.equal(intl.format(sign * amount, unit));
          }
        }
      }
    }
  });
});

class Ticking extends LitElement {
  renders = 0;
  clock = new ClockController(this, 20);
  protected override render() {
    this.renders++;
    return html``;
  }
}
customElements.define('test-ticking', Ticking);

describe('ClockController', () => {
  it('re-renders connected hosts on its interval and stops when they leave', async () => {
    const element = await fixture<Ticking>(html`<test-ticking></test-ticking>`);
    const first = element.renders;
    await new Promise((resolve) => setTimeout(resolve, 110));
    expect(element.renders).to.be.greaterThan(first + 2);
    element.remove();
    const afterRemoval = element.renders;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(element.renders).to.equal(afterRemoval);
  });
});
