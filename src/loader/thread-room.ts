/**
 * Holds the room of each thread on the page before its code has loaded (decision 135). With
 * `plaza.js` as the loader, a page paints before `<plaza-comments>` is defined, so the height the
 * thread remembers from the last visit (src/elements/comments/reserved-height.ts) would come one
 * frame too late and push what follows down. The loader keeps its own small note, per address and
 * place on the page (it cannot work out thread keys without loading their code), and sets it as
 * the tag's `min-height` at once; the thread lets go of it when it has drawn its own room.
 */
const STORE = 'plaza:thread-room';
/** Places remembered; the oldest go first. */
const KEEP = 100;

const reserved = new WeakSet<HTMLElement>();

function placeOf(thread: Element): string {
  const threads: ArrayLike<Element> = document.getElementsByTagName('plaza-comments');
  return `${location.href.split('#')[0]} ${Array.from(threads).indexOf(thread)}`;
}

function read(): Record<string, number> {
  try {
    return (JSON.parse(localStorage.getItem(STORE) ?? '{}') as Record<string, number> | null) ?? {};
  } catch {
    // Storage refused (private window, policy) or garbled: the page's own rule holds the room.
    return {};
  }
}

/** Gives each thread on the page the height it had last time, until its code has drawn it. */
export function reserveThreadRoom(): void {
  const heights = read();
  for (const thread of Array.from(document.getElementsByTagName('plaza-comments'))) {
    const height = heights[placeOf(thread)];
    if (!height || !(thread instanceof HTMLElement)) continue;
    thread.style.minHeight = `${height}px`;
    reserved.add(thread);
  }
}

/** What the loader hands the threads (through src/elements/loader-link.ts). */
export const threadRoom = {
  /** The thread has drawn its own room (the remembered height or its content): the note lets go. */
  release(thread: HTMLElement): void {
    if (reserved.delete(thread)) thread.style.minHeight = '';
  },
  /** The thread's height once its first page has drawn, for the next visit. */
  note(thread: HTMLElement, height: number): void {
    if (!thread.isConnected || thread.getRootNode() !== document) return;
    const heights = read();
    const place = placeOf(thread);
    delete heights[place];
    heights[place] = height;
    const places = Object.keys(heights);
    for (const old of places.slice(0, Math.max(0, places.length - KEEP))) delete heights[old];
    try {
      localStorage.setItem(STORE, JSON.stringify(heights));
    } catch {
      // Full or refused: the next visit has the page's own rule, nothing worse.
    }
  },
};

export type ThreadRoom = typeof threadRoom;
