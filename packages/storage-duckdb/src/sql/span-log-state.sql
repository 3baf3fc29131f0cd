-- The span ingest log's applied position (src/span-ingest-log.ts): every log segment with a number
-- <= applied_seq is in `spans`/`trace_index`. Updated in the same transaction as the rows it
-- applies, so a segment is applied exactly once across crashes. At most one row (none: nothing applied).
CREATE TABLE IF NOT EXISTS span_log_state (
  applied_seq UBIGINT NOT NULL
);
