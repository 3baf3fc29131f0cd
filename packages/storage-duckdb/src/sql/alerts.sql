-- The server's alert documents (@skein/storage insights.ts AlertStore). body is the JSON text kept
-- verbatim; the other columns are what storage sorts and filters on. Not touched by retention.
CREATE TABLE IF NOT EXISTS alert_rules (
  id            VARCHAR PRIMARY KEY,
  updated_at_ms BIGINT  NOT NULL,
  body          VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_events (
  id      VARCHAR PRIMARY KEY,
  rule_id VARCHAR NOT NULL,
  time_ms BIGINT  NOT NULL,
  body    VARCHAR NOT NULL
);
