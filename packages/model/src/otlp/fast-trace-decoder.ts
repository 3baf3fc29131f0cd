import { emptyAttributes } from "../any-value.js";
import type { DecodedSpans, Rejection } from "../batch.js";
import { OtlpDecodeError } from "../errors.js";
import { serviceNameOf } from "../resource.js";
import type { InstrumentationScope, Resource } from "../resource.js";
import type { Span, SpanEvent, SpanKind, SpanLink, SpanStatus, StatusCode } from "../span.js";
import { spanIdsProblem } from "./id-checks.js";
import { readKeyValue } from "./wire-any-value.js";
import { WireReader } from "./wire-reader.js";

/**
 * A hand-written decoder of ExportTraceServiceRequest straight into Span objects: the ingest hot
 * path (DESIGN §9). It reads the wire format once, builds no intermediate message objects, and
 * copies ids into their own small arrays so no span keeps the request buffer alive. Semantics
 * match decodeOtlpTracesProtoReference (checked by a differential test on random payloads);
 * in addition a known field with the wrong wire type is an error rather than garbage.
 *
 * Field order on the wire is free, so a ResourceSpans may carry its resource or schema_url after
 * its spans: the Resource and scope objects are created empty up front, filled in place, and
 * `service` is set on the spans once their ResourceSpans is complete.
 */
export function decodeOtlpTracesProtoFast(bytes: Uint8Array): DecodedSpans {
  const r = new WireReader(bytes);
  const out: DecodedSpans = { batch: { spans: [] }, rejected: [] };
  const at: Location = { resource: -1, scope: -1, span: -1 };
  try {
    while (r.pos < r.buf.length) {
      const tag = r.uint32();
      if (tag === 0x0a) readResourceSpans(r, at, out.batch.spans, out.rejected);
      else r.unexpected(tag, 0b10, "ExportTraceServiceRequest");
    }
  } catch (error) {
    throw new OtlpDecodeError(`ExportTraceServiceRequest is not valid protobuf: ${(error as Error).message}${describe(at)}`, { cause: error });
  }
  return out;
}

/** Where the decoder is, for error messages: indexes of the current ResourceSpans, ScopeSpans, Span (-1 = none yet). */
interface Location {
  resource: number;
  scope: number;
  span: number;
}

function describe(at: Location): string {
  if (at.resource < 0) return "";
  let where = ` (in resourceSpans[${at.resource}]`;
  if (at.scope >= 0) where += `.scopeSpans[${at.scope}]`;
  if (at.span >= 0) where += `.spans[${at.span}]`;
  return `${where})`;
}

function readResourceSpans(r: WireReader, at: Location, spans: Span[], rejected: Rejection[]): void {
  at.resource++;
  at.scope = -1;
  at.span = -1;
  const end = r.lenEnd();
  const first = spans.length;
  const resource: Resource = { attributes: emptyAttributes(), droppedAttributesCount: 0, schemaUrl: "" };
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x0a) readResource(r, resource);
    else if (tag === 0x12) readScopeSpans(r, resource, at, spans, rejected);
    else if (tag === 0x1a) resource.schemaUrl = r.string();
    else r.unexpected(tag, 0b1110, "ResourceSpans");
  }
  r.expectEnd(end, "ResourceSpans");
  const service = serviceNameOf(resource);
  for (let i = first; i < spans.length; i++) spans[i]!.service = service;
}

function readResource(r: WireReader, resource: Resource): void {
  const end = r.lenEnd();
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x0a) readKeyValue(r, resource.attributes);
    else if (tag === 0x10) resource.droppedAttributesCount = r.uint32();
    else r.unexpected(tag, 0b110, "Resource");
  }
  r.expectEnd(end, "Resource");
}

function readScopeSpans(r: WireReader, resource: Resource, at: Location, spans: Span[], rejected: Rejection[]): void {
  at.scope++;
  at.span = -1;
  const end = r.lenEnd();
  const scope: InstrumentationScope = { name: "", version: "", attributes: emptyAttributes(), droppedAttributesCount: 0, schemaUrl: "" };
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x0a) readScope(r, scope);
    else if (tag === 0x12) {
      at.span++;
      const span = readSpan(r, resource, scope);
      if (typeof span === "string") rejected.push({ reason: `span ${at.span} of resourceSpans[${at.resource}].scopeSpans[${at.scope}]: ${span}` });
      else spans.push(span);
    } else if (tag === 0x1a) scope.schemaUrl = r.string();
    else r.unexpected(tag, 0b1110, "ScopeSpans");
  }
  r.expectEnd(end, "ScopeSpans");
  at.span = -1;
}

