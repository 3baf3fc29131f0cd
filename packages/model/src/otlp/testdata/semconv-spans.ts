import type { InstrumentationScope, Resource } from "../../resource.js";
import type { Span } from "../../span.js";
import { attrs } from "./sample-telemetry.js";

/**
 * Deterministic semconv-like spans shaped like the ingest benchmark's payload (DESIGN §9):
 * 8–12 attributes per span, 10% with an exception event, ~300 bytes per span on the wire.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ["frontend", "checkout", "cart", "payment"];
const ROUTES = ["/api/cart", "/api/checkout", "/api/products/{id}", "/api/users/{id}/orders", "/healthz"];
const METHODS = ["GET", "POST", "PUT", "DELETE"];

export function semconvSpans(count: number, seed = 1): Span[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => 1 + Math.floor(rand() * 255));
  const groups = SERVICES.map((service): { resource: Resource; scope: InstrumentationScope } => ({
    resource: {
      attributes: attrs({ "service.name": service, "service.version": "1.8.2", "host.name": `${service}-7d9f8b-x2x4q`, "process.pid": 4242n, "telemetry.sdk.language": "nodejs" }),
      droppedAttributesCount: 0,
      schemaUrl: "https://opentelemetry.io/schemas/1.26.0",
    },
    scope: { name: "@opentelemetry/instrumentation-http", version: "0.52.1", attributes: attrs({}), droppedAttributesCount: 0, schemaUrl: "" },
  }));
  const spans: Span[] = [];
  const perGroup = Math.ceil(count / groups.length);
  for (let i = 0; i < count; i++) {
    const { resource, scope } = groups[Math.floor(i / perGroup)]!;
    const route = pick(ROUTES);
    const status = rand() < 0.05 ? 500n : 200n;
    const a = attrs({
      "http.request.method": pick(METHODS),
      "http.route": route,
      "url.path": route.replace("{id}", String(Math.floor(rand() * 100000))),
      "url.scheme": "https",
      "http.response.status_code": status,
      "server.address": "shop.example.com",
      "server.port": 443n,
      "network.protocol.version": "1.1",
    });
    const extra = Math.floor(rand() * 5);
    if (extra > 0) a["client.address"] = `10.0.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`;
    if (extra > 1) a["user_agent.original"] = "Mozilla/5.0 (X11; Linux x86_64)";
    if (extra > 2) a["http.request.body.size"] = BigInt(Math.floor(rand() * 4096));
    if (extra > 3) a["sampling.ratio"] = 0.25;
    const start = 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n + BigInt(Math.floor(rand() * 1000));
    const end = start + BigInt(Math.floor(rand() * 200_000_000));
    const events =
      rand() < 0.1
        ? [{ timeUnixNano: end - 1000n, name: "exception", attributes: attrs({ "exception.type": "TimeoutError", "exception.message": "upstream took too long", "exception.stacktrace": "TimeoutError: upstream took too long\n    at handler (/app/server.js:42:11)" }), droppedAttributesCount: 0 }]
        : [];
    spans.push({
      traceId: bytes(16),
      spanId: bytes(8),
      parentSpanId: rand() < 0.2 ? null : bytes(8),
      traceState: "",
      flags: 0x101,
      name: `${pick(METHODS)} ${route}`,
      kind: rand() < 0.5 ? 2 : 3,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
      attributes: a,
      droppedAttributesCount: 0,
      events,
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: { code: status === 500n ? 2 : 0, message: status === 500n ? "internal error" : "" },
      resource,
      scope,
      service: resource.attributes["service.name"] as string,
      sampleWeight: 1,
    });
  }
  return spans;
}
