import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { endpoint, signOut, uniqueTarget } from '../../support/browser/session.ts';
import { $, $$, reader, signInAs } from './comments-support.ts';
import type { ReactiveElement } from 'lit';
import type { PlazaComments } from '../../../src/elements/comments/comments.ts';

/*
 * The XSS corpus (../shared/corpora/xss-canary.txt, read at run time through
 * /__corpora/) posted as comments and replies to the real server and rendered
 * by the real <plaza-comments>, a hundred per thread: nothing may run. Each
 * payload's sink calls `window.__pwned(N, …)`; the payloads hidden behind
 * encodings call alert/confirm/prompt/print, which are trapped too. Payloads
 * the server refuses (control characters) are counted and named in the log.
 *
 * The slowest browser test: the server spends about 30 ms of CPU on each of
 * the ~1,160 posts, and the page renders each hundred-comment thread with its
 * reaction bars; posting the next thread while the page renders the last keeps
 * both cores busy. web-test-runner.config.mjs turns the rate limits off for it.
 */

/** What the server lets a page read at once: 50 top-level comments, each with up to 20 replies embedded. */
const TOP_LEVEL_PER_THREAD = 50;
const PER_THREAD = 2 * TOP_LEVEL_PER_THREAD;
/** Posts in flight at once: enough to hide the round trips, few enough for a two-core machine. */
const PARALLEL = 12;

/**
 * What Plaza's Markdown may produce, with the attributes it may carry
 * (content.ts), and the name tags Plaza itself makes of mentions.
 */
const BODY_TAGS = new Set(['P', 'BR', 'STRONG', 'EM', 'DEL', 'CODE', 'PRE', 'A', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'SPAN', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'PLAZA-PERSON']);
const BODY_ATTRIBUTES = new Set(['href', 'title', 'class', 'data-person-id', 'start', 'rel', 'target', 'user', 'name']);
/**
 * Where a link may go, once the browser has resolved it: a relative address (`x`; `&#74;avascript:…` is a
 * path and a fragment) resolves to http(s); one the URL parser refuses (`http://;URL=javascript:…`) has
 * the protocol ':' and goes nowhere.
 */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', ':']);
const SCRIPT_URL = /^[\s\p{Cc}]*(javascript|vbscript|data|livescript):/iu;
/** Parts that hold what people wrote. */
const USER_CONTENT = '[part="body"], [part="preview"], .conflict .body';

interface Posted {
  line: number;
  id?: string;
  /** Why the server refused it, e.g. `400 urn:plaza:problem:validation (text)`. */
  refused?: string;
}

async function corpus(): Promise<Array<{ line: number; text: string }>> {
  const lines = (await (await fetch('/__corpora/xss-canary.txt')).text()).split('\n');
  return lines
    .map((line, index) => ({ line: index + 1, raw: line }))
    .filter(({ raw }) => raw && !raw.startsWith('#'))
    .map(({ line, raw }) => ({ line, text: raw.replace(/\\n/g, '\n').replace(/\\r/g, '\r') }));
}

async function postComment(thread: string, text: string, parentId?: string): Promise<{ id?: string; refused?: string }> {
  const response = await fetch(`${endpoint()}/threads/${encodeURIComponent(thread)}/comments`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(parentId ? { text, parentId } : { text }),
  });
  const body = (await response.json()) as { id?: string; type?: string; field?: string };
  if (response.status === 201) return { id: body.id };
  // Refusals are fine (the server validates too); anything else is a broken test server.
  if (response.status >= 500 || response.status === 429) throw new Error(`POST answered ${response.status}: ${JSON.stringify(body)}`);
  return { refused: `${response.status} ${body.type ?? ''}${body.field ? ` (${body.field})` : ''}` };
}

/** Runs `work` over `items`, PARALLEL at a time, keeping their order in the result. */
async function inBatches<T, R>(items: T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL) {
    results.push(...(await Promise.all(items.slice(i, i + PARALLEL).map((item, j) => work(item, i + j)))));
  }
  return results;
}

/**
 * Posts one thread's share of the corpus: the first half as top-level
 * comments, the second half as replies spread over the accepted ones, so
 * every payload renders both ways and the whole thread fits one page.
 */
async function postThread(thread: string, payloads: Array<{ line: number; text: string }>): Promise<Posted[]> {
  const top = payloads.slice(0, TOP_LEVEL_PER_THREAD);
  const replies = payloads.slice(TOP_LEVEL_PER_THREAD);
  const posted = await inBatches(top, async ({ line, text }) => ({ line, ...(await postComment(thread, text)) }));
  const parents = posted.filter((p) => p.id).map((p) => p.id!);
  if (parents.length === 0) throw new Error(`the server refused every top-level payload of ${thread}`);
  posted.push(...(await inBatches(replies, async ({ line, text }, i) => ({ line, ...(await postComment(thread, text, parents[i % parents.length])) }))));
  return posted;
}

