/** English: what `<plaza-reactions>` says. Keys are named for where they appear (decision 180). */
export const messages = {
  'reactions.label': 'Reactions',
  'reactions.button': { one: '{kind}: {count} reaction', other: '{kind}: {count} reactions' },
  'reactions.who': 'Who reacted?',
  'reactions.who.close': 'Hide who reacted',
  'reactions.who.title': 'Who reacted',
  'reactions.who.more': 'Show more',
  'reactions.who.empty': 'No reactions yet.',
  'reactions.loading': 'Loading reactions…',
  'reactions.loadFailed': 'Reactions could not be loaded.',
  'reactions.signInToRead': 'Sign in to see the reactions.',
  'reactions.saveFailed': 'Your reaction could not be saved. {reason}',
} as const;
