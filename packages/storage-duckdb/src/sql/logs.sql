-- One row per log record. body_text is the body's display string (what bodyContains searches);
-- body_json is the typed JSON of the body when it is not a plain string (NULL: body = body_text).
-- Column order is the appender's order: keep src/log-row.ts in step.
CREATE TABLE IF NOT EXISTS logs (
  time_ns                  UBIGINT  NOT NULL,
  observed_time_ns         UBIGINT  NOT NULL,
  severity_number          UTINYINT NOT NULL,
  severity_text            VARCHAR  NOT NULL,
  body_text                VARCHAR  NOT NULL,
  body_json                VARCHAR,
  trace_id                 BLOB,
  span_id                  BLOB,
  service                  VARCHAR  NOT NULL,
  flags                    UINTEGER NOT NULL,
  event_name               VARCHAR  NOT NULL,
  dropped_attributes_count UINTEGER NOT NULL,
  attributes_json          VARCHAR  NOT NULL,
  resource_json            VARCHAR  NOT NULL,
  scope_json               VARCHAR  NOT NULL
);
