-- Where a trace's spans are (DESIGN §5: a side table ordered by trace id instead of skipping
-- indexes, which 18.16 lacks): one row per (trace, service, span name, day) per write, with the
-- range of the span starts written. getTrace reads these few rows by primary key, then the spans
-- with (service, name, start_ns) bounds — a prefix of the spans table's sort key — in those days.
CREATE TABLE IF NOT EXISTS {db}.{table} (
  day         Date,
  trace_id_hi UInt64,
  trace_id_lo UInt64,
  service     String,
  name        String,
  start_min   UInt64,
  start_max   UInt64
) ENGINE = MergeTree
PARTITION BY day
ORDER BY (trace_id_hi, trace_id_lo)
