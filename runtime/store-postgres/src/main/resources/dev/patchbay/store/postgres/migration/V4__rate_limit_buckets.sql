-- Rate-limit buckets shared by every process: one row per connection and category. Each permit is one call of
-- patchbay_take_permit, which locks the row, refills it by the database's clock (one clock for every process,
-- whatever the machines' clocks say) and takes the permit, all in one transaction. The limit itself is not stored:
-- each caller passes the one it keeps to (the connection's own, else its connector's), so a changed limit applies
-- from the next permit. No foreign key to patchbay_connections: a connection being made takes permits (asking the
-- provider who it acts as) before its row is written; removing a connection deletes its buckets.
CREATE TABLE patchbay_rate_limit_buckets (
  connection_id text             NOT NULL,
  category      text             NOT NULL,
  -- Permits free now; below zero, permits promised to callers that are waiting out their turn.
  tokens        double precision NOT NULL,
  updated_at    timestamptz      NOT NULL,
  -- The rate is divided by this after the provider said few requests remain or refused one with 429.
  slowdown      integer          NOT NULL DEFAULT 1,
  PRIMARY KEY (connection_id, category)
);

-- Takes a permit, or only looks when p_take is false. Returns the seconds to wait before sending: when p_take is
-- true and the answer is at most p_max_wait, the permit is taken; above it, nothing was taken, and the answer says
-- when one would be free.
CREATE FUNCTION patchbay_take_permit(p_connection text, p_category text, p_burst double precision,
    p_per_second double precision, p_max_wait double precision, p_take boolean) RETURNS double precision
LANGUAGE plpgsql AS $$
DECLARE
  bucket    patchbay_rate_limit_buckets%ROWTYPE;
  now_      timestamptz;
  rate      double precision;
  available double precision;
  wait      double precision;
BEGIN
  SELECT * INTO bucket FROM patchbay_rate_limit_buckets
    WHERE connection_id = p_connection AND category = p_category FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO patchbay_rate_limit_buckets (connection_id, category, tokens, updated_at)
      VALUES (p_connection, p_category, p_burst, clock_timestamp()) ON CONFLICT DO NOTHING;
    SELECT * INTO bucket FROM patchbay_rate_limit_buckets
      WHERE connection_id = p_connection AND category = p_category FOR UPDATE;
  END IF;
  -- Read after the lock is held: a caller that waited for the row sees the time its turn came.
  now_ := clock_timestamp();
  rate := p_per_second / bucket.slowdown;
  available := LEAST(p_burst, bucket.tokens + rate * GREATEST(0, EXTRACT(EPOCH FROM now_ - bucket.updated_at)));
  wait := CASE WHEN available >= 1 THEN 0 ELSE (1 - available) / rate END;
  IF p_take AND wait <= p_max_wait THEN
    UPDATE patchbay_rate_limit_buckets SET tokens = available - 1, updated_at = GREATEST(now_, bucket.updated_at)
      WHERE connection_id = p_connection AND category = p_category;
  END IF;
  RETURN wait;
END;
$$;
