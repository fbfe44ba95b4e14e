-- The audit log of moderation (issue 19, item 6; decisions 156–158): who
-- hid, restored or deleted someone else's content, dismissed the reports on
-- a comment, closed or reopened a thread, and so resolved which reports, when, why, and what the target
-- looked like then. It replaces `moderation_actions` (migration 005), whose
-- rows it takes over: one record of moderation, not two.
--
-- Written only by the projector server/projections/moderation-audit.ts, in
-- the moderating write's own transaction. `actor_id` has no foreign key on
-- purpose: a moderator's erasure must not erase the record of what they did
-- in office (decision 157); the row leaves with its own retention
-- (PLAZA_RETENTION_AUDIT, by `created_at`).
CREATE TABLE moderation_audit (
  id           bigserial PRIMARY KEY,
  -- The moderator's directory id; null only for rows migration 005 had lost.
  actor_id     text,
  -- Their name when they acted, so the record reads after they left.
  actor_name   text,
  action       text NOT NULL CHECK (action IN ('hide', 'restore', 'dismiss', 'delete', 'close', 'reopen')),
  -- `comment:<id>`, `activity:<id>` (a status post) or a thread's key (closed, reopened).
  target       text NOT NULL,
  -- The thread a comment or a close belongs to, to filter by thread.
  thread_key   text,
  reason       text,
  -- What the target was: { "authorId", "excerpt", "reportsResolved" } (see the projector).
  snapshot     jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now()
);

INSERT INTO moderation_audit (id, actor_id, actor_name, action, target, thread_key, created_at)
SELECT m.id, m.moderator_id, p.name, m.action, m.target,
       CASE WHEN m.target LIKE 'comment:%' THEN (SELECT c.thread_key FROM comments c WHERE 'comment:' || c.id = m.target)
            WHEN m.action IN ('close', 'reopen') THEN m.target END,
       m.created_at
FROM moderation_actions m LEFT JOIN people p ON p.id = m.moderator_id;
SELECT setval(pg_get_serial_sequence('moderation_audit', 'id'), coalesce((SELECT max(id) FROM moderation_audit), 0) + 1, false);
DROP TABLE moderation_actions;

-- The retention purge deletes by age; the reader pages newest first.
CREATE INDEX moderation_audit_created_idx ON moderation_audit (created_at);
CREATE INDEX moderation_audit_actor_idx ON moderation_audit (actor_id, id);
CREATE INDEX moderation_audit_target_idx ON moderation_audit (target, id);
CREATE INDEX moderation_audit_thread_idx ON moderation_audit (thread_key, id);
-- Erasure finds the snapshots of an erased author's words by this.
CREATE INDEX moderation_audit_author_idx ON moderation_audit ((snapshot ->> 'authorId'));
