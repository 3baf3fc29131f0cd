-- One row per log record. `day` is the UTC day of time_ns, or of observed_time_ns when time_ns is
-- 0 (no event time): the partition retention drops. body_text is the body's display string (what
-- bodyContains searches); body_json is the typed JSON of the body when it is not a plain string,
-- '' when it is (a JSON text is never empty). Ids as in spans; 0 = absent.
CREATE TABLE IF NOT EXISTS {db}.{table} (
  day                      Date,
  time_ns                  UInt64,
  observed_time_ns         UInt64,
  severity_number          UInt8,
  severity_text            String,
  body_text                String,
  body_json                String,
  trace_id_hi              UInt64,
  trace_id_lo              UInt64,
  span_id                  UInt64,
  service                  String,
  flags                    UInt32,
  event_name               String,
  dropped_attributes_count UInt32,
  attributes_json          String,
  resource_json            String,
  scope_json               String,
  ingest_id                UInt64,
  ingest_row               UInt32
) ENGINE = MergeTree
PARTITION BY day
ORDER BY (service, time_ns)
