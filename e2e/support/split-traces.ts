import { ROOT_CONTEXT, trace, type Span } from "@opentelemetry/api";
import { createLoggingPipeline, createTracingPipeline, type OtlpProtocol } from "./otel-clients.js";
import type { SkeinEndpoints } from "./skein-process.js";

/** One span as sent, with the side (node index) whose exporter sent it. */
export interface SplitSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  service: string;
  node: number;
}

/** One log record as sent, correlated to a span of the trace. */
export interface SplitLog {
  spanId: string;
  body: string;
  service: string;
  node: number;
}

export interface SplitTrace {
  traceId: string;
  spans: SplitSpan[];
  logs: SplitLog[];
}

/** One node's side: a service whose tracer and logger export to that node only. */
export interface SplitSide {
  endpoints: SkeinEndpoints;
  service: string;
  protocol: OtlpProtocol;
}

/**
 * Sends `traceCount` traces of `spansPerTrace` spans through real SDK pipelines, one per side:
 * span i of every trace goes to side i % sides.length, as a child of span i-1 (so parent links
 * cross nodes), and each span gets one log record correlated to it, sent by the same side.
 * Resolves once every node acknowledged every export (SDK result callbacks).
 */
export async function sendSplitTraces(sides: readonly SplitSide[], traceCount: number, spansPerTrace: number, tag: string): Promise<SplitTrace[]> {
  const tracing = sides.map((side) => createTracingPipeline(side.protocol, side.endpoints, { "service.name": side.service }));
  const logging = sides.map((side) => createLoggingPipeline(side.protocol, side.endpoints, { "service.name": side.service }));
  const tracers = tracing.map((p) => p.tracer("e2e-multi-node"));
  const loggers = logging.map((p) => p.logger("e2e-multi-node"));
  const sent: SplitTrace[] = [];
  for (let t = 0; t < traceCount; t++) {
    const chain: Span[] = [];
    const record: SplitTrace = { traceId: "", spans: [], logs: [] };
    for (let i = 0; i < spansPerTrace; i++) {
      const node = i % sides.length;
      const parent = chain[i - 1];
      const name = `${tag} step ${i}`;
      const span = parent
        ? tracers[node]!.startSpan(name, {}, trace.setSpan(ROOT_CONTEXT, parent))
        : tracers[node]!.startSpan(name, { root: true });
      chain.push(span);
      const { traceId, spanId } = span.spanContext();
      record.traceId = traceId;
      record.spans.push({ spanId, parentSpanId: parent ? parent.spanContext().spanId : null, name, service: sides[node]!.service, node });
      const body = `${tag} trace ${t} span ${i}`;
      loggers[node]!.emit({ body, severityNumber: 9, severityText: "INFO", context: trace.setSpan(ROOT_CONTEXT, span) });
      record.logs.push({ spanId, body, service: sides[node]!.service, node });
    }
    for (const span of [...chain].reverse()) span.end();
    sent.push(record);
  }
  await Promise.all([...tracing.map((p) => p.flush()), ...logging.map((p) => p.flush())]);
  await Promise.all([...tracing.map((p) => p.shutdown()), ...logging.map((p) => p.shutdown())]);
  return sent;
}
