import { useIngestEndpoints } from "../../api/use-ingest-endpoints.js";
import { EmptyState } from "../../components/empty-state.js";
import { describeTimeRange } from "../../format/time-range.js";
import type { LogsQueryState } from "./logs-query.js";

/** Nothing stored at all: how to point an OpenTelemetry SDK or Collector's logs at Skein. */
export function NoLogsYet({ state }: { state: LogsQueryState }) {
  const { host, otlpHttpPort, otlpGrpcPort } = useIngestEndpoints();
  const http = `http://${host}:${otlpHttpPort ?? 4318}`;
  return (
    <EmptyState title="No logs yet" testId="no-data">
      <p>Skein has not received any logs in the {rangeText(state)}. Send OTLP logs from an OpenTelemetry SDK:</p>
      <pre className="code-block">
        {`OTEL_LOGS_EXPORTER=otlp\nOTEL_EXPORTER_OTLP_LOGS_ENDPOINT=${http}/v1/logs   # OTLP/HTTP` +
          (otlpGrpcPort !== null ? `\n# or OTLP/gRPC: OTEL_EXPORTER_OTLP_LOGS_PROTOCOL=grpc, endpoint http://${host}:${otlpGrpcPort}` : "")}
      </pre>
      <p>or from an OpenTelemetry Collector (for example one tailing log files):</p>
      <pre className="code-block">
        {`exporters:\n  otlphttp/skein:\n    endpoint: ${http}\nservice:\n  pipelines:\n    logs:\n      receivers: [filelog]\n      exporters: [otlphttp/skein]`}
      </pre>
      <p>Logs emitted inside a span carry its trace and span ids, and link to the trace here. Sent logs earlier? Widen the time range.</p>
    </EmptyState>
  );
}

/** The query matched nothing: say what was searched and what to widen. */
export function NoMatchingLogs({ state }: { state: LogsQueryState }) {
  const hints: string[] = [];
  if (state.q !== "") hints.push(`shorten or remove the text “${state.q}” (it matches a substring of the body, ignoring case)`);
  if (state.minSeverity !== "") hints.push(`lower the minimum severity (now ${state.minSeverity})`);
  if (state.service !== "") hints.push(`search all services, not only ${state.service}`);
  if (state.spanId !== "") hints.push("clear the span filter to see the whole trace's logs");
  if (state.traceId !== "") hints.push("check the trace id (a shorter id is left-padded with zeros, so it must be complete)");
  if (state.traceId === "" || state.range.kind === "custom") hints.push(`widen the time range (now: ${rangeText(state)})`);
  return (
    <EmptyState title="No logs match" testId="no-results">
      <p>Try to:</p>
      <ul>
        {hints.map((hint) => (
          <li key={hint}>{hint}</li>
        ))}
      </ul>
    </EmptyState>
  );
}

function rangeText(state: LogsQueryState): string {
  return state.range.kind === "preset" ? describeTimeRange(state.range).toLowerCase() : `range ${describeTimeRange(state.range)}`;
}
