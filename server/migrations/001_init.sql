-- Plaza's first schema, laid out for the whole product so later features add
-- columns and tables rather than reshape these. Plain PostgreSQL: the same file
-- runs on the embedded PGlite and on a PostgreSQL server.

-- The directory. Ids are chosen by the identity source (dev seed, later OIDC
-- `sub`), so they are text, not serials.
CREATE TABLE people (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  role        text,
  department  text,
  location    text,
  email       text,
  phone       text,
  avatar_url  text,
  manager_id  text REFERENCES people (id) ON DELETE SET NULL,
  -- Moderators may hide comments; kept here so `GET /me` can say so without a roles table.
  moderator   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_manager_idx ON people (manager_id);
CREATE INDEX people_name_idx ON people (lower(name));

-- Only a hash of the cookie token is stored, so a leaked backup signs nobody in.
-- `provider` ties a session to the sign-in that made it: switching PLAZA_AUTH
-- from dev to something else must not keep dev sessions alive.
CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  person_id   text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  provider    text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_person_idx ON sessions (person_id);

-- One row per person, target and kind; the primary key makes PUT idempotent.
CREATE TABLE reactions (
  target      text NOT NULL,
  kind        text NOT NULL,
  person_id   text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (target, kind, person_id)
);
-- Counts per target come from the primary key; "who reacted, newest first"
-- needs its own order, and "everything a person reacted to" serves export/erasure.
CREATE INDEX reactions_people_idx ON reactions (target, kind, created_at DESC, person_id DESC);
CREATE INDEX reactions_person_idx ON reactions (person_id);

-- The realtime log: what `GET /events` streams and replays after Last-Event-ID.
-- Bounded by pruning (age and row count), not kept as history.
CREATE TABLE events (
  id          bigserial PRIMARY KEY,
  topic       text NOT NULL,
  type        text NOT NULL,
  payload     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_topic_idx ON events (topic, id);
CREATE INDEX events_created_idx ON events (created_at);

-- Comment threads, one per key chosen by the page (`page:/news/kantine`).
CREATE TABLE threads (
  key         text PRIMARY KEY,
  closed      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Comments keep their row when deleted or hidden, so replies keep their parent
-- and moderation stays auditable; `version` refuses stale edits.
CREATE TABLE comments (
  id          text PRIMARY KEY,
  thread_key  text NOT NULL REFERENCES threads (key) ON DELETE CASCADE,
  parent_id   text REFERENCES comments (id) ON DELETE CASCADE,
  author_id   text NOT NULL REFERENCES people (id),
  body        text NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz,
  hidden_at   timestamptz
);
CREATE INDEX comments_thread_idx ON comments (thread_key, parent_id, created_at);
CREATE INDEX comments_parent_idx ON comments (parent_id);
CREATE INDEX comments_author_idx ON comments (author_id);
