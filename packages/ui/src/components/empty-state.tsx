import type { ReactNode } from "react";

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
  const origin = typeof window === "undefined" ? "http://localhost:16686" : window.location.origin;
  const otlpHost = origin.replace(/:\d+$/, "").replace(/^https?:\/\//, "");
  return (
    <EmptyState title="No traces yet" testId="no-data">
      <p>Skein has not received any spans. Point an OpenTelemetry SDK or Collector at it:</p>
      <pre className="code-block">
        {`OTEL_EXPORTER_OTLP_ENDPOINT=http://${otlpHost}:4318   # OTLP/HTTP (protobuf or JSON)\n# or OTLP/gRPC at ${otlpHost}:4317\nOTEL_SERVICE_NAME=my-service node --import @opentelemetry/auto-instrumentations-node/register app.js`}
      </pre>
      <p>Spans show up here as soon as they are acknowledged.</p>
    </EmptyState>
  );
}
