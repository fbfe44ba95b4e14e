/**
 * The one list of Plaza's tags (decision 136): each line names a tag and the class module in its
 * folder, `src/elements/<name>/<name>.ts`. Everything else follows from it: the lazy loader
 * (src/loader/) imports a tag's module from here when the tag first appears, and the build splits
 * each into its own chunk; build/elements.ts reads these lines for the bundler entries and
 * package.json's `exports` (test/build/element-entries.test.ts); the CMS placeholders' widget
 * names are the tags without `plaza-`. src/define.ts, the eager registration for bundlers, must
 * import each class statically, so it keeps the same tags once more, and the compiler holds the
 * two together (`PlazaTag` below: a tag missing from either does not compile).
 * Adding an element: its folder, one line here, its import in src/define.ts.
 */
import type { elements } from './define.ts';

export const registry: Record<PlazaTag, () => Promise<CustomElementConstructor>> = {
  'plaza-config': () => import('./elements/config/config.ts').then((m) => m.PlazaConfigElement),
  'plaza-reactions': () => import('./elements/reactions/reactions.ts').then((m) => m.PlazaReactions),
  'plaza-comments': () => import('./elements/comments/comments.ts').then((m) => m.PlazaComments),
  'plaza-comment-count': () => import('./elements/comment-count/comment-count.ts').then((m) => m.PlazaCommentCount),
  'plaza-profile-card': () => import('./elements/profile-card/profile-card.ts').then((m) => m.PlazaProfileCard),
  'plaza-person': () => import('./elements/person/person.ts').then((m) => m.PlazaPerson),
  'plaza-activity-feed': () => import('./elements/activity-feed/activity-feed.ts').then((m) => m.PlazaActivityFeed),
  'plaza-notifications': () => import('./elements/notifications/notifications.ts').then((m) => m.PlazaNotifications),
};

/** Every Plaza tag: the compiler holds the registry to src/define.ts's list (a missing or extra tag does not compile). */
export type PlazaTag = keyof typeof elements;
