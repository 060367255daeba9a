-- Connections: the sealed envelope (AES-256-GCM under the master key each process holds, bound to the id) is all
-- the database keeps of a credential. The name is plain so a lookup by name is one indexed query; it is the user's
-- label for the connection, not a secret.
CREATE TABLE patchbay_connections (
  id                text        PRIMARY KEY,
  name              text        NOT NULL,
  sealed            bytea       NOT NULL,
  -- Raised by every write: an update names the version it read, so a write based on a stale read is refused.
  version           bigint      NOT NULL,
  -- Set before a refresh request is sent and cleared once its answer is stored: found set, a refresher died in
  -- between and the provider may have rotated the refresh token.
  refresh_in_flight boolean     NOT NULL DEFAULT false,
  -- Why the refresh in flight got no answer (timed out, connection broken), when the refresher lived to say so.
  refresh_unanswered text,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patchbay_connections_name ON patchbay_connections (name);

CREATE TABLE patchbay_webhook_secrets (
  connector  text        PRIMARY KEY,
  sealed     bytea       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
