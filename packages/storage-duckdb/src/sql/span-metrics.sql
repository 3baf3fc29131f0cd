-- Span-metrics rollups (@skein/storage insights.ts SpanMetricsRow), long form: one row per
-- (minute, service, operation, kind, status, latency bucket) as written. ADDITIVE: the same key may
-- occur in many rows (one node flushing a minute twice, several nodes); readers sum them.
-- minute_ms is the minute's start in ms since the Unix epoch; status is the OTLP StatusCode
-- (2 = ERROR); bucket is the @skein/model latency bucket index; count the weighted span count.
-- Rows arrive roughly in minute order, so the zone maps on minute_ms prune time ranges.
-- Column order is the appender's order: keep src/rollup-rows.ts in step.
CREATE TABLE IF NOT EXISTS span_metrics (
  minute_ms BIGINT    NOT NULL,
  service   VARCHAR   NOT NULL,
  operation VARCHAR   NOT NULL,
  kind      UTINYINT  NOT NULL,
  status    UTINYINT  NOT NULL,
  bucket    USMALLINT NOT NULL,
  count     DOUBLE    NOT NULL
);
