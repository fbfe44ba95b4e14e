import { fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import type { TemplateResult } from 'lit';
import '../../../src/define.ts';
import { pageDefaults, resolveConfig } from '../../../src/core/config.ts';
import { servicesFor, type PlazaServices } from '../../../src/core/services.ts';
import { peopleOf, type PeopleStore } from '../../../src/core/people-store.ts';
import type { PlazaProfileCard } from '../../../src/elements/profile-card/profile-card.ts';
import { endpoint, signIn, signOut } from '../../support/browser/session.ts';

/*
 * What the <plaza-person> and <plaza-profile-card> tests share. They run
 * against the real server and its demo seed (server/seed/people.ts). The
 * reader is Lea Neumann, and the people she follows are ones no other browser
 * test writes to, so follower counts are only ever changed here.
 */

export const reader = { id: 'lea.neumann', name: 'Lea Neumann' };
/** Netzmonteur in Netzbetrieb at Betriebshof Süd, reporting to Jürgen Müller. */
export const lukas = { id: 'lukas.schneider', name: 'Lukas Schneider', role: 'Netzmonteur', department: 'Netzbetrieb', location: 'Betriebshof Süd', manager: 'Jürgen Müller' };
/** A colleague who follows someone while the reader watches. */
export const colleague = { id: 'niklas.braun', name: 'Niklas Braun' };

/** The services every element on the test page shares (the page's meta endpoint). */
export function pageServices(): PlazaServices {
  return servicesFor(resolveConfig(pageDefaults()));
}

/** The people store those elements share (made on first use, decision 132). */
export function pagePeople(): PeopleStore {
  return peopleOf(pageServices());
}

/** Signs in and makes the page's shared `/me` cache ask again, as a real page would after a reload. */
export async function signInAs(userId: string): Promise<void> {
  await signIn(userId);
  await pageServices().me.refresh();
}

export async function signOutReader(): Promise<void> {
  await signOut();
  await pageServices().me.refresh();
}

/** The profile as the server has it now, as a reload would show it. */
export async function serverProfile(id: string): Promise<{ followers: number; followedByMe: boolean }> {
  const response = await fetch(`${endpoint()}/people/${encodeURIComponent(id)}`, { credentials: 'include' });
  return (await response.json()) as { followers: number; followedByMe: boolean };
}

/** `<plaza-profile-card>` inside `content`, once it shows the person or an error. */
export async function card(content: TemplateResult): Promise<PlazaProfileCard> {
  const wrapper = await fixture(content);
  const element = wrapper.matches('plaza-profile-card') ? (wrapper as PlazaProfileCard) : wrapper.querySelector('plaza-profile-card')!;
  await settledCard(element);
  return element;
}

export function settledCard(element: PlazaProfileCard): Promise<void> {
  return waitUntil(() => element.shadowRoot?.querySelector('[part="card"][aria-busy="false"], [part="error"].state'), 'the card did not load', {
    timeout: 8000,
  });
}

/** Until colour transitions in the element have ended: axe judges colours mid-way as too faint. */
export async function transitionsDone(element: Element): Promise<void> {
  await Promise.all(element.shadowRoot!.getAnimations().map((animation) => animation.finished));
}

export const inCard = <T extends Element = HTMLElement>(element: Element, selector: string) => element.shadowRoot!.querySelector<T>(selector);

/** How many requests went to `path` (e.g. `/api/v1/people`) since the last `performance.clearResourceTimings()`. */
export function requestsTo(path: string): PerformanceResourceTiming[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => new URL(entry.name).pathname.endsWith(path));
}

export { html };
