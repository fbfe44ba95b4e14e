-- A thread's counts, kept so a page, an event and the thread cache's
-- freshness check read the thread's row and a few deltas instead of counting
-- the thread (decision 63). A trigger keeps them, so every way a comment
-- changes counts: posting, deleting, hiding, erasure, the seed, an import.
--
-- The trigger appends a delta row rather than updating the thread's row: on
-- PostgreSQL an update would lock that row until the write commits, so every
-- writer to one thread would wait for the previous one's commit and disk
-- flush (150 posts a second to one thread fell to 50). `thread_counts` adds
-- the deltas to the row; the server folds them into the row now and then
-- (`foldThreadCounts`, server/store/threads.ts), so there are never many.

-- Comments neither deleted nor hidden: the `count` every reader sees.
ALTER TABLE threads ADD COLUMN published_count integer NOT NULL DEFAULT 0;
-- Comments not deleted (hidden ones too): a page depends on these as well.
ALTER TABLE threads ADD COLUMN live_count integer NOT NULL DEFAULT 0;

UPDATE threads t SET published_count = n.published, live_count = n.live
FROM (
  SELECT thread_key, count(*) FILTER (WHERE hidden_at IS NULL)::int AS published, count(*)::int AS live
  FROM comments WHERE deleted_at IS NULL GROUP BY thread_key
) n
WHERE n.thread_key = t.key;

-- Changes since the last fold; no key and no foreign key, so appending one locks nothing another writer needs.
CREATE TABLE thread_count_deltas (
  thread_key text NOT NULL,
  live       integer NOT NULL,
  published  integer NOT NULL
);
CREATE INDEX thread_count_deltas_thread_idx ON thread_count_deltas (thread_key);

-- What every read uses: the row's counts plus the deltas not yet folded in.
CREATE VIEW thread_counts AS
  SELECT t.key, t.closed,
    t.published_count + coalesce(d.published, 0) AS published_count,
    t.live_count + coalesce(d.live, 0) AS live_count
  FROM threads t
  LEFT JOIN LATERAL (
    SELECT sum(x.published)::int AS published, sum(x.live)::int AS live FROM thread_count_deltas x WHERE x.thread_key = t.key
  ) d ON true;

CREATE FUNCTION plaza_count_comments() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  was_live int := 0;
  was_published int := 0;
  is_live int := 0;
  is_published int := 0;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    was_live := (OLD.deleted_at IS NULL)::int;
    was_published := (OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL)::int;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    is_live := (NEW.deleted_at IS NULL)::int;
    is_published := (NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL)::int;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.thread_key = NEW.thread_key THEN
    IF is_live <> was_live OR is_published <> was_published THEN
      INSERT INTO thread_count_deltas VALUES (NEW.thread_key, is_live - was_live, is_published - was_published);
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND was_live <> 0 THEN
    INSERT INTO thread_count_deltas VALUES (OLD.thread_key, -was_live, -was_published);
  END IF;
  IF TG_OP <> 'DELETE' AND is_live <> 0 THEN
    INSERT INTO thread_count_deltas VALUES (NEW.thread_key, is_live, is_published);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER comments_counted AFTER INSERT OR DELETE OR UPDATE OF deleted_at, hidden_at, thread_key ON comments
  FOR EACH ROW EXECUTE FUNCTION plaza_count_comments();

-- Counting a thread was the last use of (thread_key, parent_id, created_at); without it the planner
-- cannot pick it for a page and then sort the whole thread by (created_at, id), which it did on PostgreSQL.
DROP INDEX comments_thread_idx;
