import type { Span } from "../span.js";
import { groupByResourceAndScope } from "./group-by-scope.js";
import { bigIntToLongBits } from "./int64.js";
import { toPbKeyValues } from "./proto-any-value.js";
import { toPbResource, toPbScope } from "./proto-resource.js";
import { ExportTraceServiceRequest } from "./proto-root.js";

/**
 * Spans → ExportTraceServiceRequest bytes, grouped into ResourceSpans/ScopeSpans by the identity
 * of their resource and scope objects. decodeOtlpTracesProto of the result gives the spans back
 * exactly (grouped in order of first appearance).
 */
export function encodeOtlpTracesProto(spans: readonly Span[]): Uint8Array {
  const resourceSpans = groupByResourceAndScope(spans).map((group) => ({
    resource: toPbResource(group.resource),
    schemaUrl: group.resource.schemaUrl,
    scopeSpans: group.scopes.map((sg) => ({ scope: toPbScope(sg.scope), schemaUrl: sg.scope.schemaUrl, spans: sg.items.map(toPbSpan) })),
  }));
  return ExportTraceServiceRequest.encode({ resourceSpans }).finish();
}

function toPbSpan(span: Span): object {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    traceState: span.traceState,
    parentSpanId: span.parentSpanId ?? new Uint8Array(0),
    flags: span.flags,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: bigIntToLongBits(span.startTimeUnixNano, true),
    endTimeUnixNano: bigIntToLongBits(span.endTimeUnixNano, true),
    attributes: toPbKeyValues(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map((e) => ({
      timeUnixNano: bigIntToLongBits(e.timeUnixNano, true),
      name: e.name,
      attributes: toPbKeyValues(e.attributes),
      droppedAttributesCount: e.droppedAttributesCount,
    })),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.map((l) => ({
      traceId: l.traceId,
      spanId: l.spanId,
      traceState: l.traceState,
      attributes: toPbKeyValues(l.attributes),
      droppedAttributesCount: l.droppedAttributesCount,
      flags: l.flags,
    })),
    droppedLinksCount: span.droppedLinksCount,
    status: { code: span.status.code, message: span.status.message },
  };
}
