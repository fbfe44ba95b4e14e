import { expect } from '@open-wc/testing';
import { createLoader } from '../../src/loader/loader.ts';

/*
 * The lazy loader's rules (src/loader/loader.ts, decision 126), with element modules that load
 * when the test says so and a registry that records what is defined, so the order is the test's,
 * not the network's. test/e2e/lazy-loader.e2e.test.ts runs the built plaza.lazy.js on real pages.
 */

/** A module load the test finishes by hand. */
function deferred(): { promise: Promise<CustomElementConstructor>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<CustomElementConstructor>((res, rej) => {
    resolve = () => res(class extends HTMLElement {});
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A CustomElementRegistry that only records the tags defined, in order. */
function recordingRegistry(): { registry: CustomElementRegistry; defined: string[] } {
  const defined: string[] = [];
  const registry = {
    get: (tag: string) => (defined.includes(tag) ? HTMLElement : undefined),
    define: (tag: string) => void defined.push(tag),
  } as unknown as CustomElementRegistry;
  return { registry, defined };
}

/** Lets pending promise callbacks and mutation records run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function rootWith(markup: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = markup;
  document.body.append(root);
  return root;
}

describe('the lazy loader', () => {
  it('defines <plaza-config> before an element asked for with it, even when the element loads first', async () => {
    const config = deferred();
    const bar = deferred();
    const { registry, defined } = recordingRegistry();
    const loader = createLoader({ 'plaza-config': () => config.promise, 'plaza-bar': () => bar.promise }, () => Promise.resolve(), registry);
    const root = rootWith('<plaza-config><plaza-bar></plaza-bar></plaza-config>');
    try {
      loader.watch(root);
      bar.resolve();
      await settle();
      expect(defined, 'the bar waits for its configuration').to.deep.equal([]);
      config.resolve();
      await settle();
      expect(defined).to.deep.equal(['plaza-config', 'plaza-bar']);
    } finally {
      root.remove();
    }
  });

  it("holds every definition until the page's setup (its messages) is done", async () => {
    const messages = deferred();
    const { registry, defined } = recordingRegistry();
    const loader = createLoader({ 'plaza-bar': () => Promise.resolve(class extends HTMLElement {}) }, () => Promise.resolve(), registry);
    void loader.beforeDefining(messages.promise);
    const root = rootWith('<plaza-bar></plaza-bar>');
    try {
      loader.watch(root);
      await settle();
      expect(defined).to.deep.equal([]);
      messages.resolve();
      await settle();
      expect(defined).to.deep.equal(['plaza-bar']);
    } finally {
      root.remove();
    }
  });

  it('loads nothing for tags that are not there, and a tag added later once', async () => {
    let loads = 0;
    const { registry, defined } = recordingRegistry();
    const loader = createLoader(
      {
        'plaza-card': () => {
          loads++;
          return Promise.resolve(class extends HTMLElement {});
        },
      },
      () => Promise.resolve(),
      registry,
    );
    const root = rootWith('<p>Nothing yet</p>');
    try {
      loader.watch(root);
      await settle();
      expect(loads).to.equal(0);
      root.insertAdjacentHTML('beforeend', '<div><plaza-card></plaza-card><plaza-card></plaza-card></div>');
      await settle();
      root.append(document.createElement('plaza-card'));
      await settle();
      expect(loads).to.equal(1);
      expect(defined).to.deep.equal(['plaza-card']);
    } finally {
      root.remove();
    }
  });

  it('says in the console when a module does not load, and tries again when the tag next appears', async () => {
    const attempts = [deferred(), deferred()];
    let attempt = 0;
    const { registry, defined } = recordingRegistry();
    // A second tag nobody asks for keeps the loader watching (with every tag asked for, it stops looking).
    const loader = createLoader({ 'plaza-feed': () => attempts[attempt++]!.promise, 'plaza-other': () => deferred().promise }, () => Promise.resolve(), registry);
    const errors: unknown[][] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    const root = rootWith('<plaza-feed></plaza-feed>');
    try {
      loader.watch(root);
      attempts[0]!.reject(new TypeError('Failed to fetch dynamically imported module'));
      await settle();
      expect(String(errors[0]?.[0])).to.equal('[plaza] <plaza-feed> could not be loaded');
      root.append(document.createElement('plaza-feed'));
      attempts[1]!.resolve();
      await settle();
      expect(defined).to.deep.equal(['plaza-feed']);
    } finally {
      console.error = consoleError;
      root.remove();
    }
  });
  it('defines the tags found together in one go, once all are loaded, in the registry order', async () => {
    // Decision 221: as with the one-file script, the page's elements upgrade together and ask for
    // their data in one batch; a bar defined early would hold the thread's definition up with its render.
    const thread = deferred();
    const bar = deferred();
    const { registry, defined } = recordingRegistry();
    const loader = createLoader({ 'plaza-thread': () => thread.promise, 'plaza-bar': () => bar.promise }, () => Promise.resolve(), registry);
    const root = rootWith('<plaza-bar></plaza-bar><plaza-thread></plaza-thread>');
    try {
      loader.watch(root);
      bar.resolve();
      await settle();
      expect(defined, 'the bar waits for the thread found with it').to.deep.equal([]);
      thread.resolve();
      await settle();
      expect(defined).to.deep.equal(['plaza-thread', 'plaza-bar']);
    } finally {
      root.remove();
    }
  });

  it('does not hold the tags found together for one that fails, nor a tag that comes later for the ones before', async () => {
    const feed = deferred();
    const card = deferred();
    const { registry, defined } = recordingRegistry();
    const loader = createLoader(
      {
        'plaza-feed': () => feed.promise,
        'plaza-bar': () => Promise.resolve(class extends HTMLElement {}),
        'plaza-card': () => card.promise,
        'plaza-person': () => Promise.resolve(class extends HTMLElement {}),
      },
      () => Promise.resolve(),
      registry,
    );
    const consoleError = console.error;
    console.error = () => {};
    const root = rootWith('<plaza-feed></plaza-feed><plaza-bar></plaza-bar><plaza-card></plaza-card>');
    try {
      loader.watch(root);
      feed.reject(new TypeError('Failed to fetch dynamically imported module'));
      await settle();
      expect(defined, 'the card is still loading').to.deep.equal([]);
      // Found later, on its own: it does not wait for the card asked for before it.
      root.append(document.createElement('plaza-person'));
      await settle();
      expect(defined).to.deep.equal(['plaza-person']);
      card.resolve();
      await settle();
      expect(defined, 'the feed failed; the others of its group are defined').to.deep.equal(['plaza-person', 'plaza-bar', 'plaza-card']);
    } finally {
      console.error = consoleError;
      root.remove();
    }
  });
});
