import type { ReactNode } from "react";
import { ingestHint, useIngestEndpoints } from "../api/use-ingest-endpoints.js";

/**
 * A page or panel with nothing to show: says what happened and what to do next. `testId` lets
 * browser tests tell the states apart ("no-data", "no-results", "trace-not-found", "unreachable").
 */
export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <section className="empty-state" data-testid={testId ?? "empty-state"} role="status">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The "no data yet" explanation: how to point an OpenTelemetry SDK at Skein, with this server's real
 * OTLP ports (`/api/v1/status`). A receiver that is off (port null) is left out and said to be off,
 * never shown with a default port that nothing listens on.
 */
export function NoDataYet() {
  const { primary, alternative, offNote } = ingestHint(useIngestEndpoints());
  const lines: string[] = [];
  if (primary?.protocol === "http") {
    lines.push(`OTEL_EXPORTER_OTLP_ENDPOINT=${primary.url}   # OTLP/HTTP (protobuf or JSON)`);
    if (alternative !== null) lines.push(`# or OTLP/gRPC at ${alternative.address}`);
  } else if (primary !== null) {
    lines.push(`# ${offNote ?? ""} in this Skein: use OTLP/gRPC`, "OTEL_EXPORTER_OTLP_PROTOCOL=grpc", `OTEL_EXPORTER_OTLP_ENDPOINT=${primary.url}`);
  } else {
    lines.push(`# ${offNote ?? ""} in this Skein: enable one in its configuration`);
  }
  lines.push("OTEL_SERVICE_NAME=my-service node --import @opentelemetry/auto-instrumentations-node/register app.js");
  return (
    <EmptyState title="No traces yet" testId="no-data">
      <p>Skein has not received any spans. Point an OpenTelemetry SDK or Collector at it:</p>
      <pre className="code-block">{lines.join("\n")}</pre>
      <p>Spans show up here as soon as they are acknowledged.</p>
    </EmptyState>
  );
}
