import type { StoryContext } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { PlazaReactions } from '../src/elements/reactions/reactions.ts';

/*
 * Helpers for play functions. Plaza's elements render into shadow roots,
 * which Testing Library's queries do not enter, so these reach in by part name.
 */

/** waitFor's default second is too short for a busy two-core CI machine. */
export const PATIENCE = { timeout: 5000 };

/**
 * The play function of every story without its own: waits until each Plaza
 * element on the canvas has loaded (or shown its error), so the accessibility
 * panel and the story check judge the finished state, not the first frame.
 */
export async function settled({ canvasElement, parameters }: Pick<StoryContext, 'canvasElement' | 'parameters'>): Promise<void> {
  if (parameters.plaza?.pending) return;
  await waitFor(
    () => {
      for (const element of canvasElement.querySelectorAll('plaza-reactions')) {
        expect(element.shadowRoot?.querySelector('[part="bar"][aria-busy="false"], .load-error'), `${element.target} loaded`).toBeTruthy();
      }
    },
    PATIENCE,
  );
}

export async function loadedBar(canvasElement: HTMLElement): Promise<PlazaReactions> {
  const element = canvasElement.querySelector('plaza-reactions');
  if (!element) throw new Error('The story has no <plaza-reactions>.');
  await waitFor(() => expect(element.shadowRoot?.querySelector('[part="bar"][aria-busy="false"]')).toBeTruthy(), PATIENCE);
  return element;
}

export function part(element: PlazaReactions, name: string): HTMLElement {
  const found = element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`No part "${name}" in <plaza-reactions>.`);
  return found;
}

export function reactionButton(element: PlazaReactions, kind: string): HTMLButtonElement {
  const found = element.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-kind="${kind}"]`);
  if (!found) throw new Error(`No button for "${kind}".`);
  return found;
}

/** The text of the bar's message line (a refused reaction), empty when there is none. */
export function messageText(element: PlazaReactions): string {
  return element.shadowRoot!.querySelector('.message[part="error"]')?.textContent?.trim() ?? '';
}
