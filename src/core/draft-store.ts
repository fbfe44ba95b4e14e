import { perEndpoint } from './services.ts';

/**
 * Keeps what people are writing, so no reload, navigation, crash or refused
 * post ever loses their words. One draft per composer: a thread's new
 * comment, a reply to one comment, an edit of one comment. Drafts live in
 * `localStorage` (and in memory, for browsers that refuse storage: private
 * windows, full quotas, policies), namespaced by endpoint, and expire after
 * a month so abandoned ones do not pile up.
 *
 * A draft also carries the `Idempotency-Key` of its last attempt to post: if
 * the answer was lost (the tab closed, the network dropped) and the reader
 * sends the same text again, the server recognises it and never posts twice.
 */

/** Which composer a draft belongs to. */
export interface DraftTarget {
  thread: string;
  /** The comment being replied to, if any. */
  replyTo?: string | null;
  /** The comment being edited, if any. */
  edit?: string | null;
}

export interface Draft extends Required<DraftTarget> {
  text: string;
  /** Milliseconds since the epoch. */
  savedAt: number;
  /** Sent with the last attempt to post exactly this text. */
  idempotencyKey?: string;
}

const PREFIX = 'plaza:draft:';
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export class DraftStore {
  readonly #memory = new Map<string, Draft>();

  /** Keeps two backends' drafts apart, like every other cache (usually the endpoint). */
  readonly #scope: string;
  readonly #storage: Storage | null;
  readonly #now: () => number;

  constructor(scope: string, storage: Storage | null = localStorageOrNull(), now: () => number = Date.now) {
    this.#scope = scope;
    this.#storage = storage;
    this.#now = now;
    this.prune();
  }

  get(target: DraftTarget): Draft | undefined {
    const key = this.#keyOf(target);
    const stored = this.#read(key);
    return stored ?? this.#memory.get(key);
  }

  /** Saves the text; an empty one removes the draft. Changing the text forgets the idempotency key, which belongs to other words. */
  save(target: DraftTarget, text: string): void {
    if (!text.trim()) return this.clear(target);
    const previous = this.get(target);
    const idempotencyKey = previous?.text === text ? previous.idempotencyKey : undefined;
    this.#write(target, { ...normalised(target), text, savedAt: this.#now(), ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  /**
   * The key to send with a post of `text`: the one of the last attempt with
   * the same words (a retry), else a new one, remembered with the draft.
   */
  idempotencyKey(target: DraftTarget, text: string): string {
    const previous = this.get(target);
    if (previous?.text === text && previous.idempotencyKey) return previous.idempotencyKey;
    const idempotencyKey = newIdempotencyKey();
    this.#write(target, { ...normalised(target), text, savedAt: this.#now(), idempotencyKey });
    return idempotencyKey;
  }

  /**
   * Removes the draft, once the server has the words. With `ifText`, only if
   * the draft still holds exactly that text: the reader may have started the
   * next comment while the last one was on its way.
   */
  clear(target: DraftTarget, ifText?: string): void {
    const key = this.#keyOf(target);
    if (ifText !== undefined && this.get(target)?.text !== ifText) return;
    this.#memory.delete(key);
    try {
      this.#storage?.removeItem(key);
    } catch {
      // Storage that refuses to remove has nothing of ours to remove either.
    }
  }

  /** Every draft of a thread, newest first: to reopen the reply or edit someone was writing before a reload. */
  list(thread: string): Draft[] {
    const found = new Map<string, Draft>(this.#memory);
    for (const key of this.#storedKeys()) {
      const draft = this.#read(key);
      if (draft) found.set(key, draft);
    }
    return [...found.values()].filter((draft) => draft.thread === thread).sort((a, b) => b.savedAt - a.savedAt);
  }

  /** Drops drafts older than a month. */
  prune(): void {
    const oldest = this.#now() - MAX_AGE_MS;
    for (const key of this.#storedKeys()) {
      const draft = this.#read(key);
      if (draft && draft.savedAt >= oldest) continue;
      try {
        this.#storage?.removeItem(key);
      } catch {
        // Left for the next page to prune.
      }
    }
  }

  #write(target: DraftTarget, draft: Draft): void {
    const key = this.#keyOf(target);
    // Memory first: if storage refuses (quota, policy), this page still keeps the words.
    this.#memory.set(key, draft);
    try {
      this.#storage?.setItem(key, JSON.stringify(draft));
    } catch (error) {
      console.warn('[plaza] could not keep a draft in localStorage; it lasts until the page closes', error);
    }
  }

  #read(key: string): Draft | undefined {
    let raw: string | null = null;
    try {
      raw = this.#storage?.getItem(key) ?? null;
    } catch {
      return undefined;
    }
    if (raw === null) return undefined;
    try {
      const draft = JSON.parse(raw) as Partial<Draft>;
      if (typeof draft.text !== 'string' || typeof draft.savedAt !== 'number' || typeof draft.thread !== 'string') return undefined;
      return draft as Draft;
    } catch {
      return undefined;
    }
  }

  #storedKeys(): string[] {
    // Keys are JSON arrays that start with the scope: `plaza:draft:["https://…/api/v1","page:/a","",""]`.
    const prefix = `${PREFIX}${JSON.stringify([this.#scope]).slice(0, -1)},`;
    const keys: string[] = [];
    try {
      for (let i = 0; i < (this.#storage?.length ?? 0); i++) {
        const key = this.#storage!.key(i);
        if (key?.startsWith(prefix)) keys.push(key);
      }
    } catch {
      // Unreadable storage holds no drafts we can offer.
    }
    return keys;
  }

  #keyOf(target: DraftTarget): string {
    const { thread, replyTo, edit } = normalised(target);
    return `${PREFIX}${JSON.stringify([this.#scope, thread, replyTo ?? '', edit ?? ''])}`;
  }
}

function normalised(target: DraftTarget): Required<DraftTarget> {
  return { thread: target.thread, replyTo: target.replyTo ?? null, edit: target.edit ?? null };
}

/**
 * A random UUID. `crypto.randomUUID` exists only in secure contexts, and many
 * intranet pages are still served over plain http, where getRandomValues works.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function localStorageOrNull(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Accessing localStorage itself throws when cookies are blocked.
    return null;
  }
}

/** What people are writing, kept in localStorage per endpoint. */
export const draftsOf = perEndpoint((services) => new DraftStore(services.endpoint));
