-- A thread's counts, kept on its row so a page, an event and the thread
-- cache's freshness check read one row instead of counting the thread
-- (decision 63). A trigger keeps them, so every way a comment changes counts:
-- posting, deleting, hiding, erasure, the seed, an import. A write's own
-- transaction still counts (server/store/comments.ts `threadCount`): its
-- change reaches the row only at commit.

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
      UPDATE threads SET live_count = live_count + is_live - was_live, published_count = published_count + is_published - was_published
      WHERE key = NEW.thread_key;
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND was_live <> 0 THEN
    UPDATE threads SET live_count = live_count - was_live, published_count = published_count - was_published WHERE key = OLD.thread_key;
  END IF;
  IF TG_OP <> 'DELETE' AND is_live <> 0 THEN
    UPDATE threads SET live_count = live_count + is_live, published_count = published_count + is_published WHERE key = NEW.thread_key;
  END IF;
  RETURN NULL;
END
$$;

-- Deferred to the commit: on PostgreSQL the thread's row is then locked only while a write commits,
-- so writers to one thread wait for each other's commit, not for each other's whole transaction.
CREATE CONSTRAINT TRIGGER comments_counted AFTER INSERT OR DELETE OR UPDATE OF deleted_at, hidden_at, thread_key ON comments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plaza_count_comments();

-- Counting a thread was the last use of (thread_key, parent_id, created_at); without it the planner
-- cannot pick it for a page and then sort the whole thread by (created_at, id), which it did on PostgreSQL.
DROP INDEX comments_thread_idx;
