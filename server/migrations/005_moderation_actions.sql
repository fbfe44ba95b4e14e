-- Who moderated what. Public events say only that the moderation acted
-- ("von der Moderation"); the moderator's name is kept here, for moderators
-- and operators, never in the event log every reader can replay.
CREATE TABLE moderation_actions (
  id            bigserial PRIMARY KEY,
  moderator_id  text REFERENCES people (id) ON DELETE SET NULL,
  action        text NOT NULL CHECK (action IN ('hide', 'restore', 'delete', 'close', 'reopen')),
  -- `comment:<id>`, `activity:<id>` (a status post) or a thread's key (closed, reopened).
  target        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
-- Erasure (DELETE /me) finds a moderator's rows by this index.
CREATE INDEX moderation_actions_moderator_idx ON moderation_actions (moderator_id);
CREATE INDEX moderation_actions_target_idx ON moderation_actions (target, id);
