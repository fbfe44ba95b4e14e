/**
 * The element modules a bundler imports one by one (`plaza/elements/<name>`): the build's
 * module entries (vite.config.ts `--mode modules`) are made from this list, and
 * test/build/element-entries.test.ts holds package.json's `exports` and the built `.d.ts`
 * files to it. One line per element; src/define.ts registers the same list (a test holds them together), and the CMS placeholders and the tag type map are made from that registration (decision 125).
 */
export interface ElementEntry {
  /** The subpath: `plaza/elements/<name>`, built to `dist/elements/<name>.js`. */
  name: string;
  /** The custom element's tag. */
  tag: `plaza-${string}`;
  /** The class the module exports. */
  className: string;
  /** The class module under `src/`, without its extension (types land in `dist/types/<source>.d.ts`). */
  source: string;
}

export const ELEMENT_ENTRIES: readonly ElementEntry[] = [
  { name: 'config', tag: 'plaza-config', className: 'PlazaConfigElement', source: 'elements/config/config' },
  { name: 'reactions', tag: 'plaza-reactions', className: 'PlazaReactions', source: 'elements/reactions/reactions' },
  { name: 'comments', tag: 'plaza-comments', className: 'PlazaComments', source: 'elements/comments/comments' },
  { name: 'comment-count', tag: 'plaza-comment-count', className: 'PlazaCommentCount', source: 'elements/comment-count/comment-count' },
  { name: 'profile-card', tag: 'plaza-profile-card', className: 'PlazaProfileCard', source: 'elements/profile-card/profile-card' },
  { name: 'person', tag: 'plaza-person', className: 'PlazaPerson', source: 'elements/person/person' },
  { name: 'activity-feed', tag: 'plaza-activity-feed', className: 'PlazaActivityFeed', source: 'elements/activity-feed/activity-feed' },
];

/** package.json's `exports` entry for one element, as the build lays it out. */
export function elementExport(entry: ElementEntry): { types: string; default: string } {
  return { types: `./dist/types/${entry.source}.d.ts`, default: `./dist/elements/${entry.name}.js` };
}
