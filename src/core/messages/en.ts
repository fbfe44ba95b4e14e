/**
 * English messages. Keys are named for where they appear. A value is a string
 * with `{name}` placeholders, or plural forms chosen by the `count` variable
 * through Intl.PluralRules.
 */
export const en = {
  'reactions.label': 'Reactions',
  'reactions.kind.like': 'Like',
  'reactions.kind.love': 'Love',
  'reactions.kind.celebrate': 'Celebrate',
  'reactions.kind.insight': 'Insightful',
  'reactions.kind.surprise': 'Surprised',
  'reactions.button': { one: '{kind}: {count} reaction', other: '{kind}: {count} reactions' },
  'reactions.who': 'Who reacted?',
  'reactions.who.close': 'Hide who reacted',
  'reactions.who.title': 'Who reacted',
  'reactions.who.more': 'Show more',
  'reactions.who.empty': 'No reactions yet.',
  'reactions.loading': 'Loading reactions…',
  'reactions.loadFailed': 'Reactions could not be loaded.',
  'reactions.saveFailed': 'Your reaction could not be saved. {reason}',
  'common.retry': 'Try again',
  'common.dismiss': 'Dismiss',
  'problem.unauthenticated': 'Please sign in first.',
  'problem.forbidden': 'You are not allowed to do that.',
  'problem.network': 'The server cannot be reached. Please check your connection and try again.',
  'problem.rateLimited': 'Too many requests. Please wait a moment and try again.',
  'problem.unknownKind': 'This reaction is not available here.',
  'problem.notFound': 'This no longer exists.',
  'problem.generic': 'Something went wrong ({status}).',
} as const;

export type MessageKey = keyof typeof en;
export type Message = string | { one?: string; other: string; zero?: string };
export type Messages = Record<MessageKey, Message>;
