import type { DecodedSpans, Rejection } from "../batch.js";
import { OtlpDecodeError } from "../errors.js";
import { serviceNameOf } from "../resource.js";
import type { Span, SpanEvent, SpanKind, SpanLink, StatusCode } from "../span.js";
import { knownEnum, spanIdsProblem } from "./id-checks.js";
import { longToBigInt } from "./int64.js";
import { copyBytes, pbAttributes } from "./proto-any-value.js";
import type { PbKeyValue } from "./proto-any-value.js";
import { pbResource, pbScope } from "./proto-resource.js";
import type { PbResource, PbScope } from "./proto-resource.js";
import { ExportTraceServiceRequest } from "./proto-root.js";

/** The decoded protobufjs shapes we read (fields absent on the wire fall back to prototype defaults). */
interface PbTraceRequest {
  resourceSpans: { resource?: PbResource | null; schemaUrl: string; scopeSpans: { scope?: PbScope | null; schemaUrl: string; spans: PbSpan[] }[] }[];
}

interface PbSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  traceState: string;
  parentSpanId: Uint8Array;
  flags: number;
  name: string;
  kind: number;
  startTimeUnixNano: unknown;
  endTimeUnixNano: unknown;
  attributes: PbKeyValue[];
  droppedAttributesCount: number;
  events: { timeUnixNano: unknown; name: string; attributes: PbKeyValue[]; droppedAttributesCount: number }[];
  droppedEventsCount: number;
  links: { traceId: Uint8Array; spanId: Uint8Array; traceState: string; attributes: PbKeyValue[]; droppedAttributesCount: number; flags: number }[];
  droppedLinksCount: number;
  status?: { message: string; code: number } | null;
}

/**
 * Decodes an ExportTraceServiceRequest with protobufjs: the reference implementation (and the
 * benchmark baseline) that the hand-written decoder is checked against. Throws OtlpDecodeError
 * for bytes that are not such a message; spans with invalid ids go to `rejected`.
 */
export function decodeOtlpTracesProtoReference(bytes: Uint8Array): DecodedSpans {
  let request: PbTraceRequest;
  try {
    request = ExportTraceServiceRequest.decode(bytes) as unknown as PbTraceRequest;
  } catch (error) {
    throw new OtlpDecodeError(`ExportTraceServiceRequest is not valid protobuf: ${(error as Error).message}`, { cause: error });
  }
  try {
    return convertRequest(request);
  } catch (error) {
    throw new OtlpDecodeError(`ExportTraceServiceRequest could not be converted: ${(error as Error).message}`, { cause: error });
  }
}

function convertRequest(request: PbTraceRequest): DecodedSpans {
  const spans: Span[] = [];
  const rejected: Rejection[] = [];
  request.resourceSpans.forEach((rs, r) => {
    const resource = pbResource(rs.resource, rs.schemaUrl);
    const service = serviceNameOf(resource);
    rs.scopeSpans.forEach((ss, s) => {
      const scope = pbScope(ss.scope, ss.schemaUrl);
      ss.spans.forEach((pb, i) => {
        const problem = spanIdsProblem(pb.traceId, pb.spanId, pb.parentSpanId);
        if (problem !== undefined) {
          rejected.push({ reason: `span ${i} of resourceSpans[${r}].scopeSpans[${s}]: ${problem}` });
          return;
        }
        spans.push({
          traceId: copyBytes(pb.traceId),
          spanId: copyBytes(pb.spanId),
          parentSpanId: pb.parentSpanId.length === 0 ? null : copyBytes(pb.parentSpanId),
          traceState: pb.traceState,
          flags: pb.flags >>> 0,
          name: pb.name,
          kind: knownEnum(pb.kind, 5) as SpanKind,
          startTimeUnixNano: longToBigInt(pb.startTimeUnixNano, false),
          endTimeUnixNano: longToBigInt(pb.endTimeUnixNano, false),
          attributes: pbAttributes(pb.attributes),
          droppedAttributesCount: pb.droppedAttributesCount,
          events: pb.events.map(toEvent),
          droppedEventsCount: pb.droppedEventsCount,
          links: pb.links.map(toLink),
          droppedLinksCount: pb.droppedLinksCount,
          status: { code: knownEnum(pb.status?.code ?? 0, 2) as StatusCode, message: pb.status?.message ?? "" },
          resource,
          scope,
          service,
          sampleWeight: 1,
        });
      });
    });
  });
  return { batch: { spans }, rejected };
}

function toEvent(e: PbSpan["events"][number]): SpanEvent {
  return {
    timeUnixNano: longToBigInt(e.timeUnixNano, false),
    name: e.name,
    attributes: pbAttributes(e.attributes),
    droppedAttributesCount: e.droppedAttributesCount,
  };
}

function toLink(l: PbSpan["links"][number]): SpanLink {
  return {
    traceId: copyBytes(l.traceId),
    spanId: copyBytes(l.spanId),
    traceState: l.traceState,
    attributes: pbAttributes(l.attributes),
    droppedAttributesCount: l.droppedAttributesCount,
    flags: l.flags >>> 0,
  };
}
