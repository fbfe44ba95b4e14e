import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WakeableLoop } from '../../server/events/wakeable-loop.ts';

/** A run that waits until the test lets it end, counting how many started. */
function gatedRuns() {
  let started = 0;
  let release: () => void = () => {};
  const run = () => {
    started++;
    return new Promise<void>((resolve) => (release = resolve));
  };
  return { run, started: () => started, finish: () => release() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the loop the fan-out and delivery workers run in (server/events/wakeable-loop.ts)', () => {
  test('wake-ups during a run make one more run after it, not one each', async () => {
    const runs = gatedRuns();
    const loop = new WakeableLoop(runs.run, 60_000);
    loop.start();
    assert.equal(runs.started(), 1);
    loop.wake();
    loop.wake();
    loop.wake();
    assert.equal(runs.started(), 1, 'one run at a time');
    runs.finish();
    await tick();
    assert.equal(runs.started(), 2);
    runs.finish();
    await loop.idle();
    assert.equal(runs.started(), 2);
    await loop.close();
  });

  test('close waits for the run under way, stops the wake-up sources, and nothing runs after', async () => {
    const runs = gatedRuns();
    const loop = new WakeableLoop(runs.run, 60_000);
    let stopped = 0;
    loop.stopWith(() => stopped++);
    loop.start();
    loop.wake();
    let closed = false;
    const closing = loop.close().then(() => (closed = true));
    assert.equal(loop.closed, true, 'a run sees it should stop');
    await tick();
    assert.equal(closed, false, 'close waits for the run');
    runs.finish();
    await closing;
    assert.equal(stopped, 1);
    loop.wake();
    assert.equal(runs.started(), 1, 'the wake-up asked for during the run is dropped, and so is one after close');
  });

  test('the poll timer wakes it without anybody calling wake', async () => {
    let started = 0;
    const loop = new WakeableLoop(async () => void started++, 20);
    loop.start();
    await new Promise((resolve) => setTimeout(resolve, 130));
    await loop.close();
    assert.ok(started >= 3, `ran ${started} times in 130 ms at a 20 ms poll`);
  });
});
