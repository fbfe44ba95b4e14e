// Moved to ../shared/ (both composers use it); src/elements/feed/feed.ts still imports it from here. Delete once it does not.
export * from '../shared/mention-autocomplete.ts';
