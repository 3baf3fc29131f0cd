import type { ReactNode } from "react";
import { useIngestEndpoints } from "../api/use-ingest-endpoints.js";

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

/** The "no data yet" explanation: how to point an OpenTelemetry SDK at Skein. */
export function NoDataYet() {
  const { host, otlpHttpPort, otlpGrpcPort } = useIngestEndpoints();
  return (
    <EmptyState title="No traces yet" testId="no-data">
      <p>Skein has not received any spans. Point an OpenTelemetry SDK or Collector at it:</p>
      <pre className="code-block">
        {`OTEL_EXPORTER_OTLP_ENDPOINT=http://${host}:${otlpHttpPort ?? 4318}   # OTLP/HTTP (protobuf or JSON)\n` +
          (otlpGrpcPort !== null ? `# or OTLP/gRPC at ${host}:${otlpGrpcPort}\n` : "") +
          "OTEL_SERVICE_NAME=my-service node --import @opentelemetry/auto-instrumentations-node/register app.js"}
      </pre>
      <p>Spans show up here as soon as they are acknowledged.</p>
    </EmptyState>
  );
}
