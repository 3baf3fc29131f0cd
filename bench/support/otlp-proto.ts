import { resolve } from "node:path";
import protobuf from "protobufjs";
import type { GenAttribute, GenResource, GenSpan } from "./gen-span.js";
import { PROTO_DIR } from "./repo-paths.js";

/**
 * OTLP protobuf for the bench, built with protobufjs from the model package's .proto files.
 * The bench encodes its own payloads (the client side of the wire); Skein's decoders are what is
 * measured.
 */

let cached: { request: protobuf.Type; response: protobuf.Type } | undefined;

export function otlpTypes(): { request: protobuf.Type; response: protobuf.Type } {
  if (cached) return cached;
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => resolve(PROTO_DIR, target);
  root.loadSync("opentelemetry/proto/collector/trace/v1/trace_service.proto", { keepCase: false });
  cached = {
    request: root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest"),
    response: root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse"),
  };
  return cached;
}

/** protobufjs writes fixed64 from any {low, high} pair; no Long library object needed. */
function fixed64(ns: bigint): { low: number; high: number; unsigned: boolean } {
  return { low: Number(ns & 0xffffffffn) | 0, high: Number(ns >> 32n) | 0, unsigned: true };
}

function keyValues(attributes: GenAttribute[]): object[] {
  return attributes.map(({ key, value }) => ({
    key,
    value: typeof value === "string" ? { stringValue: value } : typeof value === "boolean" ? { boolValue: value } : { intValue: value },
  }));
}

/**
 * One ExportTraceServiceRequest: spans grouped by service (one ResourceSpans each) and then by
 * instrumentation scope, as a collector forwarding several services would send them.
 */
export function encodeTracesRequest(spans: GenSpan[], resourceOf: (service: string) => GenResource): Uint8Array {
  const byService = new Map<string, Map<string, GenSpan[]>>();
  for (const s of spans) {
    let scopes = byService.get(s.service);
    if (!scopes) byService.set(s.service, (scopes = new Map()));
    let list = scopes.get(s.scope);
    if (!list) scopes.set(s.scope, (list = []));
    list.push(s);
  }
  const resourceSpans = [...byService].map(([service, scopes]) => ({
    resource: { attributes: keyValues(resourceOf(service).attributes) },
    scopeSpans: [...scopes].map(([scope, list]) => ({
      scope: { name: scope, version: "0.57.0" },
      spans: list.map((s) => ({
        traceId: s.traceId,
        spanId: s.spanId,
        parentSpanId: s.parentSpanId ?? undefined,
        name: s.name,
        kind: s.kind,
        startTimeUnixNano: fixed64(s.startNs),
        endTimeUnixNano: fixed64(s.endNs),
        attributes: keyValues(s.attributes),
        events: s.events.map((e) => ({ timeUnixNano: fixed64(e.timeNs), name: e.name, attributes: keyValues(e.attributes) })),
        status: s.statusCode === 0 && s.statusMessage === "" ? undefined : { code: s.statusCode, message: s.statusMessage },
        flags: 0x101,
      })),
    })),
  }));
  const { request } = otlpTypes();
  return request.encode(request.create({ resourceSpans })).finish();
}

/** Spans rejected according to an ExportTraceServiceResponse body (0 for an empty body). */
export function rejectedSpans(body: Uint8Array): number {
  if (body.length === 0) return 0;
  const msg = otlpTypes().response.decode(body) as unknown as { partialSuccess?: { rejectedSpans?: number | protobuf.Long } };
  const r = msg.partialSuccess?.rejectedSpans;
  return r === undefined ? 0 : Number(r.toString());
}

/** Plain protobufjs decode (Type.decode, no conversion): the floor any protobufjs-based decoder pays. */
export function decodeRaw(bytes: Uint8Array): number {
  const msg = otlpTypes().request.decode(bytes) as unknown as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] };
  let n = 0;
  for (const rs of msg.resourceSpans) for (const ss of rs.scopeSpans) n += ss.spans.length;
  return n;
}
