import type { MessageKey } from '../../core/i18n.ts';

/** How each built-in kind looks. A custom kind without an entry shows its name. */
export const KIND_EMOJI: Record<string, string> = {
  like: '👍',
  love: '❤️',
  celebrate: '🎉',
  insight: '💡',
  surprise: '😮',
};

export function kindLabelKey(kind: string): MessageKey | undefined {
  const key = `reactions.kind.${kind}`;
  return kind in KIND_EMOJI ? (key as MessageKey) : undefined;
}

/** `"like, love"` or `"like love"` → `['like', 'love']`. */
export function parseKinds(value: string | null | undefined, fallback: readonly string[]): string[] {
  const kinds = (value ?? '').split(/[\s,]+/).filter(Boolean);
  return kinds.length ? [...new Set(kinds)] : [...fallback];
}
