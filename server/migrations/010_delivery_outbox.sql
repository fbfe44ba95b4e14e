-- The send queue of what leaves Plaza (server/delivery/outbox.ts, decision 172):
-- e-mails, Teams cards and webhook calls, written in the transaction of the
-- write that causes them, so nothing is queued for a write that rolled back
-- and nothing queued is lost in a crash. Any instance may send a row: it
-- claims it (FOR UPDATE SKIP LOCKED) by setting status 'sending' with a lease;
-- a lease that runs out (the instance died while sending) lets another take
-- it over.
CREATE TABLE deliveries (
  id              text PRIMARY KEY,
  channel         text NOT NULL CHECK (channel IN ('email', 'teams', 'webhook')),
  -- email: a person's id; teams and webhook: the URL posted to.
  recipient       text NOT NULL,
  -- One cause never sends twice: a second enqueue with the same key is ignored.
  dedupe_key      text NOT NULL UNIQUE,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);

CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_leased ON deliveries (lease_until) WHERE status = 'sending';
-- The per-person cap counts the mails sent to someone in the last hour.
CREATE INDEX deliveries_mail_sent ON deliveries (recipient, sent_at) WHERE channel = 'email' AND status IN ('sent', 'sending');
-- The moderators' delivery log, newest first.
CREATE INDEX deliveries_log ON deliveries (created_at, id);

-- Secrets the server makes once and every instance shares (the key that signs
-- unsubscribe links when PLAZA_SECRET is unset).
CREATE TABLE server_secrets (
  name       text PRIMARY KEY,
  value      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