/** Every element in a shadow root and the shadow roots inside it (the reaction bars'). */
function* deepElements(root: ParentNode): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* deepElements(element.shadowRoot);
  }
}

/** Everything that would make rendered content active, as readable findings (empty when inert). */
function activeContent(element: PlazaComments): string[] {
  const found: string[] = [];
  for (const node of deepElements(element.shadowRoot!)) {
    const tag = node.tagName;
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FRAME', 'BASE', 'META', 'LINK'].includes(tag)) found.push(`<${tag.toLowerCase()}>`);
    for (const { name, value } of node.attributes) {
      if (/^on/i.test(name)) found.push(`${name}= on <${tag.toLowerCase()}>`);
      if (SCRIPT_URL.test(value)) found.push(`${name}="${value.slice(0, 60)}" on <${tag.toLowerCase()}>`);
    }
  }
  for (const content of element.shadowRoot!.querySelectorAll(USER_CONTENT)) {
    for (const node of content.querySelectorAll('*')) {
      const tag = node.tagName.toLowerCase();
      if (!BODY_TAGS.has(node.tagName)) found.push(`<${tag}> in a comment`);
      for (const { name } of node.attributes) if (!BODY_ATTRIBUTES.has(name)) found.push(`${name}= on <${tag}> in a comment`);
    }
    for (const link of content.querySelectorAll('a')) {
      // An anchor whose href the sanitiser dropped goes nowhere: inert, though not pretty (see the report).
      const href = link.getAttribute('href');
      if (href !== null && !SAFE_PROTOCOLS.has(link.protocol)) found.push(`link to "${href.slice(0, 60)}" (${link.protocol})`);
      if (link.rel !== 'noopener noreferrer ugc' || link.target !== '_blank') found.push(`link without rel/target: rel="${link.rel}" target="${link.target}"`);
    }
  }
  return found;
}

/** What a reader does to a thread: hovers and focuses every link and every piece of what people wrote. */
function interact(element: PlazaComments): void {
  for (const node of element.shadowRoot!.querySelectorAll('[part="body"] *, [part="preview"] *')) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'pointerover']) node.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
    node.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
  }
  for (const link of $$<HTMLAnchorElement>(element, '[part="body"] a')) {
    link.focus();
    link.blur();
  }
}

describe('<plaza-comments>: the XSS corpus renders inert', () => {
  const pwned: unknown[][] = [];
  const errors: string[] = [];
  const traps = ['alert', 'confirm', 'prompt', 'print'] as const;
  const saved = new Map<string, unknown>();
  const onError = (event: ErrorEvent) => errors.push(event.message);

  before(async () => {
    const w = window as unknown as Record<string, unknown>;
    w.__pwned = (...args: unknown[]) => pwned.push(args);
    for (const name of traps) {
      saved.set(name, w[name]);
      w[name] = (...args: unknown[]) => pwned.push([name, ...args]);
    }
    // A payload that runs where __pwned is not defined (a frame, say) still throws here.
    window.addEventListener('error', onError);
    await signInAs(reader.id);
  });

  after(async () => {
    const w = window as unknown as Record<string, unknown>;
    for (const name of traps) w[name] = saved.get(name);
    delete w.__pwned;
    window.removeEventListener('error', onError);
    await signOut();
  });

  it('posts every canary payload as a comment or reply, renders each thread, and nothing runs', async function () {
    // On two cores with a load average of 20, Chromium came close to the former 115 s and Firefox ESR ran out of them.
    this.timeout(180_000);
    const payloads = await corpus();
    expect(payloads.length).to.be.greaterThan(1000);

    const threads = Array.from({ length: Math.ceil(payloads.length / PER_THREAD) }, () => uniqueTarget('xss'));
    // One thread after another, while the browser renders the ones before: the server's work and the page's overlap.
    const posting: Array<Promise<Posted[]>> = [];
    for (const [i, thread] of threads.entries()) {
      const previous = posting[i - 1] ?? Promise.resolve([]);
      posting.push(previous.then(() => postThread(thread, payloads.slice(i * PER_THREAD, (i + 1) * PER_THREAD))));
      posting[i]!.catch(() => undefined); // awaited below, in order; this only keeps a failure from counting as unhandled meanwhile
    }
    const posted: Posted[][] = [];

    let deadAnchors = 0;
    for (const [i, thread] of threads.entries()) {
      posted.push(await posting[i]!);
      const accepted = posted[i]!.filter((p) => p.id).length;
      const wrapper = await fixture<HTMLElement>(html`<div lang="de"></div>`);
      wrapper.innerHTML = `<plaza-comments thread="${thread}" page-size="${TOP_LEVEL_PER_THREAD}"></plaza-comments>`;
      const element = wrapper.querySelector('plaza-comments')!;
      // Generous: a hundred comments with their reaction bars on a busy two-core machine.
      await waitUntil(() => element.shadowRoot?.querySelector('[part="list"], [part="error"]'), `${thread} did not load`, { timeout: 20_000 });
      expect($(element, '[part="error"]'), `${thread}: load error`).to.equal(null);
      await waitUntil(() => $$(element, 'article[part~="comment"]').length === accepted, `${thread}: not every accepted comment shows`, { timeout: 10_000 });
      expect($$(element, '[part="body"]'), `${thread}: a body per comment`).to.have.length(accepted);
      expect($(element, '[part="load-more"]'), 'the whole thread is on one page').to.equal(null);

      // Name tags and bars far down render when near or idle (near-view.ts): all of them, before looking.
      await waitUntil(() => $$<ReactiveElement>(element, 'plaza-person, plaza-reactions').every((tag) => tag.hasUpdated), `${thread}: name tags or bars never rendered`, { timeout: 10_000 });
      interact(element);
      if (i === 0) await editOne(element);
      // Give event handlers, timers, failing images and animations their chance.
      await aTimeout(200);
      expect(activeContent(element), `${thread}: active content`).to.deep.equal([]);
      deadAnchors += $$(element, '[part="body"] a:not([href])').length;
      wrapper.remove();
    }

    await aTimeout(1000);
    const refused = posted.flat().filter((p) => p.refused);
    const reasons = new Map<string, number[]>();
    for (const p of refused) reasons.set(p.refused!, [...(reasons.get(p.refused!) ?? []), p.line]);
    console.log(
      `XSS corpus: ${payloads.length} payloads, ${payloads.length - refused.length} accepted and rendered in ${threads.length} threads, ` +
        `${refused.length} refused by the server; ${deadAnchors} links lost their href to the sanitiser` +
        [...reasons].map(([why, lines]) => `\n  ${lines.length} × ${why}: lines ${lines.join(', ')}`).join(''),
    );
    expect(pwned, 'payloads that ran (__pwned calls, or trapped alert/confirm/prompt/print)').to.deep.equal([]);
    expect(errors.filter((message) => /pwned|alert|confirm|prompt|print/i.test(message)), 'errors from payloads').to.deep.equal([]);
  });
});