function readScope(r: WireReader, scope: InstrumentationScope): void {
  const end = r.lenEnd();
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x0a) scope.name = r.string();
    else if (tag === 0x12) scope.version = r.string();
    else if (tag === 0x1a) readKeyValue(r, scope.attributes);
    else if (tag === 0x20) scope.droppedAttributesCount = r.uint32();
    else r.unexpected(tag, 0b11110, "InstrumentationScope");
  }
  r.expectEnd(end, "InstrumentationScope");
}

const EMPTY: Uint8Array = new Uint8Array(0);
const SPAN_FIELDS = 0x1fffe;

/** One Span (length prefix included), or the reason it is rejected. `service` is set by the caller. */
function readSpan(r: WireReader, resource: Resource, scope: InstrumentationScope): Span | string {
  const end = r.lenEnd();
  let traceId = EMPTY;
  let spanId = EMPTY;
  let parentSpanId = EMPTY;
  let traceState = "";
  let flags = 0;
  let name = "";
  let kind = 0;
  let start = 0n;
  let finish = 0n;
  const attributes = emptyAttributes();
  let droppedAttributesCount = 0;
  const events: SpanEvent[] = [];
  let droppedEventsCount = 0;
  const links: SpanLink[] = [];
  let droppedLinksCount = 0;
  let status: SpanStatus | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 0x0a:
        traceId = r.bytes();
        break;
      case 0x12:
        spanId = r.bytes();
        break;
      case 0x1a:
        traceState = r.string();
        break;
      case 0x22:
        parentSpanId = r.bytes();
        break;
      case 0x2a:
        name = r.string();
        break;
      case 0x30:
        kind = r.uint32();
        break;
      case 0x39:
        start = r.fixed64();
        break;
      case 0x41:
        finish = r.fixed64();
        break;
      case 0x4a:
        readKeyValue(r, attributes);
        break;
      case 0x50:
        droppedAttributesCount = r.uint32();
        break;
      case 0x5a:
        events.push(readEvent(r));
        break;
      case 0x60:
        droppedEventsCount = r.uint32();
        break;
      case 0x6a:
        links.push(readLink(r));
        break;
      case 0x70:
        droppedLinksCount = r.uint32();
        break;
      case 0x7a:
        status = readStatus(r);
        break;
      case 0x85: // field 16, fixed32: the tag is a two-byte varint (0x85 0x01)
        flags = r.fixed32();
        break;
      default:
        r.unexpected(tag, SPAN_FIELDS, "Span");
    }
  }
  r.expectEnd(end, "Span");
  const problem = spanIdsProblem(traceId, spanId, parentSpanId);
  if (problem !== undefined) return problem;
  return {
    traceId,
    spanId,
    parentSpanId: parentSpanId.length === 0 ? null : parentSpanId,
    traceState,
    flags,
    name,
    kind: (kind <= 5 ? kind : 0) as SpanKind,
    startTimeUnixNano: start,
    endTimeUnixNano: finish,
    attributes,
    droppedAttributesCount,
    events,
    droppedEventsCount,
    links,
    droppedLinksCount,
    status: status ?? { code: 0, message: "" },
    resource,
    scope,
    service: "",
    sampleWeight: 1,
  };
}

function readEvent(r: WireReader): SpanEvent {
  const end = r.lenEnd();
  let timeUnixNano = 0n;
  let name = "";
  const attributes = emptyAttributes();
  let droppedAttributesCount = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x09) timeUnixNano = r.fixed64();
    else if (tag === 0x12) name = r.string();
    else if (tag === 0x1a) readKeyValue(r, attributes);
    else if (tag === 0x20) droppedAttributesCount = r.uint32();
    else r.unexpected(tag, 0b11110, "Span.Event");
  }
  r.expectEnd(end, "Span.Event");
  return { timeUnixNano, name, attributes, droppedAttributesCount };
}

function readLink(r: WireReader): SpanLink {
  const end = r.lenEnd();
  let traceId = EMPTY;
  let spanId = EMPTY;
  let traceState = "";
  const attributes = emptyAttributes();
  let droppedAttributesCount = 0;
  let flags = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x0a) traceId = r.bytes();
    else if (tag === 0x12) spanId = r.bytes();
    else if (tag === 0x1a) traceState = r.string();
    else if (tag === 0x22) readKeyValue(r, attributes);
    else if (tag === 0x28) droppedAttributesCount = r.uint32();
    else if (tag === 0x35) flags = r.fixed32();
    else r.unexpected(tag, 0b1111110, "Span.Link");
  }
  r.expectEnd(end, "Span.Link");
  return { traceId, spanId, traceState, attributes, droppedAttributesCount, flags };
}

function readStatus(r: WireReader): SpanStatus {
  const end = r.lenEnd();
  let message = "";
  let code = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x12) message = r.string();
    else if (tag === 0x18) code = r.uint32();
    else r.unexpected(tag, 0b1100, "Status");
  }
  r.expectEnd(end, "Status");
  return { code: (code <= 2 ? code : 0) as StatusCode, message };
}
