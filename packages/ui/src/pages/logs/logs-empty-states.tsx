import { ingestHint, useIngestEndpoints } from "../../api/use-ingest-endpoints.js";
import { EmptyState } from "../../components/empty-state.js";
import { describeTimeRange } from "../../format/time-range.js";
import type { LogsQueryState } from "./logs-query.js";

/**
 * Nothing stored at all: how to point an OpenTelemetry SDK or Collector's logs at Skein, with this
 * server's real OTLP ports. A receiver that is off (port null) is left out and said to be off.
 */
export function NoLogsYet({ state }: { state: LogsQueryState }) {
  const { primary, alternative, offNote } = ingestHint(useIngestEndpoints());
  const sdk: string[] = ["OTEL_LOGS_EXPORTER=otlp"];
  let collector: string;
  if (primary?.protocol === "http") {
    sdk.push(`OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=${primary.url}/v1/logs   # OTLP/HTTP`);
    if (alternative !== null) sdk.push(`# or OTLP/gRPC: OTEL_EXPORTER_OTLP_LOGS_PROTOCOL=grpc, endpoint ${alternative.url}`);
    collector = `exporters:\n  otlphttp/skein:\n    endpoint: ${primary.url}\nservice:\n  pipelines:\n    logs:\n      receivers: [filelog]\n      exporters: [otlphttp/skein]`;
  } else if (primary !== null) {
    sdk.push(`# ${offNote ?? ""} in this Skein: use OTLP/gRPC`, "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL=grpc", `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=${primary.url}`);
    collector = `exporters:\n  otlp/skein:\n    endpoint: ${primary.address}\n    tls:\n      insecure: true\nservice:\n  pipelines:\n    logs:\n      receivers: [filelog]\n      exporters: [otlp/skein]`;
  } else {
    sdk.push(`# ${offNote ?? ""} in this Skein: enable one in its configuration`);
    collector = "# no OTLP receiver to export to (both are off)";
  }
  return (
    <EmptyState title="No logs yet" testId="no-data">
      <p>Skein has not received any logs in the {rangeText(state)}. Send OTLP logs from an OpenTelemetry SDK:</p>
      <pre className="code-block">{sdk.join("\n")}</pre>
      <p>or from an OpenTelemetry Collector (for example one tailing log files):</p>
      <pre className="code-block">{collector}</pre>
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
