-- Retention (issue 19, items 4 and 5; server/retention/). The daily purge
-- deletes by age, so each kind it reads by age gets an index on it: the
-- purge reads only what expired, not the table.
CREATE INDEX comments_created_idx ON comments (created_at) WHERE deleted_at IS NULL;
CREATE INDEX reactions_created_idx ON reactions (created_at);
CREATE INDEX reports_handled_idx ON reports (created_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX sessions_created_idx ON sessions (created_at);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- One row: who runs the purge now (a lease, so of several instances on one
-- PostgreSQL exactly one purges, and a crashed one's lease runs out), and
-- what the last run removed, for the operator (docs/operations.md).
CREATE TABLE retention_runs (
  id             integer PRIMARY KEY CHECK (id = 1),
  holder         text,
  lease_until    timestamptz,
  last_started   timestamptz,
  last_finished  timestamptz,
  last_counts    jsonb
);
INSERT INTO retention_runs (id) VALUES (1);
