import type { Span } from "../span.js";
import { groupByResourceAndScope } from "./group-by-scope.js";
import { idToJson, toJsonKeyValues, toJsonResource, toJsonScope } from "./json-any-value.js";
import type { OtlpJsonEvent, OtlpJsonLink, OtlpJsonSpan, OtlpTracesJson } from "./otlp-json-types.js";

/**
 * Spans → the OTLP/JSON object `{resourceSpans: […]}`, grouped by resource and scope object
 * identity. Lossless: decodeOtlpTracesJson(JSON.stringify(result)) gives the spans back.
 */
export function encodeOtlpTracesJson(spans: readonly Span[]): OtlpTracesJson {
  return {
    resourceSpans: groupByResourceAndScope(spans).map((group) => ({
      resource: toJsonResource(group.resource),
      ...(group.resource.schemaUrl === "" ? {} : { schemaUrl: group.resource.schemaUrl }),
      scopeSpans: group.scopes.map((sg) => ({
        scope: toJsonScope(sg.scope),
        ...(sg.scope.schemaUrl === "" ? {} : { schemaUrl: sg.scope.schemaUrl }),
        spans: sg.items.map(toJsonSpan),
      })),
    })),
  };
}

function toJsonSpan(span: Span): OtlpJsonSpan {
  const out: OtlpJsonSpan = {
    traceId: idToJson(span.traceId),
    spanId: idToJson(span.spanId),
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano.toString(),
    endTimeUnixNano: span.endTimeUnixNano.toString(),
    attributes: toJsonKeyValues(span.attributes),
    status: {},
  };
  if (span.traceState !== "") out.traceState = span.traceState;
  if (span.parentSpanId !== null) out.parentSpanId = idToJson(span.parentSpanId);
  if (span.flags !== 0) out.flags = span.flags;
  if (span.droppedAttributesCount !== 0) out.droppedAttributesCount = span.droppedAttributesCount;
  if (span.events.length > 0) out.events = span.events.map(toJsonEvent);
  if (span.droppedEventsCount !== 0) out.droppedEventsCount = span.droppedEventsCount;
  if (span.links.length > 0) out.links = span.links.map(toJsonLink);
  if (span.droppedLinksCount !== 0) out.droppedLinksCount = span.droppedLinksCount;
  if (span.status.code !== 0) out.status.code = span.status.code;
  if (span.status.message !== "") out.status.message = span.status.message;
  return out;
}

function toJsonEvent(e: Span["events"][number]): OtlpJsonEvent {
  const out: OtlpJsonEvent = { timeUnixNano: e.timeUnixNano.toString(), name: e.name, attributes: toJsonKeyValues(e.attributes) };
  if (e.droppedAttributesCount !== 0) out.droppedAttributesCount = e.droppedAttributesCount;
  return out;
}

function toJsonLink(l: Span["links"][number]): OtlpJsonLink {
  const out: OtlpJsonLink = { traceId: idToJson(l.traceId), spanId: idToJson(l.spanId), attributes: toJsonKeyValues(l.attributes) };
  if (l.traceState !== "") out.traceState = l.traceState;
  if (l.droppedAttributesCount !== 0) out.droppedAttributesCount = l.droppedAttributesCount;
  if (l.flags !== 0) out.flags = l.flags;
  return out;
}
