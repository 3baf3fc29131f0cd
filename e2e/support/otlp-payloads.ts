import protobuf from "protobufjs";
import { randomHex } from "./api-client.js";

/**
 * Hand-built OTLP payloads for raw requests (bad input, durability), independent of the SDK and
 * of the server's own codec. Ids are lowercase hex; times are exact ns.
 */
export interface RawSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  /** String attributes only; enough for raw tests. */
  attributes?: Record<string, string>;
}

export interface RawTrace {
  traceId: string;
  spans: RawSpan[];
}

/** A trace of `spanCount` spans: one root and its direct children, starting `startNs`. */
export function makeRawTrace(spanCount: number, startNs: bigint, namePrefix = "op"): RawTrace {
  const traceId = randomHex(16);
  const rootId = randomHex(8);
  const spans: RawSpan[] = [];
  for (let i = 0; i < spanCount; i++) {
    spans.push({
      traceId,
      spanId: i === 0 ? rootId : randomHex(8),
      parentSpanId: i === 0 ? undefined : rootId,
      name: `${namePrefix}-${i}`,
      startTimeUnixNano: startNs + BigInt(i) * 1000n + 7n,
      endTimeUnixNano: startNs + BigInt(i) * 1000n + 500_123n,
      attributes: { "e2e.index": String(i) },
    });
  }
  return { traceId, spans };
}

/** Current time in exact ns (ms precision plus a fixed sub-ms part, so digits are non-trivial). */
export function nowNs(offsetMs = 0): bigint {
  return BigInt(Date.now() + offsetMs) * 1_000_000n + 123_457n;
}

/** OTLP/JSON ExportTraceServiceRequest (hex ids, enum ints, int64 as strings). */
export function traceRequestJson(service: string, spans: RawSpan[]): object {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: "e2e-raw", version: "1.0.0" },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: 2,
              startTimeUnixNano: s.startTimeUnixNano.toString(),
              endTimeUnixNano: s.endTimeUnixNano.toString(),
              attributes: Object.entries(s.attributes ?? {}).map(([key, v]) => ({ key, value: { stringValue: v } })),
              status: {},
            })),
          },
        ],
      },
    ],
  };
}

export interface RawLog {
  timeUnixNano: bigint;
  severityNumber: number;
  body: string;
  traceId?: string;
  spanId?: string;
}

/** OTLP/JSON ExportLogsServiceRequest. */
export function logsRequestJson(service: string, logs: RawLog[]): object {
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
        scopeLogs: [
          {
            scope: { name: "e2e-raw" },
            logRecords: logs.map((l) => ({
              timeUnixNano: l.timeUnixNano.toString(),
              observedTimeUnixNano: l.timeUnixNano.toString(),
              severityNumber: l.severityNumber,
              body: { stringValue: l.body },
              ...(l.traceId ? { traceId: l.traceId } : {}),
              ...(l.spanId ? { spanId: l.spanId } : {}),
            })),
          },
        ],
      },
    ],
  };
}

/**
 * OTLP protobuf ExportTraceServiceRequest, encoded field by field with protobufjs's Writer
 * (field numbers from opentelemetry-proto trace.proto / common.proto / resource.proto).
 * Ids are written as the hex decodes, whatever their length, so tests can send bad ids.
 */
export function traceRequestProto(service: string, spans: RawSpan[]): Uint8Array {
  const w = protobuf.Writer.create();
  w.uint32((1 << 3) | 2).fork(); // ResourceSpans resource_spans = 1
  w.uint32((1 << 3) | 2).fork(); //   Resource resource = 1
  writeStringAttribute(w, 1, "service.name", service); // repeated KeyValue attributes = 1
  w.ldelim();
  w.uint32((2 << 3) | 2).fork(); //   ScopeSpans scope_spans = 2
  w.uint32((1 << 3) | 2).fork().uint32((1 << 3) | 2).string("e2e-raw").ldelim(); // scope.name
  for (const s of spans) {
    w.uint32((2 << 3) | 2).fork(); // Span spans = 2
    w.uint32((1 << 3) | 2).bytes(Buffer.from(s.traceId, "hex"));
    w.uint32((2 << 3) | 2).bytes(Buffer.from(s.spanId, "hex"));
    if (s.parentSpanId) w.uint32((4 << 3) | 2).bytes(Buffer.from(s.parentSpanId, "hex"));
    w.uint32((5 << 3) | 2).string(s.name);
    w.uint32((6 << 3) | 0).int32(2); // kind = SERVER
    writeFixed64(w.uint32((7 << 3) | 1), s.startTimeUnixNano);
    writeFixed64(w.uint32((8 << 3) | 1), s.endTimeUnixNano);
    for (const [k, v] of Object.entries(s.attributes ?? {})) writeStringAttribute(w, 9, k, v);
    w.ldelim();
  }
  w.ldelim();
  w.ldelim();
  return w.finish();
}

/** fixed64 is 8 little-endian bytes: the low 32 bits, then the high 32 bits. */
function writeFixed64(w: protobuf.Writer, value: bigint): void {
  w.fixed32(Number(value & 0xffffffffn)).fixed32(Number(value >> 32n));
}

function writeStringAttribute(w: protobuf.Writer, field: number, key: string, value: string): void {
  w.uint32((field << 3) | 2).fork();
  w.uint32((1 << 3) | 2).string(key);
  w.uint32((2 << 3) | 2).fork().uint32((1 << 3) | 2).string(value).ldelim();
  w.ldelim();
}

/** Decodes Export*ServiceResponse: partial_success = 1 { rejected_* = 1 (int64), error_message = 2 }. */
export function decodeExportResponse(bytes: Uint8Array): { rejected: bigint; errorMessage: string } {
  const out = { rejected: 0n, errorMessage: "" };
  const r = protobuf.Reader.create(bytes);
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === 2) {
      const end = r.uint32() + r.pos;
      while (r.pos < end) {
        const t = r.uint32();
        if (t >>> 3 === 1 && (t & 7) === 0) out.rejected = BigInt(r.int64().toString());
        else if (t >>> 3 === 2 && (t & 7) === 2) out.errorMessage = r.string();
        else r.skipType(t & 7);
      }
    } else r.skipType(tag & 7);
  }
  return out;
}

/** Decodes a google.rpc.Status (code = 1, message = 2), as OTLP/HTTP protobuf error bodies are. */
export function decodeRpcStatus(bytes: Uint8Array): { code: number; message: string } {
  const out = { code: 0, message: "" };
  const r = protobuf.Reader.create(bytes);
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === 0) out.code = r.int32();
    else if (tag >>> 3 === 2 && (tag & 7) === 2) out.message = r.string();
    else r.skipType(tag & 7);
  }
  return out;
}
