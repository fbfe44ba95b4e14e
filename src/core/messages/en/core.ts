/** English: what every element may say: retry, dismiss, the problems the client explains, the built-in reaction kinds (src/core/reaction-kinds.ts names them wherever a reaction shows). Keys are named for where they appear (decision 180). */
export const messages = {
  'reactions.kind.like': 'Like',
  'reactions.kind.love': 'Love',
  'reactions.kind.celebrate': 'Celebrate',
  'reactions.kind.insight': 'Insightful',
  'reactions.kind.surprise': 'Surprised',
  'common.retry': 'Try again',
  'common.dismiss': 'Dismiss',
  'problem.unauthenticated': 'Please sign in first.',
  'problem.forbidden': 'You are not allowed to do that.',
  'problem.network': 'The server cannot be reached. Please check your connection and try again.',
  'problem.originRefused': "The server is reachable but does not accept this page. Please contact your intranet's administrators.",
  'problem.rateLimited': 'Too many requests. Please wait a moment and try again.',
  'problem.unknownKind': 'This reaction is not available here.',
  'problem.notFound': 'This no longer exists.',
  'problem.unavailable': 'The service is unavailable for a moment. Please try again shortly.',
  'problem.generic': 'Something went wrong ({status}).',
} as const;
