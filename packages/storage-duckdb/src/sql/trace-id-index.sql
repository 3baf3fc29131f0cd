-- ART index on the trace_index key (trace id halves): turns the first step of trace-by-id from a scan into a lookup.
-- Optional (adapter option `traceIdIndex`); costs insert speed and bytes per span, see
-- docs/adr/002-duckdb-schema.md for the measurements behind the default.
CREATE INDEX IF NOT EXISTS trace_index_trace_id ON trace_index (trace_id_hi, trace_id_lo);
