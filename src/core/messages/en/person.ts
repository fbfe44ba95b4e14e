/** English: what `<plaza-person>` says. Keys are named for where they appear (decision 180). */
export const messages = {
  'person.unknown': 'Unknown person',
  'person.close': 'Close',
  'profile.label': 'Profile of {name}',
} as const;
