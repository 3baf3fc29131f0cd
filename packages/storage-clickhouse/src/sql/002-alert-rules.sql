-- Migration 2: alert rules, mutable documents without ALTER UPDATE/DELETE (18.16 mutations are
-- asynchronous): every put or delete appends a version of the rule; readers take the row with
-- the highest `version` per id (argMax) and skip ids whose latest row is deleted = 1. Merges
-- may collapse older versions (ReplacingMergeTree), which changes nothing a reader sees. Not
-- partitioned by day: retention keeps alert documents. body is the server's JSON text, verbatim.
CREATE TABLE IF NOT EXISTS {db}.{table} (
  id         String,
  version    UInt64,
  updated_ms UInt64,
  deleted    UInt8,
  body       String
) ENGINE = ReplacingMergeTree(version)
ORDER BY id
