-- ART index on spans.trace_id: turns trace-by-id from a scan of the trace_id column into a lookup.
-- Optional (adapter option `traceIdIndex`); costs insert speed and bytes per span, see
-- docs/adr/002-duckdb-schema.md for the measurements behind the default.
CREATE INDEX IF NOT EXISTS spans_trace_id ON spans (trace_id);
