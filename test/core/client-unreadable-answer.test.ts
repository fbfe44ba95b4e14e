import { expect } from '@open-wc/testing';
import { PlazaClient } from '../../src/core/client.ts';
import { PlazaError } from '../../src/core/problem.ts';

/*
 * Failure events promise `error: PlazaError` (issue 18, item 4), so everything the client
 * rejects with must be one. A unit test of the client alone: the real server always answers
 * JSON, so the answer that is not (an intranet proxy's sign-in page, sent with 200) is stubbed.
 */
describe('PlazaClient answers it cannot read', () => {
  let original: typeof window.fetch;
  beforeEach(() => {
    original = window.fetch;
    window.fetch = () => Promise.resolve(new Response('<!doctype html><title>Anmelden</title>', { status: 200, headers: { 'content-type': 'text/html' } }));
  });
  afterEach(() => {
    window.fetch = original;
  });

  it('rejects with a PlazaError, not a SyntaxError, when a 200 answer is not JSON', async () => {
    const error = await new PlazaClient('https://intranet.example/plaza/api/v1').people(['ayse.demir']).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(PlazaError);
    expect((error as PlazaError).status).to.equal(200);
    expect((error as PlazaError).transient).to.equal(false);
  });
});
