import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type HrTime, type Span } from "@opentelemetry/api";
import { eventually, getJson } from "./api-client.js";
import { createTracingPipeline, type TracingPipeline } from "./otel-clients.js";
import type { SkeinEndpoints } from "./skein-process.js";

/**
 * A small shop with a known topology for the insights pages, sent through the real OpenTelemetry
 * JS SDK (OTLP/HTTP JSON). Every request is:
 *
 *   frontend  GET /shop (server) ─ POST /checkout (client) ─▶ checkout POST /checkout (server)
 *   checkout  SELECT orders (client, db.system=postgresql)            ─▶ database "postgresql"
 *   checkout  POST /charge (client) ─▶ payment POST /charge (server)    (error in 1 of 4 requests)
 *   payment   POST /v1/charges (client, server.address, no server span) ─▶ external "api.stripe.example"
 *   checkout  orders publish (producer) ─▶ queue "orders" ─▶ fulfilment orders process (consumer)
 *
 * REQUESTS requests, one every 3 minutes over the last ~25 minutes, so every service has
 * REQUESTS requests in the last hour and payment an error rate of exactly 25 %.
 */
export const INSIGHTS_SERVICES = ["checkout", "frontend", "fulfilment", "payment"] as const;
export const REQUESTS = 8;
export const PAYMENT_ERROR_RATE = 0.25;
export const DATABASE_NODE = "postgresql";
export const QUEUE_NODE = "orders";
export const EXTERNAL_NODE = "api.stripe.example";
export const EXPECTED_EDGES = [
  "checkout>orders",
  "checkout>payment",
  "checkout>postgresql",
  "frontend>checkout",
  "orders>fulfilment",
  "payment>api.stripe.example",
] as const;

type ServiceName = (typeof INSIGHTS_SERVICES)[number];

export interface InsightsSeed {
  /** Trace ids, oldest first. */
  traceIds: string[];
  /** The traces whose payment call failed. */
  failedTraceIds: string[];
}

function hr(ms: number): HrTime {
  const whole = Math.floor(ms);
  return [Math.floor(whole / 1000), (whole % 1000) * 1_000_000 + Math.round((ms - whole) * 1_000_000)];
}

/** Sends the topology and resolves once every export was acknowledged (not yet rolled up: see waitForInsights). */
export async function seedInsightsData(endpoints: SkeinEndpoints): Promise<InsightsSeed> {
  const pipelines = {} as Record<ServiceName, TracingPipeline>;
  for (const service of INSIGHTS_SERVICES) pipelines[service] = createTracingPipeline("http/json", endpoints, { "service.name": service, "service.version": "2.0.1" });
  const start = (service: ServiceName, name: string, kind: SpanKind, parent: Span | null, atMs: number, attributes: Attributes = {}): Span => {
    const ctx = parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
    return pipelines[service].tracer(`@shop/${service}`).startSpan(name, { kind, startTime: hr(atMs), attributes, root: parent === null }, ctx);
  };

  const now = Date.now();
  const traceIds: string[] = [];
  const failedTraceIds: string[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = now - (REQUESTS - i) * 3 * 60_000;
    const slow = 1 + (i % 4); // durations vary so the heatmap has several bands
    const fails = i % 4 === 1;
    const root = start("frontend", "GET /shop", SpanKind.SERVER, null, t, { "http.request.method": "GET", "http.route": "/shop" });
    const call = start("frontend", "POST /checkout", SpanKind.CLIENT, root, t + 2, { "http.request.method": "POST", "server.address": "checkout" });
    const checkout = start("checkout", "POST /checkout", SpanKind.SERVER, call, t + 4, { "http.request.method": "POST", "http.route": "/checkout" });
    const db = start("checkout", "SELECT orders", SpanKind.CLIENT, checkout, t + 6, { "db.system": "postgresql", "db.namespace": "shop", "db.query.text": "SELECT * FROM orders WHERE id = $1" });
    db.end(hr(t + 6 + 5 * slow));
    const chargeAt = t + 12 + 5 * slow;
    const chargeCall = start("checkout", "POST /charge", SpanKind.CLIENT, checkout, chargeAt, { "http.request.method": "POST", "server.address": "payment" });
    const payment = start("payment", "POST /charge", SpanKind.SERVER, chargeCall, chargeAt + 2, { "http.request.method": "POST", "http.route": "/charge" });
    const stripe = start("payment", "POST /v1/charges", SpanKind.CLIENT, payment, chargeAt + 4, { "http.request.method": "POST", "server.address": EXTERNAL_NODE });
    stripe.end(hr(chargeAt + 4 + 20 * slow));
    if (fails) {
      payment.setStatus({ code: SpanStatusCode.ERROR, message: "card declined" });
      chargeCall.setStatus({ code: SpanStatusCode.ERROR, message: "HTTP 402" });
    }
    payment.end(hr(chargeAt + 6 + 20 * slow));
    chargeCall.end(hr(chargeAt + 8 + 20 * slow));
    const publishAt = chargeAt + 10 + 20 * slow;
    const publish = start("checkout", "orders publish", SpanKind.PRODUCER, checkout, publishAt, { "messaging.system": "kafka", "messaging.destination.name": QUEUE_NODE, "messaging.operation.type": "send" });
    publish.end(hr(publishAt + 2));
    const consume = start("fulfilment", "orders process", SpanKind.CONSUMER, publish, publishAt + 5, { "messaging.system": "kafka", "messaging.destination.name": QUEUE_NODE, "messaging.operation.type": "process" });
    consume.end(hr(publishAt + 5 + 10 * slow));
    checkout.end(hr(publishAt + 4));
    call.end(hr(publishAt + 6));
    root.end(hr(publishAt + 8));
    traceIds.push(root.spanContext().traceId);
    if (fails) failedTraceIds.push(root.spanContext().traceId);
  }
  const all = Object.values(pipelines);
  await Promise.all(all.map((p) => p.flush()));
  await Promise.all(all.map((p) => p.shutdown()));
  return { traceIds, failedTraceIds };
}

interface ServicesAnswer {
  services: { name: string; count: number }[];
}
interface MapAnswer {
  nodes: { name: string; type: string }[];
  edges: { source: string; target: string }[];
}

/**
 * Waits until the rollups hold the whole seed: every service with REQUESTS requests in the last
 * hour, and every expected edge on the map (the external one appears only once the unpaired
 * client call's pairing TTL ran out, ~10 s after ingest, hence the long timeout).
 */
export async function waitForInsights(apiUrl: string, timeoutMs = 45_000): Promise<void> {
  let seen = "nothing yet";
  try {
    await eventually(
      async () => {
        const services = (await getJson<ServicesAnswer>(`${apiUrl}/api/v1/metrics/services`)).body;
        const counts = Object.fromEntries((services?.services ?? []).map((s) => [s.name, s.count]));
        seen = `service request counts ${JSON.stringify(counts)}`;
        if (!INSIGHTS_SERVICES.every((name) => counts[name] === REQUESTS)) return undefined;
        const map = (await getJson<MapAnswer>(`${apiUrl}/api/v1/service-map`)).body;
        const edges = new Set((map?.edges ?? []).map((e) => `${e.source}>${e.target}`));
        seen += `; edges ${JSON.stringify([...edges].sort())}`;
        return EXPECTED_EDGES.every((edge) => edges.has(edge)) ? true : undefined;
      },
      timeoutMs,
      "span-metrics and service-graph rollups of the seeded shop",
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last saw ${seen}`);
  }
}
