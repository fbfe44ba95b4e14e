-- The daily digest (issue 20, item 5; server/notifications/digest.ts, decisions 195–197).
-- An entry whose recipient chose `digest` for its kind waits here from the write that made it
-- until the next digest takes it: a withdrawn entry (its notification deleted) or an erased
-- recipient takes its row along.
CREATE TABLE digest_entries (
  notification_id  bigint PRIMARY KEY REFERENCES notifications (id) ON DELETE CASCADE,
  recipient_id     text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX digest_entries_recipient_idx ON digest_entries (recipient_id);

-- One row: who sends today's digests (a lease, so of several instances on one PostgreSQL exactly
-- one does, and a crashed one's lease runs out), and the last local day (in PLAZA_TIMEZONE) whose
-- digests were all queued, with how many, for the operator.
CREATE TABLE digest_runs (
  id             integer PRIMARY KEY CHECK (id = 1),
  holder         text,
  lease_until    timestamptz,
  last_day       text,
  last_started   timestamptz,
  last_finished  timestamptz,
  last_count     integer
);
INSERT INTO digest_runs (id) VALUES (1);
