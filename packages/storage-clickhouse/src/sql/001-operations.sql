-- The catalog: one row per (service, span name, kind) per day and write, collapsed by merges.
-- getServices/getOperations read this (small) table with DISTINCT instead of scanning spans;
-- retention drops its days with the spans', so a service vanishes with its last span.
CREATE TABLE IF NOT EXISTS {db}.{table} (
  day     Date,
  service String,
  name    String,
  kind    UInt8
) ENGINE = ReplacingMergeTree
PARTITION BY day
ORDER BY (service, name, kind)
