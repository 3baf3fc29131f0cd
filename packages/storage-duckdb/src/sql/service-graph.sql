-- Service-graph rollups (@skein/storage insights.ts ServiceGraphRow), long form and ADDITIVE as
-- span_metrics: one row per (minute, edge, failed, latency bucket of the caller) as written.
-- source_type/target_type are ServiceNodeType names ("service", "database", "external", "queue").
-- Column order is the appender's order: keep src/rollup-rows.ts in step.
CREATE TABLE IF NOT EXISTS service_graph (
  minute_ms   BIGINT    NOT NULL,
  source      VARCHAR   NOT NULL,
  source_type VARCHAR   NOT NULL,
  target      VARCHAR   NOT NULL,
  target_type VARCHAR   NOT NULL,
  failed      BOOLEAN   NOT NULL,
  bucket      USMALLINT NOT NULL,
  count       DOUBLE    NOT NULL
);
