import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LoadTask, trackPaging, type LoadTaskOptions, type Paging } from '../../src/controllers/load-task.ts';
import { PlazaError } from '../../src/core/problem.ts';

/*
 * A single unit: LoadTask driven by a stand-in host that counts its update
 * requests and calls the controller's hooks as a Lit element would.
 */

class Host implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }
  update(): void {
    for (const controller of this.controllers) controller.hostUpdate?.();
  }
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}

/** A promise with its settling functions, to decide when each call answers. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A task whose calls wait until the test settles them, with the signal each got. */
function controlledTask(options: Partial<LoadTaskOptions<readonly [string], string>> = {}) {
  const host = new Host();
  let key: string | undefined = 'a';
  const calls: Array<{ key: string; signal: AbortSignal } & ReturnType<typeof deferred<string>>> = [];
  const task = new LoadTask<readonly [string], string>(host, {
    args: () => (key === undefined ? undefined : [key] as const),
    task: ([k], signal) => {
      const call = { key: k, signal, ...deferred<string>() };
      calls.push(call);
      return call.promise;
    },
    ...options,
  });
  return { host, task, calls, setKey: (next: string | undefined) => (key = next) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('LoadTask', () => {
  it('loads on connect, is pending until the answer, then complete with the value', async () => {
    const { host, task, calls } = controlledTask();
    expect(task.status).to.equal('initial');
    host.connect();
    expect(task.status).to.equal('pending');
    expect(calls.map((c) => c.key)).to.deep.equal(['a']);
    calls[0]!.resolve('A');
    await settle();
    expect(task.status).to.equal('complete');
    expect(task.value).to.equal('A');
    expect(host.updates).to.be.greaterThan(0);
    host.update();
    expect(calls).to.have.length(1, 'the same arguments load once');
  });

  it('aborts the previous call when the arguments change, run() is called or the host disconnects', () => {
    const { host, task, calls, setKey } = controlledTask();
    host.connect();
    setKey('b');
    host.update();
    expect(calls[0]!.signal.aborted, 'new arguments').to.equal(true);
    expect(calls[1]!.signal.aborted).to.equal(false);
    task.run();
    expect(calls[1]!.signal.aborted, 'run()').to.equal(true);
    expect(calls[2]!.key).to.equal('b');
    host.disconnect();
    expect(calls[2]!.signal.aborted, 'disconnect').to.equal(true);
    host.connect();
    expect(calls).to.have.length(4, 'a reconnected host loads again');
  });

  it('never lets a late answer of an older call overwrite a newer one, even when the task ignores its signal', async () => {
    const { host, task, calls, setKey } = controlledTask();
    host.connect();
    setKey('b');
    host.update();
    calls[1]!.resolve('B');
    await settle();
    calls[0]!.resolve('A, late');
    await settle();
    expect(task.value).to.equal('B');
    calls[0]!.reject(new Error('late failure'));
    await settle();
    expect(task.status).to.equal('complete');
  });

  it('turns a failure into the error state with a PlazaError, and renders each state with its renderer', async () => {
    const { host, task, calls } = controlledTask();
    const renderers = {
      initial: () => 'initial',
      pending: () => 'pending',
      complete: (value: string) => `complete ${value}`,
      error: (error: PlazaError) => `error ${error.title}`,
    };
    expect(task.render(renderers)).to.equal('initial');
    host.connect();
    expect(task.render(renderers)).to.equal('pending');
    const bug = new TypeError('x is undefined');
    calls[0]!.reject(bug);
    await settle();
    expect(task.status).to.equal('error');
    expect(task.error).to.be.instanceOf(PlazaError);
    expect(task.error!.cause, 'the original is kept').to.equal(bug);
    expect(task.render(renderers)).to.equal('error TypeError');
    expect(task.render({}), 'a state without a renderer renders nothing').to.equal(undefined);

    const problem = new PlazaError({ type: 'about:blank', title: 'Service Unavailable', status: 503 });
    task.run();
    expect(task.error, 'a new call clears the error').to.equal(undefined);
    calls[1]!.reject(problem);
    await settle();
    expect(task.error, 'a PlazaError passes as it is').to.equal(problem);

    task.run();
    calls[2]!.resolve('again');
    await settle();
    expect(task.render(renderers)).to.equal('complete again');
  });

  it('leaves an aborted call pending rather than showing its AbortError', async () => {
    const { host, task, calls } = controlledTask();
    host.connect();
    calls[0]!.reject(new DOMException('The user aborted a request.', 'AbortError'));
    await settle();
    expect(task.status).to.equal('pending');
  });

  it('is complete at once with a value the source knows already, and attaches before it loads', () => {
    const order: string[] = [];
    const { host, task, calls, setKey } = controlledTask({
      peek: ([key]) => (key === 'known' ? 'K' : undefined),
      attach: ([key]) => {
        order.push(`attach ${key}`);
        return () => order.push(`detach ${key}`);
      },
    });
    host.connect();
    expect(calls).to.have.length(1);
    setKey('known');
    host.update();
    expect(task.status).to.equal('complete');
    expect(task.value).to.equal('K');
    expect(calls, 'no load for a known value').to.have.length(1);
    task.complete('pushed');
    expect(task.value).to.equal('pushed');
    setKey(undefined);
    host.update();
    expect(task.status, 'no arguments: nothing to load').to.equal('initial');
    expect(task.value).to.equal(undefined);
    expect(order).to.deep.equal(['attach a', 'detach a', 'attach known', 'detach known']);
  });
});

describe('trackPaging', () => {
  it('reports pending, then idle or the error as a PlazaError; nothing once the load moved on', async () => {
    const host = new Host();
    const reports: Paging[] = [];
    const abort = new AbortController();
    await trackPaging(host, abort.signal, (paging) => reports.push(paging), async () => {});
    await trackPaging(host, abort.signal, (paging) => reports.push(paging), () => Promise.reject(new Error('offline')));
    expect(reports.map((r) => r.status)).to.deep.equal(['pending', 'idle', 'pending', 'error']);
    expect(reports[3]!.error).to.be.instanceOf(PlazaError);
    reports.length = 0;
    await trackPaging(host, abort.signal, (paging) => reports.push(paging), async () => abort.abort());
    expect(reports.map((r) => r.status)).to.deep.equal(['pending']);
  });
});
