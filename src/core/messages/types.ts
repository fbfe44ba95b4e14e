/**
 * The shape of Plaza's messages. The catalog of each built-in language is one module per element
 * that speaks (`en/reactions.ts`, `de/reactions.ts`, …) plus `core.ts`, which every element uses,
 * so a page loads only the text of the elements on it (decision 180). English is the reference:
 * every other language has exactly its keys, which the compiler checks (`PartOf`).
 */
import type { messages as core } from './en/core.ts';
import type { messages as reactions } from './en/reactions.ts';
import type { messages as commentCount } from './en/comment-count.ts';
import type { messages as composer } from './en/composer.ts';
import type { messages as comments } from './en/comments.ts';
import type { messages as person } from './en/person.ts';
import type { messages as profileCard } from './en/profile-card.ts';
import type { messages as activityFeed } from './en/activity-feed.ts';
import type { messages as notifications } from './en/notifications.ts';

type English = typeof core &
  typeof reactions &
  typeof commentCount &
  typeof composer &
  typeof comments &
  typeof person &
  typeof profileCard &
  typeof activityFeed &
  typeof notifications;

/** Every key any element says. */
export type MessageKey = keyof English;
/**
 * A string with `{name}` placeholders, or plural forms chosen by the `count` variable through
 * Intl.PluralRules (`zero` for a count of 0, where a language wants it).
 */
export type Message = string | { one?: string; other: string; zero?: string };
/** A whole language: what `registerMessages` takes a part of. */
export type Messages = Record<MessageKey, Message>;
/** Another language's module for the part whose English is `T`: the same keys. */
export type PartOf<T> = Record<keyof T, Message>;
