-- One row per span. Ids are raw bytes; times are exact ns since the Unix epoch (end may be before
-- start: producers' clocks skew, both are kept as sent). The *_json columns hold typed JSON
-- (@skein/storage/stored-form, typed-json.ts): lossless for every OTLP AnyValue and readable by DuckDB's json functions.
-- Span attributes are split: attribute_keys is a JSON array of the keys, attribute_values a JSON
-- array of their typed-JSON values in the same order (key lists repeat, so they compress to a
-- dictionary). event_times holds the events' ns offsets from start_ns, comma-separated, apart
-- from events_json so that repeated events compress to a dictionary as well.
-- Column order: keep src/span-row.ts (SPAN_COLUMNS) and src/staged-span-line.ts in step.
CREATE TABLE IF NOT EXISTS spans (
  trace_id                 BLOB     NOT NULL,
  span_id                  BLOB     NOT NULL,
  parent_span_id           BLOB,
  service                  VARCHAR  NOT NULL,
  name                     VARCHAR  NOT NULL,
  kind                     UTINYINT NOT NULL,
  start_ns                 UBIGINT  NOT NULL,
  end_ns                   UBIGINT  NOT NULL,
  status_code              UTINYINT NOT NULL,
  status_message           VARCHAR  NOT NULL,
  trace_state              VARCHAR  NOT NULL,
  flags                    UINTEGER NOT NULL,
  sample_weight            DOUBLE   NOT NULL,
  dropped_attributes_count UINTEGER NOT NULL,
  dropped_events_count     UINTEGER NOT NULL,
  dropped_links_count      UINTEGER NOT NULL,
  attribute_keys           VARCHAR  NOT NULL,
  attribute_values         VARCHAR  NOT NULL,
  event_times              VARCHAR,
  events_json              VARCHAR,
  links_json               VARCHAR,
  resource_json            VARCHAR  NOT NULL,
  scope_json               VARCHAR  NOT NULL
);
