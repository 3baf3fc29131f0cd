import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type HrTime, type Span } from "@opentelemetry/api";
import { createTracingPipeline, type TracingPipeline } from "../support/otel-clients.js";
import type { SkeinEndpoints } from "../support/skein-process.js";

/** Traces the topology sends. */
export const TRACES = 10;
export const SERVICES = ["frontend", "payment", "worker"] as const;
type Service = (typeof SERVICES)[number];

/**
 * Exact durations (ms) of the synthetic topology, one trace per i < TRACES, all starting inside
 * one minute:
 * frontend SERVER "GET /checkout" (100 ms, or 300 ms and ERROR for i ≥ 8)
 *   → frontend CLIENT "POST /pay" 50 ms → payment SERVER "pay" 40 ms (ERROR for i = 9)
 *       → payment CLIENT "SELECT orders" 5 ms (db.system=postgresql: database node "postgresql")
 *       → payment CLIENT "POST /charges" 80 ms (peer.service=stripe, never answered: external "stripe")
 *   → frontend PRODUCER "publish orders" 2 ms (destination "orders": queue node)
 *       → worker CONSUMER "process orders" 20 ms (destination "orders")
 */
export const DURATIONS_MS = { checkoutOk: 100, checkoutFailed: 300, pay: 50, payServer: 40, select: 5, charge: 80, publish: 2, process: 20 } as const;
export const FAILED_CHECKOUTS = 2;

export interface SentTopology {
  /** Start of the minute every span starts in, unix ms. */
  minuteUnixMs: number;
  traceIds: string[];
  /** Trace ids of the failed (300 ms) checkouts. */
  failedTraceIds: string[];
}

/** Unix ms (fractional allowed) → the SDK's [seconds, nanos], exact to the ns. */
function hr(ms: number): HrTime {
  const whole = Math.floor(ms);
  return [Math.floor(whole / 1000), (whole % 1000) * 1_000_000 + Math.round((ms - whole) * 1_000_000)];
}

/**
 * Sends the topology through the real OTel SDK (one BasicTracerProvider per service, OTLP/HTTP
 * protobuf) and resolves once every export was acknowledged. Spans start 5 s into the minute two
 * minutes before now, so they are all in one rollup minute.
 */
export async function sendInsightsTopology(endpoints: SkeinEndpoints): Promise<SentTopology> {
  const minuteUnixMs = Math.floor(Date.now() / 60_000) * 60_000 - 120_000;
  const pipelines = Object.fromEntries(SERVICES.map((s) => [s, createTracingPipeline("http/protobuf", endpoints, { "service.name": s })])) as Record<Service, TracingPipeline>;
  const start = (service: Service, name: string, kind: SpanKind, parent: Span | null, atMs: number, attributes: Attributes = {}) =>
    pipelines[service].tracer("insights-e2e").startSpan(name, { kind, startTime: hr(atMs), attributes, root: parent === null }, parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT);
  const end = (span: Span, atMs: number, durationMs: number, error = false) => {
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: "failed on purpose" });
    span.end(hr(atMs + durationMs));
  };

  const sent: SentTopology = { minuteUnixMs, traceIds: [], failedTraceIds: [] };
  for (let i = 0; i < TRACES; i++) {
    const t0 = minuteUnixMs + 5_000 + i * 1_000 + 0.000123;
    const failed = i >= TRACES - FAILED_CHECKOUTS;
    const root = start("frontend", "GET /checkout", SpanKind.SERVER, null, t0, { "http.route": "/checkout" });
    const pay = start("frontend", "POST /pay", SpanKind.CLIENT, root, t0 + 1);
    const payServer = start("payment", "pay", SpanKind.SERVER, pay, t0 + 2);
    const select = start("payment", "SELECT orders", SpanKind.CLIENT, payServer, t0 + 3, { "db.system": "postgresql" });
    end(select, t0 + 3, DURATIONS_MS.select);
    const charge = start("payment", "POST /charges", SpanKind.CLIENT, payServer, t0 + 9, { "peer.service": "stripe" });
    end(charge, t0 + 9, DURATIONS_MS.charge);
    end(payServer, t0 + 2, DURATIONS_MS.payServer, i === TRACES - 1);
    end(pay, t0 + 1, DURATIONS_MS.pay);
    const publish = start("frontend", "publish orders", SpanKind.PRODUCER, root, t0 + 60, { "messaging.destination.name": "orders" });
    end(publish, t0 + 60, DURATIONS_MS.publish);
    const consume = start("worker", "process orders", SpanKind.CONSUMER, publish, t0 + 70, { "messaging.destination.name": "orders" });
    end(consume, t0 + 70, DURATIONS_MS.process);
    end(root, t0, failed ? DURATIONS_MS.checkoutFailed : DURATIONS_MS.checkoutOk, failed);
    const traceId = root.spanContext().traceId;
    sent.traceIds.push(traceId);
    if (failed) sent.failedTraceIds.push(traceId);
  }
  for (const pipeline of Object.values(pipelines)) await pipeline.flush();
  await Promise.all(Object.values(pipelines).map((p) => p.shutdown()));
  return sent;
}
