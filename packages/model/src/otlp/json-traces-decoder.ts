import type { DecodedSpans, Rejection } from "../batch.js";
import { OtlpDecodeError } from "../errors.js";
import { serviceNameOf } from "../resource.js";
import type { InstrumentationScope, Resource } from "../resource.js";
import type { Span, SpanEvent, SpanKind, SpanLink, StatusCode } from "../span.js";
import { spanIdsProblem } from "./id-checks.js";
import { jsonAttributes, jsonResource, jsonScope } from "./json-any-value.js";
import { parseOtlpJson, decodingJson } from "./json-parse.js";
import { asArray, asEnum, asHexId, asObject, asString, asUint32, asUint64, field } from "./json-reader.js";
import type { JsonObject } from "./json-reader.js";

const SPAN_KINDS = ["SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"];
const STATUS_CODES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];

/**
 * Decodes an OTLP/JSON ExportTraceServiceRequest (`{"resourceSpans": […]}`). Throws
 * OtlpDecodeError naming the path for invalid JSON or wrong types; spans with invalid ids
 * (including ids that are not hex) go to `rejected`. Unknown fields are ignored.
 */
export function decodeOtlpTracesJson(text: string): DecodedSpans {
  return decodingJson("ExportTraceServiceRequest", () => decodeOtlpTracesJsonUnguarded(text));
}

function decodeOtlpTracesJsonUnguarded(text: string): DecodedSpans {
  const root = parseOtlpJson(text, "ExportTraceServiceRequest");
  const spans: Span[] = [];
  const rejected: Rejection[] = [];
  const resourceSpans = asArray(field(root, "resourceSpans", "resource_spans"), "resourceSpans");
  for (let r = 0; r < resourceSpans.length; r++) {
    const rWhere = `resourceSpans[${r}]`;
    const rs = asObject(resourceSpans[r], rWhere) ?? {};
    const resource = jsonResource(rs, rWhere);
    const service = serviceNameOf(resource);
    const scopeSpans = asArray(field(rs, "scopeSpans", "scope_spans"), `${rWhere}.scopeSpans`);
    for (let s = 0; s < scopeSpans.length; s++) {
      const sWhere = `${rWhere}.scopeSpans[${s}]`;
      const ss = asObject(scopeSpans[s], sWhere) ?? {};
      const scope = jsonScope(ss, sWhere);
      const list = asArray(ss["spans"], `${sWhere}.spans`);
      for (let i = 0; i < list.length; i++) {
        const span = decodeSpan(asObject(list[i], `${sWhere}.spans[${i}]`) ?? {}, `${sWhere}.spans[${i}]`, resource, scope, service);
        if (typeof span === "string") rejected.push({ reason: `span ${i} of ${sWhere}: ${span}` });
        else spans.push(span);
      }
    }
  }
  return { batch: { spans }, rejected };
}

/** A span, or the reason to reject it. */
function decodeSpan(o: JsonObject, where: string, resource: Resource, scope: InstrumentationScope, service: string): Span | string {
  const traceId = asHexId(field(o, "traceId", "trace_id"), `${where}.traceId`);
  const spanId = asHexId(field(o, "spanId", "span_id"), `${where}.spanId`);
  const parentSpanId = asHexId(field(o, "parentSpanId", "parent_span_id"), `${where}.parentSpanId`);
  if (traceId === null) return "trace id is not hex";
  if (spanId === null) return "span id is not hex";
  if (parentSpanId === null) return "parent span id is not hex";
  const problem = spanIdsProblem(traceId, spanId, parentSpanId);
  if (problem !== undefined) return problem;
  const status = asObject(o["status"], `${where}.status`) ?? {};
  return {
    traceId,
    spanId,
    parentSpanId: parentSpanId.length === 0 ? null : parentSpanId,
    traceState: asString(field(o, "traceState", "trace_state"), `${where}.traceState`),
    flags: asUint32(o["flags"], `${where}.flags`),
    name: asString(o["name"], `${where}.name`),
    kind: asEnum(o["kind"], `${where}.kind`, SPAN_KINDS) as SpanKind,
    startTimeUnixNano: asUint64(field(o, "startTimeUnixNano", "start_time_unix_nano"), `${where}.startTimeUnixNano`),
    endTimeUnixNano: asUint64(field(o, "endTimeUnixNano", "end_time_unix_nano"), `${where}.endTimeUnixNano`),
    attributes: jsonAttributes(o["attributes"], `${where}.attributes`),
    droppedAttributesCount: asUint32(field(o, "droppedAttributesCount", "dropped_attributes_count"), `${where}.droppedAttributesCount`),
    events: asArray(o["events"], `${where}.events`).map((e, i) => decodeEvent(e, `${where}.events[${i}]`)),
    droppedEventsCount: asUint32(field(o, "droppedEventsCount", "dropped_events_count"), `${where}.droppedEventsCount`),
    links: asArray(o["links"], `${where}.links`).map((l, i) => decodeLink(l, `${where}.links[${i}]`)),
    droppedLinksCount: asUint32(field(o, "droppedLinksCount", "dropped_links_count"), `${where}.droppedLinksCount`),
    status: {
      code: asEnum(status["code"], `${where}.status.code`, STATUS_CODES) as StatusCode,
      message: asString(status["message"], `${where}.status.message`),
    },
    resource,
    scope,
    service,
    sampleWeight: 1,
  };
}

function decodeEvent(v: unknown, where: string): SpanEvent {
  const o = asObject(v, where) ?? {};
  return {
    timeUnixNano: asUint64(field(o, "timeUnixNano", "time_unix_nano"), `${where}.timeUnixNano`),
    name: asString(o["name"], `${where}.name`),
    attributes: jsonAttributes(o["attributes"], `${where}.attributes`),
    droppedAttributesCount: asUint32(field(o, "droppedAttributesCount", "dropped_attributes_count"), `${where}.droppedAttributesCount`),
  };
}

/** Link ids are kept as sent (no length check), but must be hex. */
function decodeLink(v: unknown, where: string): SpanLink {
  const o = asObject(v, where) ?? {};
  const traceId = asHexId(field(o, "traceId", "trace_id"), `${where}.traceId`);
  const spanId = asHexId(field(o, "spanId", "span_id"), `${where}.spanId`);
  if (traceId === null) throw new OtlpDecodeError(`${where}.traceId: expected a hex string`);
  if (spanId === null) throw new OtlpDecodeError(`${where}.spanId: expected a hex string`);
  return {
    traceId,
    spanId,
    traceState: asString(field(o, "traceState", "trace_state"), `${where}.traceState`),
    attributes: jsonAttributes(o["attributes"], `${where}.attributes`),
    droppedAttributesCount: asUint32(field(o, "droppedAttributesCount", "dropped_attributes_count"), `${where}.droppedAttributesCount`),
    flags: asUint32(o["flags"], `${where}.flags`),
  };
}
