-- Migration 1 of the ClickHouse schema (DESIGN §5): only what both 18.16 and current releases
-- accept. Placeholders, filled by the migration runner: {db} the database, {table} the table's
-- name (`spans`, or `spans_local` under a Distributed `spans` on a cluster).
--
-- One row per span. Ids are their big-endian 64-bit halves (no 128-bit integers on 18.16, and
-- binary FixedString does not survive JSON inserts); 0 means absent (a null parent, for one: an
-- all-zero id is invalid in OTLP). Times are exact ns since the Unix epoch (no DateTime64 on
-- 18.16); `day` is the UTC day of start_ns, the partition that retention drops whole.
-- Attributes are parallel arrays (no Map on 18.16): key, type code (src/attribute-types.ts) and
-- value as text (src/attribute-arrays.ts), so filters compare typed values in SQL. The resource
-- is its attribute arrays plus its two other fields (no JSON copy of it: a 330-byte string per
-- row cost ~20% of the server's insert CPU, src/insert-format.ts).
-- ingest_id/ingest_row identify the row in the write that stored it: a spool replay inserts only
-- rows not already there (src/spool/), so a replay never duplicates a span.
-- index_granularity 256 (default 8192): getTrace reads one granule of wide rows per (service,
-- name) of the trace; at 8192 rows a lookup read ~the whole table at 200k spans (p50 28 ms), at
-- 256 it reads ~3% of that (15-22 ms) for +6.7% bytes on disk (71.2 vs 66.7 B/span, bench data).
CREATE TABLE IF NOT EXISTS {db}.{table} (
  day                      Date,
  trace_id_hi              UInt64,
  trace_id_lo              UInt64,
  span_id                  UInt64,
  parent_span_id           UInt64,
  service                  String,
  name                     String,
  kind                     UInt8,
  start_ns                 UInt64,
  end_ns                   UInt64,
  duration_ns              UInt64,
  status_code              UInt8,
  status_message           String,
  trace_state              String,
  flags                    UInt32,
  sample_weight            Float64,
  dropped_attributes_count UInt32,
  dropped_events_count     UInt32,
  dropped_links_count      UInt32,
  attr_keys                Array(String),
  attr_types               Array(UInt8),
  attr_values              Array(String),
  resource_keys            Array(String),
  resource_types           Array(UInt8),
  resource_values          Array(String),
  resource_dropped_attributes_count UInt32,
  resource_schema_url      String,
  scope_json               String,
  event_times              String,
  events_json              String,
  links_json               String,
  ingest_id                UInt64,
  ingest_row               UInt32
) ENGINE = MergeTree
PARTITION BY day
ORDER BY (service, name, start_ns)
SETTINGS index_granularity = 256