/** Opens the edit of a comment with links and markup, shows its preview, and checks that it too is inert. */
async function editOne(element: PlazaComments): Promise<void> {
  // The edit buttons come once the reader's /me is known, which may be after the list shows.
  const editable = () => $$(element, 'article[part~="comment"]').find((a) => a.querySelector(':scope > [part="body"] a') && a.querySelector(':scope > .footer [data-action="edit"]'));
  await waitUntil(editable, 'a comment with a link to edit', { timeout: 10_000 });
  const article = editable();
  // By id, not by the node: if the list is drawn anew meanwhile (a live event), a click on the old node is lost.
  const id = article!.id;
  const current = () => element.shadowRoot!.getElementById(id);
  const editButton = (node: Element | null) => node?.querySelector<HTMLButtonElement>(':scope > .footer [data-action="edit"]');
  let clicked = current();
  editButton(clicked)!.click();
  await waitUntil(
    () => {
      const now = current();
      if (now && now !== clicked) editButton((clicked = now))?.click();
      return now?.querySelector('form[part="composer"]');
    },
    'the edit did not open',
    { timeout: 10_000 },
  ).catch((error: Error) => {
    const now = current();
    const state = { replaced: now !== article, connected: article!.isConnected, editButton: !!editButton(now), tab: document.visibilityState };
    throw new Error(`${error.message} ${JSON.stringify(state)}`);
  });
  // The form as it is now: a live event may draw the comment anew (h11-mdserve), and one click counts:
  // preview-click.test.ts holds that the form stays and every click lands while the thread changes.
  const form = () => current()?.querySelector('form[part="composer"]');
  const toggle = () => form()?.querySelector<HTMLButtonElement>('button[aria-pressed]');
  expect(form()!.querySelector('textarea')!.value, 'the raw text, as written').not.to.equal('');
  const preview = () => form()?.querySelector('[part="preview"]');
  toggle()!.click();
  await waitUntil(preview, 'no preview', { timeout: 15_000 }).catch((error: Error) => {
    const state = { tab: document.visibilityState, form: !!form(), pressed: toggle()?.getAttribute('aria-pressed') };
    throw new Error(`${error.message} ${JSON.stringify(state)}`);
  });
  // The server renders the preview (POST /preview): its HTML arrives after the preview opens.
  await waitUntil(() => form()?.querySelector('[part="preview"] a'), 'the preview renders the link', { timeout: 10_000 });
  interact(element);
}
