-- How far the fan-out worker (server/projections/fan-out.ts, decision 200) has
-- told watchers and followers of what the event log holds: every event up to
-- `event_id` is done, and where `after_recipient` is set, the event `event_id`
-- itself is done for the recipients up to that id (ordered as text) and goes
-- on after it. The worker moves it in the transaction that writes the entries,
-- holding the row locked: one instance at a time, each event once.
CREATE TABLE fan_out_cursor (
  name            text PRIMARY KEY,
  event_id        bigint NOT NULL,
  after_recipient text
);

-- What the log holds now was told in its write's transaction, before this migration.
INSERT INTO fan_out_cursor (name, event_id) SELECT 'notifications', coalesce(max(id), 0) FROM events;
