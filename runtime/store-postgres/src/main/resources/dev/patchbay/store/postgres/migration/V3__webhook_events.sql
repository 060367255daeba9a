-- The webhook inbox shared by every serve replica. An event is written here before its delivery is acknowledged,
-- so a replica dying after the answer loses nothing: another claims it once the claim's lease has run out.
CREATE TABLE patchbay_webhook_events (
  id           text        PRIMARY KEY,
  connector    text        NOT NULL,
  type         text        NOT NULL,
  account_id   text        NOT NULL,
  delivery_key text        NOT NULL,
  occurred_at  timestamptz NOT NULL,
  received_at  timestamptz NOT NULL,
  -- The provider's whole event, sealed under the master key and bound to the event id: bodies carry credentials
  -- (Zoom's download_token), which the database must never see.
  sealed_body  bytea       NOT NULL,
  status       text        NOT NULL,
  reason       text,
  run_ids      text[]      NOT NULL DEFAULT '{}',
  retries      integer     NOT NULL DEFAULT 0,
  -- The replica processing it, and until when its claim holds unless renewed.
  claimed_by   text,
  lease_until  timestamptz
);
CREATE INDEX patchbay_webhook_events_waiting ON patchbay_webhook_events (received_at)
  WHERE status IN ('QUEUED', 'PROCESSING');
CREATE INDEX patchbay_webhook_events_received ON patchbay_webhook_events (received_at DESC);

-- Signatures and delivery keys taken, each until it may be taken again: one row per key, so two replicas receiving
-- the same delivery race on the primary key and one of them finds the other's event.
CREATE TABLE patchbay_webhook_keys (
  key        text        PRIMARY KEY,
  event_id   text        NOT NULL,
  expires_at timestamptz NOT NULL
);
