/**
 * When an element with `loading="lazy"` starts: once it comes near the
 * viewport, or once the browser is idle, whichever is first. A long thread
 * has a reaction bar and a name tag per comment; making the ones far below
 * in the same task as the first screen made the reader wait for all of them
 * (bench/render, docs/architecture.md decision 55). Idle time brings the rest
 * in soon after, as many as each idle period has room for, so a screen
 * reader's list of buttons and the browser's find-in-page are complete within
 * moments.
 */

/** When an element makes its content: at once, or when near (an image's `loading` attribute, the same words). */
export type Loading = 'eager' | 'lazy';

/** Elements waiting, in the order they asked (document order, for a thread), with how to start them. */
const waiting = new Map<Element, () => void>();

let observer: IntersectionObserver | undefined;
let idleAsked = false;

/** Starts `element` (synchronously, so idle time can measure it) when it is near the viewport or the browser is idle. */
export function whenNear(element: Element, start: () => void): void {
  waiting.set(element, start);
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) if (entry.isIntersecting) startNow(entry.target);
    },
    // A screen ahead in both directions, so scrolling finds them made.
    { rootMargin: '100% 0px' },
  );
  observer.observe(element);
  askIdle();
}

/** Starts a waiting element now (its `loading` became `eager`); nothing if it is not waiting. */
export function startNow(element: Element): void {
  const start = waiting.get(element);
  if (!start) return;
  forget(element);
  try {
    start();
  } catch (error) {
    // One element's failed render must not keep the others waiting; the error still reaches the console.
    reportError(error);
  }
}

/** Stops waiting for an element without starting it (it left the document). */
export function forget(element: Element): void {
  if (waiting.delete(element)) observer?.unobserve(element);
}

function askIdle(): void {
  if (idleAsked) return;
  idleAsked = true;
  const whenIdle = window.requestIdleCallback ?? idleStandIn;
  whenIdle(
    (deadline) => {
      idleAsked = false;
      // At least one, so a page that is never idle still gets there (the timeout below brings us here).
      let started = 0;
      for (const element of waiting.keys()) {
        if (started++ > 0 && deadline.timeRemaining() < 2) break;
        startNow(element);
      }
      if (waiting.size) askIdle();
    },
    { timeout: 1000 },
  );
}

/** Safari has no requestIdleCallback: every 50 ms, a slice of 8 ms (half a frame) is taken as idle. */
function idleStandIn(callback: IdleRequestCallback): number {
  return window.setTimeout(() => {
    const end = performance.now() + 8;
    callback({ didTimeout: false, timeRemaining: () => Math.max(0, end - performance.now()) });
  }, 50);
}
