-- A comment's HTML, rendered on the server when it is written (decision 106),
-- with the version of the renderer that made it (MARKDOWN_RENDERER_VERSION in
-- server/markdown/render.ts). Rows from before, and rows whose version is not
-- the server's, are rendered when read: existing comments keep showing.
ALTER TABLE comments ADD COLUMN html text;
ALTER TABLE comments ADD COLUMN html_version integer;

-- A write that changes the text without its HTML (deleting and erasing wipe
-- the text; a script may edit it) must never leave the old words in `html`:
-- the stored HTML is dropped and the next read renders the new text.
CREATE FUNCTION plaza_comment_html_stale() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.body IS DISTINCT FROM OLD.body AND NEW.html IS NOT DISTINCT FROM OLD.html THEN
    NEW.html := NULL;
    NEW.html_version := NULL;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER comments_html_stale BEFORE UPDATE OF body ON comments
  FOR EACH ROW EXECUTE FUNCTION plaza_comment_html_stale();
