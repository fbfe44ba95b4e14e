/**
 * Importing this module registers every Plaza tag (the class modules under
 * elements/ have no side effects). Registration is guarded, so loading Plaza
 * twice (two CMS snippets, or a bundle and the script tag) is harmless.
 */
import { rememberLoaderScript } from './core/config.ts';
import { watchPlaceholders } from './core/placeholders.ts';
import { widgetNames } from './core/widget-names.ts';
import { PlazaConfigElement } from './elements/config/config.ts';
import { PlazaReactions } from './elements/reactions/reactions.ts';
import { PlazaComments } from './elements/comments/comments.ts';
import { PlazaCommentCount } from './elements/comment-count/comment-count.ts';
import { PlazaProfileCard } from './elements/profile-card/profile-card.ts';
import { PlazaPerson } from './elements/person/person.ts';
import { PlazaActivityFeed } from './elements/activity-feed/activity-feed.ts';
import { PlazaNotifications } from './elements/notifications/notifications.ts';

/** `<plaza-config>` comes first so that elements upgrading after it find their configuration at once. */
export const elements = {
  'plaza-config': PlazaConfigElement,
  'plaza-reactions': PlazaReactions,
  'plaza-comments': PlazaComments,
  'plaza-comment-count': PlazaCommentCount,
  'plaza-profile-card': PlazaProfileCard,
  'plaza-person': PlazaPerson,
  'plaza-activity-feed': PlazaActivityFeed,
  'plaza-notifications': PlazaNotifications,
} as const;

export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of Object.entries(elements)) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}

// Before defining: elements upgrade synchronously and read the loader script's data-* attributes.
rememberLoaderScript(import.meta.url);
defineElements();
watchPlaceholders(widgetNames(Object.keys(elements)));

/** Each registered tag's instance type, made from `elements` so the type map cannot miss a tag. */
type PlazaTagNameMap = { [Tag in keyof typeof elements]: InstanceType<(typeof elements)[Tag]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the map's members come from the registry above
  interface HTMLElementTagNameMap extends PlazaTagNameMap {}
}
