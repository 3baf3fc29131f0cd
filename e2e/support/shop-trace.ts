import { createTraceState, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type HrTime, type Span, type Tracer } from "@opentelemetry/api";
import { randomHex } from "./api-client.js";
import type { SdkAttributes } from "./expected-values.js";
import { createTracingPipeline, type OtlpProtocol, type ResourceAttributes } from "./otel-clients.js";
import type { SkeinEndpoints } from "./skein-process.js";

/** The native API's kind names, indexed by OTLP SpanKind number (0 = unspecified). */
export const KIND_NAMES = ["unspecified", "internal", "server", "client", "producer", "consumer"] as const;
/** @opentelemetry/api SpanKind (0 = INTERNAL …) to OTLP SpanKind (1 = INTERNAL …). */
const OTLP_KIND: Record<SpanKind, number> = {
  [SpanKind.INTERNAL]: 1,
  [SpanKind.SERVER]: 2,
  [SpanKind.CLIENT]: 3,
  [SpanKind.PRODUCER]: 4,
  [SpanKind.CONSUMER]: 5,
};

export interface EventSpec {
  name: string;
  time: HrTime;
  attributes: SdkAttributes;
}
export interface LinkSpec {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: SdkAttributes;
}

/** Everything the test sent for one span, to compare with what the API returns. */
export interface SpanSpec {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** OTLP SpanKind number. */
  kind: number;
  service: string;
  start: HrTime;
  end: HrTime;
  attributes: SdkAttributes;
  events: EventSpec[];
  links: LinkSpec[];
  /** OTLP StatusCode number and message. */
  status: { code: 0 | 1 | 2; message: string };
  scope: { name: string; version: string };
  resource: ResourceAttributes;
}

export interface SentTrace {
  traceId: string;
  frontService: string;
  backService: string;
  /** Unique per send; set as the `e2e.case` attribute of the root span. */
  caseId: string;
  spans: SpanSpec[];
  /** Root start, and root duration in ns. */
  rootStart: HrTime;
  rootDurationNano: bigint;
}

/**
 * Sends one trace across two services (two providers, two resources) through the SDK and the
 * given exporter, and resolves once the server acknowledged every export. Covers every span kind,
 * every attribute type the SDK supports, events, a link with trace state, ok and error status.
 */
