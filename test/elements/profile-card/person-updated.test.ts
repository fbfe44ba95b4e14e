import { aTimeout, expect } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import type { Person } from '../../../src/core/protocol.ts';
import type { PlazaPerson } from '../../../src/elements/person/person.ts';
import { api } from '../../support/browser/session.ts';
import { card, html, inCard, reader, signInAs, signOutReader } from '../shared/people-support.ts';

/*
 * Issue 19, item 5: a page left open shows a colleague's new name and role
 * when the HR directory changes them, without a reload (`person.updated` on
 * `people:<id>`). `plaza import-people` cannot run beside the test server
 * (its PGlite holds the data folder), so the change goes through the
 * development-only `PATCH /dev/people/{id}`, which writes through the
 * import's own `upsertPeople` on the server's event bus: the same event, the
 * same stream, the same page code as an import on PostgreSQL.
 *
 * Gökhan Özdemir is one no other browser test names and nobody's manager; his
 * entry is put back afterwards (the new name sorts where the old one did).
 */

const person = { id: 'goekhan.oezdemir', name: 'Gökhan Özdemir', role: 'Controller' };
const renamed = { name: 'Gökhan Özdemir-Weiß', role: 'Leiter Controlling' };

const change = (fields: { name: string; role: string }) =>
  api<Person>(`/dev/people/${person.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });

describe('an open page follows a directory change (person.updated)', function () {
  this.timeout(30_000);
  beforeEach(() => signInAs(reader.id));
  afterEach(() => change({ name: person.name, role: person.role }));
  after(() => signOutReader());

  it('<plaza-profile-card> and a name tag of the person show the new name and role', async () => {
    const element = await card(html`<div lang="de">
      <plaza-profile-card user=${person.id}></plaza-profile-card>
      <p>Frag <plaza-person user=${person.id}></plaza-person>.</p>
    </div>`);
    const tag = element.parentElement!.querySelector<PlazaPerson>('plaza-person')!;
    const tagName = () => tag.shadowRoot?.querySelector('[part="name"]')?.textContent ?? '';
    await waitUntil(() => tagName() === person.name, 'the name tag did not load', { timeout: 5000 });
    expect(inCard(element, '[part="name"]')!.textContent).to.equal(person.name);
    expect(inCard(element, '[part="role"]')!.textContent).to.equal(person.role);
    // Let the page's event stream carry the card's topic before the directory changes.
    await aTimeout(500);

    await change(renamed);

    await waitUntil(() => inCard(element, '[part="name"]')?.textContent === renamed.name, 'the open card still shows the old name', { timeout: 8000 });
    expect(inCard(element, '[part="role"]')!.textContent).to.equal(renamed.role);
    await waitUntil(() => tagName() === renamed.name, 'the name tag still shows the old name', { timeout: 8000 });
    expect(inCard(element, '[part="error"]')?.textContent?.trim() ?? '', 'no error').to.equal('');
  });
});
