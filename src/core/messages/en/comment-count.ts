/** English: what `<plaza-comment-count>` says. Keys are named for where they appear (decision 180). */
export const messages = {
  'commentCount.label': { zero: 'No comments yet', one: '1 comment', other: '{count} comments' },
  'commentCount.loading': 'Counting comments…',
  'commentCount.failed': 'The number of comments could not be loaded.',
  'commentCount.signInToRead': 'Sign in to see the comments.',
} as const;
