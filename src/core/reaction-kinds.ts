import type { Translate } from './i18n.ts';

/** How each kind looks. A custom kind without an entry shows its label. */
const KIND_EMOJI: Record<string, string> = {
  like: '👍',
  love: '❤️',
  celebrate: '🎉',
  insight: '💡',
  surprise: '😮',
};

/**
 * Gives a custom reaction kind its emoji, e.g. `defineReactionKind('thanks', '🙏')`;
 * its label comes from the messages: `registerMessages('de', { 'reactions.kind.thanks': 'Danke' })`.
 */
export function defineReactionKind(kind: string, emoji: string): void {
  KIND_EMOJI[kind] = emoji;
}

export function kindEmoji(kind: string): string | undefined {
  return KIND_EMOJI[kind];
}

/** The kind's name in the reader's language, else the kind itself. */
export function kindLabel(t: Translate, kind: string): string {
  const key = `reactions.kind.${kind}`;
  return t.has(key) ? t(key) : kind;
}

/** `"like, love"` or `"like love"` → `['like', 'love']`. */
export function parseKinds(value: string | null | undefined, fallback: readonly string[]): string[] {
  const kinds = (value ?? '').split(/[\s,]+/).filter(Boolean);
  return kinds.length ? [...new Set(kinds)] : [...fallback];
}
