import { expect } from '@open-wc/testing';
import { KeyedBatcher } from '../../src/core/batcher.ts';

describe('KeyedBatcher', () => {
  it('loads every key asked for in one task with one call, once per key', async () => {
    const calls: string[][] = [];
    const batcher = new KeyedBatcher<string>(async (keys) => {
      calls.push(keys);
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    const results = await Promise.all([batcher.load('a'), batcher.load('b'), batcher.load('a')]);
    expect(results).to.deep.equal(['A', 'B', 'A']);
    expect(calls).to.deep.equal([['a', 'b']]);
  });

  it('splits batches at the maximum size', async () => {
    const calls: string[][] = [];
    const batcher = new KeyedBatcher<number>(async (keys) => {
      calls.push(keys);
      return new Map(keys.map((k) => [k, Number(k)]));
    }, 2);
    await Promise.all(['1', '2', '3'].map((k) => batcher.load(k)));
    expect(calls).to.deep.equal([['1', '2'], ['3']]);
  });

  it('rejects every waiter of a failed batch, and a missing key alone', async () => {
    const failing = new KeyedBatcher<string>(async () => {
      throw new Error('boom');
    });
    const outcomes = await Promise.allSettled([failing.load('a'), failing.load('b')]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'rejected']);

    const partial = new KeyedBatcher<string>(async () => new Map([['a', 'A']]));
    const [a, b] = await Promise.allSettled([partial.load('a'), partial.load('b')]);
    expect(a).to.deep.equal({ status: 'fulfilled', value: 'A' });
    expect(b.status).to.equal('rejected');
  });
});
