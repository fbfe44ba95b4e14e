-- Notifications (issue 20): who is told of what, in the app. A projection of the write events
-- (server/projections/notifications.ts), withdrawn when what it tells of is deleted or hidden.
CREATE TABLE notifications (
  id            bigserial PRIMARY KEY,
  -- An erased person's notifications go with them.
  recipient_id  text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('mention', 'reply', 'comment', 'reaction', 'follow', 'followed-post', 'report')),
  -- What it is about, one per recipient (see the unique indexes): `comment:<id>` (mention, reply, comment),
  -- `activity:<id>` (a status post: mention, followed-post), `follow:<follower>`, `report:<id>`, and for a
  -- reaction the reaction target (`comment:<id>` or `activity:<id>`).
  source        text NOT NULL,
  -- The comment it shows (also a reaction to a comment and a report of one): deleting the row takes it along.
  comment_id    text REFERENCES comments (id) ON DELETE CASCADE,
  -- The status post it shows. Not a foreign key: its deletion is announced as withdrawn (a cascade could not be).
  activity_id   text,
  report_id     text REFERENCES reports (id) ON DELETE CASCADE,
  -- Who did it, newest first; a bundle of reactions holds every reactor. Erasure removes an id (array_remove),
  -- and reads show only people still in the directory.
  actor_ids     text[] NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- A bundle moves up when someone else reacts.
  updated_at    timestamptz NOT NULL DEFAULT now(),
  read_at       timestamptz
);
-- Never twice for one thing: a replayed projection, or a mention in a reply in a watched thread, hits these.
CREATE UNIQUE INDEX notifications_once_idx ON notifications (recipient_id, source) WHERE kind <> 'reaction';
-- One unread bundle per target: reactions count up in it until it is read.
CREATE UNIQUE INDEX notifications_bundle_idx ON notifications (recipient_id, source) WHERE kind = 'reaction' AND read_at IS NULL;
CREATE INDEX notifications_list_idx ON notifications (recipient_id, updated_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL;
CREATE INDEX notifications_comment_idx ON notifications (comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX notifications_activity_idx ON notifications (activity_id) WHERE activity_id IS NOT NULL;

-- Who watches a thread: writing a comment watches it; PUT/DELETE /threads/{key}/watch change it.
CREATE TABLE thread_watches (
  thread_key  text NOT NULL REFERENCES threads (key) ON DELETE CASCADE,
  person_id   text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (thread_key, person_id)
);
CREATE INDEX thread_watches_person_idx ON thread_watches (person_id);

-- A person's choice per kind; a kind without a row takes the default (server/notifications/kinds.ts).
CREATE TABLE notification_settings (
  person_id  text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('mention', 'reply', 'reaction', 'follow', 'followed-post', 'report')),
  channel    text NOT NULL CHECK (channel IN ('in-app', 'email', 'digest', 'teams', 'off')),
  PRIMARY KEY (person_id, kind)
);
