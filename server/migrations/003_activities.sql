-- The activity feed: one row per thing that happened, written in the same
-- transaction as the write it records (a comment, a reaction, a follow, a
-- status post, a new colleague), and deleted when that write is undone.
-- Status posts live here too: they are nothing but an activity with text.

-- Where a thread is shown, so a feed item about it can link there. The latest
-- comment's `page` wins; only absolute http(s) URLs are stored.
ALTER TABLE threads ADD COLUMN page_url text;
ALTER TABLE threads ADD COLUMN page_title text;

CREATE TABLE activities (
  id          text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('status', 'comment', 'reaction', 'follow', 'joined')),
  -- A person's activities go with them. Erasure in anonymise mode first detaches
  -- their status posts, which then stay without an actor, like comments.
  actor_id    text REFERENCES people (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- status: the Markdown and whom it mentions (checked against the directory when written).
  body        text,
  mentions    text[] NOT NULL DEFAULT '{}',
  -- status: the space it was posted to.
  space       text,
  -- comment, reaction: the thread it happened on (a reaction's target when that is not a comment).
  -- Not a foreign key: a page's reaction bar may have no thread yet.
  thread_key  text,
  -- comment, and a reaction to a comment. Its text is read from the comment, never copied.
  comment_id  text REFERENCES comments (id) ON DELETE CASCADE,
  -- reaction: the target and kind, as in `reactions`.
  target      text,
  reaction    text,
  -- follow: who was followed.
  subject_id  text REFERENCES people (id) ON DELETE CASCADE,
  -- `space:<key>` feeds match this by prefix.
  place       text GENERATED ALWAYS AS (coalesce(space, thread_key)) STORED,
  CHECK (actor_id IS NOT NULL OR kind = 'status'),
  CHECK ((kind = 'status') = (body IS NOT NULL)),
  CHECK (kind <> 'comment' OR (comment_id IS NOT NULL AND thread_key IS NOT NULL)),
  CHECK (kind <> 'reaction' OR (target IS NOT NULL AND reaction IS NOT NULL AND thread_key IS NOT NULL)),
  CHECK (kind <> 'follow' OR subject_id IS NOT NULL)
);

-- One index per feed scope, each in the feed's order (newest first, id to
-- break ties) so a page is a short index scan from the cursor on.
CREATE INDEX activities_all_idx ON activities (created_at DESC, id DESC);
-- user:<id>, and following (one range per person followed, merged).
CREATE INDEX activities_actor_idx ON activities (actor_id, created_at DESC, id DESC);
-- space:<key>: a prefix range (text_pattern_ops lets LIKE 'key%' use it under any collation).
CREATE INDEX activities_place_idx ON activities (place text_pattern_ops, created_at DESC, id DESC) WHERE place IS NOT NULL;

-- Undoing finds exactly the row to delete, and each write is recorded once.
CREATE UNIQUE INDEX activities_reaction_once_idx ON activities (actor_id, target, reaction) WHERE kind = 'reaction';
CREATE UNIQUE INDEX activities_follow_once_idx ON activities (actor_id, subject_id) WHERE kind = 'follow';
CREATE UNIQUE INDEX activities_comment_once_idx ON activities (comment_id) WHERE kind = 'comment';
-- Deleting or hiding a comment takes its reactions' activities too; erasing a person their follows.
CREATE INDEX activities_comment_idx ON activities (comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX activities_subject_idx ON activities (subject_id) WHERE subject_id IS NOT NULL;
