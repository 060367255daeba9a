-- A bucket remembers the burst its tokens were counted against, so a changed limit (connections set-limits) carries
-- the used permits over: the bucket starts as full as it was, in proportion, at the new limit, never fuller (no extra
-- burst for raising a limit, no burst kept over for lowering one). Rows without it (older ones, and those a slow-down
-- created) count against the limit of the next caller, as before. V7: V6 is the run records' change sequence.
ALTER TABLE patchbay_rate_limit_buckets ADD COLUMN burst double precision;

CREATE OR REPLACE FUNCTION patchbay_take_permit(p_connection text, p_category text, p_burst double precision,
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
    INSERT INTO patchbay_rate_limit_buckets (connection_id, category, tokens, updated_at, burst)
      VALUES (p_connection, p_category, p_burst, clock_timestamp(), p_burst) ON CONFLICT DO NOTHING;
    SELECT * INTO bucket FROM patchbay_rate_limit_buckets
      WHERE connection_id = p_connection AND category = p_category FOR UPDATE;
  END IF;
  IF bucket.burst IS NOT NULL AND bucket.burst <> p_burst THEN
    -- Another limit than the tokens were counted against: the same share of it (owed permits scaled alike).
    bucket.tokens := LEAST(p_burst, bucket.tokens * p_burst / bucket.burst);
  END IF;
  -- Read after the lock is held: a caller that waited for the row sees the time its turn came.
  now_ := clock_timestamp();
  rate := p_per_second / bucket.slowdown;
  available := LEAST(p_burst, bucket.tokens + rate * GREATEST(0, EXTRACT(EPOCH FROM now_ - bucket.updated_at)));
  wait := CASE WHEN available >= 1 THEN 0 ELSE (1 - available) / rate END;
  IF p_take AND wait <= p_max_wait THEN
    UPDATE patchbay_rate_limit_buckets SET tokens = available - 1, updated_at = GREATEST(now_, bucket.updated_at),
        burst = p_burst
      WHERE connection_id = p_connection AND category = p_category;
  END IF;
  RETURN wait;
END;
$$;
