-- Migration 2: the service-graph rollup (insights). One row per latency bucket of one minute of
-- calls along one edge (source → target), failed or not, as one node flushed it; additive as
-- span_metrics. Node types are the names of @skein/storage's ServiceNodeType ('service',
-- 'database', 'external', 'queue'); bucket and count as in span_metrics (latency the caller saw).
-- Sort key led by the hour of the minute, as span_metrics: the service map reads every source.
CREATE TABLE IF NOT EXISTS {db}.{table} (
  day         Date,
  minute_ms   UInt64,
  source      String,
  source_type String,
  target      String,
  target_type String,
  failed      UInt8,
  bucket      UInt16,
  count       Float64,
  ingest_id   UInt64,
  ingest_row  UInt32
) ENGINE = MergeTree
PARTITION BY day
ORDER BY (intDiv(minute_ms, 3600000), source, minute_ms, target)