export async function sendShopTrace(protocol: OtlpProtocol, endpoints: SkeinEndpoints): Promise<SentTrace> {
  const tag = protocol.replace(/\W+/g, "-");
  const frontService = `shop-${tag}`;
  const backService = `pay-${tag}`;
  const caseId = `case-${tag}-${randomHex(4)}`;
  const frontResource: ResourceAttributes = {
    "service.name": frontService,
    "service.version": "1.2.3",
    "host.cpu_count": 2,
    "e2e.resource_ratio": 0.75,
    "e2e.resource_tags": ["blue", "canary"],
  };
  const backResource: ResourceAttributes = { "service.name": backService, "cloud.region": "eu-1", "e2e.enabled": true };
  const front = createTracingPipeline(protocol, endpoints, frontResource);
  const back = createTracingPipeline(protocol, endpoints, backResource);
  const frontScope = { name: "e2e-shop", version: "0.9.1" };
  const backScope = { name: "e2e-pay", version: "2.0.0-rc.1" };
  const frontTracer = front.tracer(frontScope.name, frontScope.version);
  const backTracer = back.tracer(backScope.name, backScope.version);

  const t0 = Math.floor(Date.now() / 1000) - 120;
  const at = (seconds: number, nanos: number): HrTime => [t0 + seconds, nanos];
  const specs: SpanSpec[] = [];
  const started = new Map<SpanSpec, Span>();

  function start(
    tracer: Tracer,
    parent: SpanSpec | null,
    spec: Pick<SpanSpec, "name" | "kind" | "start" | "attributes" | "links"> & { apiKind: SpanKind; service: string; scope: SpanSpec["scope"]; resource: ResourceAttributes },
  ): SpanSpec {
    const ctx = parent ? trace.setSpan(ROOT_CONTEXT, started.get(parent)!) : ROOT_CONTEXT;
    const span = tracer.startSpan(
      spec.name,
      {
        kind: spec.apiKind,
        startTime: spec.start,
        attributes: spec.attributes as Attributes,
        links: spec.links.map((l) => ({
          context: { traceId: l.traceId, spanId: l.spanId, traceFlags: 1, traceState: createTraceState(l.traceState) },
          attributes: l.attributes as Attributes,
        })),
        root: parent === null,
      },
      ctx,
    );
    const full: SpanSpec = {
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      parentSpanId: parent ? parent.spanId : null,
      name: spec.name,
      kind: spec.kind,
      service: spec.service,
      start: spec.start,
      end: spec.start,
      attributes: spec.attributes,
      events: [],
      links: spec.links,
      status: { code: 0, message: "" },
      scope: spec.scope,
      resource: spec.resource,
    };
    specs.push(full);
    started.set(full, span);
    return full;
  }
  function addEvent(spec: SpanSpec, event: EventSpec): void {
    started.get(spec)!.addEvent(event.name, event.attributes as Attributes, event.time);
    spec.events.push(event);
  }
  function end(spec: SpanSpec, time: HrTime, status?: SpanSpec["status"]): void {
    const span = started.get(spec)!;
    if (status) {
      span.setStatus(status.code === 2 ? { code: SpanStatusCode.ERROR, message: status.message } : { code: SpanStatusCode.OK });
      spec.status = status;
    }
    span.end(time);
    spec.end = time;
  }
  const frontSide = { service: frontService, scope: frontScope, resource: frontResource };
  const backSide = { service: backService, scope: backScope, resource: backResource };

  const root = start(frontTracer, null, {
    ...frontSide,
    name: "POST /checkout",
    apiKind: SpanKind.SERVER,
    kind: OTLP_KIND[SpanKind.SERVER],
    start: at(0, 100_000_001),
    attributes: {
      "e2e.case": caseId,
      "e2e.string": "héllo \"wörld\" 🚀",
      "e2e.bool": true,
      "e2e.int": 42,
      "e2e.negative_int": -7,
      "e2e.max_safe_int": Number.MAX_SAFE_INTEGER,
      "e2e.double": 3.25,
      "e2e.string_array": ["a", "b", ""],
      "e2e.bool_array": [true, false],
      "e2e.int_array": [1, 2, 3],
      "e2e.double_array": [1.5, -2.25],
      "http.response.status_code": 502,
    },
    links: [{ traceId: randomHex(16), spanId: randomHex(8), traceState: "vendor=opaque", attributes: { "link.reason": "retry", "link.attempt": 2, "link.weight": 0.5 } }],
  });
  addEvent(root, { name: "cart.loaded", time: at(0, 200_000_002), attributes: { "cart.items": 3, "cart.total": 99.5, "cart.currency": "EUR", "cart.gift": false, "cart.skus": ["s1", "s2"] } });
  addEvent(root, { name: "checkpoint", time: at(1, 900_000_009), attributes: {} });
  const client = start(frontTracer, root, {
    ...frontSide,
    name: "charge card",
    apiKind: SpanKind.CLIENT,
    kind: OTLP_KIND[SpanKind.CLIENT],
    start: at(0, 300_000_003),
    attributes: { "peer.service": backService, "retry.count": 0 },
    links: [],
  });
  const server = start(backTracer, client, {
    ...backSide,
    name: "POST /charge",
    apiKind: SpanKind.SERVER,
    kind: OTLP_KIND[SpanKind.SERVER],
    start: at(0, 400_000_004),
    attributes: { "payment.method": "card", "payment.amount": 99.5 },
    links: [],
  });
  const internal = start(backTracer, server, {
    ...backSide,
    name: "score fraud",
    apiKind: SpanKind.INTERNAL,
    kind: OTLP_KIND[SpanKind.INTERNAL],
    start: at(0, 410_000_005),
    attributes: { "fraud.score": 0.125 },
    links: [],
  });
  const producer = start(backTracer, server, {
    ...backSide,
    name: "publish receipt",
    apiKind: SpanKind.PRODUCER,
    kind: OTLP_KIND[SpanKind.PRODUCER],
    start: at(0, 500_000_006),
    attributes: { "messaging.system": "kafka" },
    links: [],
  });
  const consumer = start(backTracer, producer, {
    ...backSide,
    name: "consume receipt",
    apiKind: SpanKind.CONSUMER,
    kind: OTLP_KIND[SpanKind.CONSUMER],
    start: at(0, 600_000_007),
    attributes: {},
    links: [],
  });
  addEvent(consumer, { name: "exception", time: at(0, 650_000_000), attributes: { "exception.type": "TimeoutError", "exception.message": "broker slow" } });
  end(consumer, at(0, 700_000_070));
  end(producer, at(0, 550_000_060));
  end(internal, at(0, 420_000_050));
  end(server, at(0, 800_000_040), { code: 1, message: "" });
  end(client, at(0, 850_000_030));
  end(root, at(1, 999_999_999), { code: 2, message: "card declined: insufficient funds" });

  await Promise.all([front.flush(), back.flush()]);
  await Promise.all([front.shutdown(), back.shutdown()]);
  const rootDurationNano = BigInt(root.end[0] - root.start[0]) * 1_000_000_000n + BigInt(root.end[1] - root.start[1]);
  return { traceId: root.traceId, frontService, backService, caseId, spans: specs, rootStart: root.start, rootDurationNano };
}
