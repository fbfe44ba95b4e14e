import { fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import '../../../src/define.ts';
import { pageDefaults, resolveConfig } from '../../../src/core/config.ts';
import type { Comment } from '../../../src/core/protocol.ts';
import { servicesFor } from '../../../src/core/services.ts';
import type { PlazaComments } from '../../../src/elements/comments/comments.ts';
import { endpoint, signIn, signOut } from '../../support/browser/session.ts';

/*
 * What the <plaza-comments> tests share. They run against the real server
 * with its demo seed (server/seed/): the reader is Anna Lehmann, her
 * colleague Jonas Richter, so the reaction tests (which sign in as the first
 * users of /dev/users) never share a write-rate bucket with them.
 */

export const reader = { id: 'anna.lehmann', name: 'Anna Lehmann' };
export const colleague = { id: 'jonas.richter', name: 'Jonas Richter' };

/** Signs in and makes the page's shared `/me` cache ask again, as a real page would after a reload. */
export async function signInAs(userId: string): Promise<void> {
  await signIn(userId);
  await servicesFor(resolveConfig(pageDefaults())).me.refresh();
}

/** Signs out, and makes the `/me` cache see it. */
export async function signOutReader(): Promise<void> {
  await signOut();
  await servicesFor(resolveConfig(pageDefaults())).me.refresh();
}

/** `<plaza-comments>` in a German (or English) page, once it shows its thread, empty state or error. */
export async function commentsFor(thread: string, { lang = 'de', attrs = '' } = {}): Promise<PlazaComments> {
  const wrapper = await fixture(html`<div lang=${lang}></div>`);
  wrapper.innerHTML = `<plaza-comments thread="${thread}" ${attrs}></plaza-comments>`;
  const element = wrapper.querySelector('plaza-comments')!;
  await loaded(element);
  return element;
}

export function loaded(element: PlazaComments): Promise<void> {
  return waitUntil(() => element.shadowRoot?.querySelector('[part="list"], [part="empty"], [part="error"]'), 'the thread did not load', {
    timeout: 5000,
  });
}

export const $ = <T extends Element = HTMLElement>(element: PlazaComments, selector: string) => element.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(element: PlazaComments, selector: string) => [...element.shadowRoot!.querySelectorAll<T>(selector)];

export function textarea(element: PlazaComments, composer = 'new'): HTMLTextAreaElement {
  const found = $<HTMLTextAreaElement>(element, `form[data-composer="${composer}"] textarea`);
  if (!found) throw new Error(`no composer "${composer}"`);
  return found;
}

/** Types as a person would: the value changes and an input event follows. */
export function type(field: HTMLTextAreaElement, text: string): void {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

export function submit(element: PlazaComments, composer = 'new'): void {
  $<HTMLButtonElement>(element, `form[data-composer="${composer}"] [part="submit"]`)!.click();
}

export function article(element: PlazaComments, id: string): HTMLElement | null {
  return $(element, `#comment-${id}`);
}

export function bodies(element: PlazaComments): string[] {
  return $$(element, '[part="body"]').map((body) => body.textContent!.trim());
}

/** Posts through the API as whoever is signed in, as a colleague's own browser would. */
export async function post(thread: string, text: string, parentId?: string): Promise<Comment> {
  const response = await fetch(`${endpoint()}/threads/${encodeURIComponent(thread)}/comments`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(parentId ? { text, parentId } : { text }),
  });
  if (!response.ok) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Comment;
}

/** Posts as `userId`, then signs the reader in again. */
export async function postAs(userId: string, thread: string, text: string, parentId?: string): Promise<Comment> {
  await signIn(userId);
  try {
    return await post(thread, text, parentId);
  } finally {
    await signIn(reader.id);
  }
}

/** Requests the page made since `since` whose URL contains `part`. */
export function requestsSince(since: number, part: string): PerformanceResourceTiming[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).slice(since).filter((e) => e.name.includes(part));
}
