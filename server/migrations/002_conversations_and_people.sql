-- Comments become writable (mentions, edits, erasure), with reports, follows,
-- idempotent POSTs and an accent-insensitive people search. Plain PostgreSQL,
-- no extensions, so it runs unchanged on PGlite and on a PostgreSQL server.

-- Erasing a person (DELETE /me, anonymise mode) keeps their comments without
-- an author, so the conversation still reads.
ALTER TABLE comments ALTER COLUMN author_id DROP NOT NULL;
ALTER TABLE comments DROP CONSTRAINT comments_author_id_fkey;
ALTER TABLE comments ADD CONSTRAINT comments_author_id_fkey
  FOREIGN KEY (author_id) REFERENCES people (id) ON DELETE SET NULL;
-- Ids of the people the text mentions, checked against the directory when written.
ALTER TABLE comments ADD COLUMN mentions text[] NOT NULL DEFAULT '{}';
ALTER TABLE comments ADD COLUMN edited_at timestamptz;
-- A thread page reads top-level comments in (created_at, id) order and replies per parent.
CREATE INDEX comments_top_level_idx ON comments (thread_key, created_at, id) WHERE parent_id IS NULL;
CREATE INDEX comments_replies_idx ON comments (parent_id, created_at, id) WHERE parent_id IS NOT NULL;

-- One open report per reporter and comment: reporting again updates the reason.
-- Acting on a comment (hide, restore, delete) resolves its open reports.
CREATE TABLE reports (
  id           text PRIMARY KEY,
  comment_id   text NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  reporter_id  text REFERENCES people (id) ON DELETE SET NULL,
  reason       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  resolved_at  timestamptz,
  resolved_by  text REFERENCES people (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX reports_open_once_idx ON reports (comment_id, reporter_id) WHERE resolved_at IS NULL;
CREATE INDEX reports_open_idx ON reports (created_at, id) WHERE resolved_at IS NULL;
CREATE INDEX reports_reporter_idx ON reports (reporter_id);

CREATE TABLE follows (
  follower_id  text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  followee_id  text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, followee_id),
  CHECK (follower_id <> followee_id)
);
CREATE INDEX follows_followee_idx ON follows (followee_id);

-- The first answer to each (person, Idempotency-Key). The primary key is what
-- makes two concurrent retries safe: the second waits for the first to commit,
-- then finds its answer. Kept for a day.
CREATE TABLE idempotency_keys (
  person_id    text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  key          text NOT NULL,
  -- A hash of method, path and body: the same key on a different request is refused.
  fingerprint  text NOT NULL,
  status       integer NOT NULL,
  response     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Search folds case and accents in SQL (not with the unaccent extension, which
-- a managed PostgreSQL may not offer): "muller" finds Müller, "ayse" Ayşe.
-- translate() maps one character to one, uppercase included because lower()
-- ignores non-ASCII letters under the C locale; hyphens become spaces so
-- "heinz" finds Karl-Heinz.
CREATE FUNCTION plaza_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT lower(translate(
    replace(replace(replace(replace(replace(replace(normalize(value, NFC),
      'ß', 'ss'), 'ẞ', 'SS'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE'),
    'àáâãäåāăąÀÁÂÃÄÅĀĂĄçćĉċčÇĆĈĊČďđĎĐèéêëēĕėęěÈÉÊËĒĔĖĘĚĝğġģĜĞĠĢĥħĤĦìíîïĩīĭįıÌÍÎÏĨĪĬĮİĵĴķĶĺļľŀłĹĻĽĿŁñńņňÑŃŅŇòóôõöøōŏőÒÓÔÕÖØŌŎŐŕŗřŔŖŘśŝşšșŚŜŞŠȘţťŧțŢŤŦȚùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲŵŴýÿŷÝŸŶźżžŹŻŽ-',
    'aaaaaaaaaAAAAAAAAAcccccCCCCCddDDeeeeeeeeeEEEEEEEEEggggGGGGhhHHiiiiiiiiiIIIIIIIIIjJkKlllllLLLLLnnnnNNNNoooooooooOOOOOOOOOrrrRRRsssssSSSSSttttTTTTuuuuuuuuuuUUUUUUUUUUwWyyyYYYzzzZZZ '))
$$;

-- A name's search terms: folded, and once more with German transliteration,
-- so "mueller" finds Müller as the mail system spells him.
CREATE FUNCTION plaza_name_terms(name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT plaza_fold(name) || ' ' || plaza_fold(
    replace(replace(replace(replace(replace(replace(normalize(name, NFC),
      'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'))
$$;

ALTER TABLE people ADD COLUMN search_terms text GENERATED ALWAYS AS (plaza_name_terms(name)) STORED;
