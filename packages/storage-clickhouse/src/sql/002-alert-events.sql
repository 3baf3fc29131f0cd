-- Migration 2: the alert history (firing and resolved notifications). Appended; an id appended
-- again replaces the earlier one: readers take the row with the highest `version` per id (argMax),
-- and merges may collapse the others (ReplacingMergeTree). Kept by retention (no day partitions).
CREATE TABLE IF NOT EXISTS {db}.{table} (
  id       String,
  version  UInt64,
  rule_id  String,
  time_ms  UInt64,
  body     String
) ENGINE = ReplacingMergeTree(version)
ORDER BY id
