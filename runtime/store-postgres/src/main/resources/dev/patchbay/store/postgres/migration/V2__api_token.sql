-- The servers' API token, shared by every replica: only its SHA-256 digest, so the database cannot give it away.
CREATE TABLE patchbay_api_token (
  id         smallint    PRIMARY KEY CHECK (id = 1),
  digest     bytea       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
