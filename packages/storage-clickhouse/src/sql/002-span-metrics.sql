-- Migration 2: the span-metrics rollup (insights). Long form: one row per latency bucket of one
-- minute of one (service, operation, kind, status) series, as one node flushed it. ADDITIVE: rows
-- with the same key (a minute flushed twice, several nodes) are summed by the reader, never
-- merged away, so a plain MergeTree. `day` is the UTC day of minute_ms, the partition retention
-- drops with the spans'. bucket is the index in @skein/model's latency bucket scheme, count the
-- weighted span count (sample weights: fractional possible). ingest_id/ingest_row as in spans: a
-- spool replay inserts only the rows not already there, so a replay never counts a row twice.
-- The sort key starts with the hour of the minute (rollup-hour-key.ts; readers bound it), so a
-- read over every service for an hour reads that hour's granules, not its whole day partition.
CREATE TABLE IF NOT EXISTS {db}.{table} (
  day        Date,
  minute_ms  UInt64,
  service    String,
  operation  String,
  kind       UInt8,
  status     UInt8,
  bucket     UInt16,
  count      Float64,
  ingest_id  UInt64,
  ingest_row UInt32
) ENGINE = MergeTree
PARTITION BY day
ORDER BY (intDiv(minute_ms, 3600000), service, minute_ms, operation)
