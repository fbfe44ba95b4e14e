import { expect } from '@open-wc/testing';
import type { PlazaClient } from '../../src/core/client.ts';
import { MeStore } from '../../src/core/me-store.ts';
import type { Me } from '../../src/core/protocol.ts';
import { signedIn, signedOut } from '../fixtures/index.ts';

/* A single unit: MeStore as a one-entry KeyedCache, against a stand-in client. */

describe('MeStore', () => {
  it('asks once however many want to know, and again on refresh, telling every listener', async () => {
    const answers: Me[] = [signedOut, signedIn];
    let asked = 0;
    const store = new MeStore({ me: async () => answers[asked++]! } as unknown as PlazaClient);
    const heard: Me[] = [];
    store.subscribe('me', (me) => heard.push(me));
    expect(await Promise.all([store.load(), store.load()])).to.deep.equal([signedOut, signedOut]);
    expect(asked).to.equal(1);
    expect(store.peek()).to.equal(signedOut);
    expect(await store.refresh(), 'signed in since').to.equal(signedIn);
    expect(asked).to.equal(2);
    expect(heard).to.deep.equal([signedOut, signedIn]);
  });
});
