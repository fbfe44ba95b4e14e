/**
 * Every Plaza tag and how to load its module: the lazy loader (src/loader/) imports a tag's
 * module when the tag first appears, and the build splits each one into its own chunk.
 * `<plaza-config>` comes first: elements upgrading after it find their configuration at once.
 * test/build/element-entries.test.ts holds this list to build/elements.ts (the bundler
 * entries and package exports) and to src/define.ts (the eager registration).
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
};

/** Every Plaza tag: the compiler holds the registry to src/define.ts's list (a missing or extra tag does not compile). */
export type PlazaTag = keyof typeof elements;
