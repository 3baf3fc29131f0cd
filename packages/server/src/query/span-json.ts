import type { ApiSpan, InstrumentationScope, Span } from "@skein/model";
import { SPAN_KIND_NAMES, STATUS_CODE_NAMES, attributesToPlainJson, bytesToHex, spanDurationNano } from "@skein/model";

/**
 * A span in the native API shape (DESIGN §7): lowercase hex ids, ns as decimal strings, kind and
 * status by name, attributes as plain JSON (int64 as a number when exact, else a decimal string;
 * bytes as base64). Empty optional strings are omitted. Unknown enum numbers map to
 * "unspecified" / "unset" rather than failing the whole trace.
 */
export function spanToApi(span: Span): ApiSpan {
  const out: ApiSpan = {
    traceId: bytesToHex(span.traceId),
    spanId: bytesToHex(span.spanId),
    parentSpanId: span.parentSpanId !== null && span.parentSpanId.length > 0 ? bytesToHex(span.parentSpanId) : null,
    name: span.name,
    kind: SPAN_KIND_NAMES[span.kind] ?? "unspecified",
    service: span.service,
    startTimeUnixNano: span.startTimeUnixNano.toString(),
    endTimeUnixNano: span.endTimeUnixNano.toString(),
    durationNano: spanDurationNano(span).toString(),
    status: { code: STATUS_CODE_NAMES[span.status.code] ?? "unset" },
    attributes: attributesToPlainJson(span.attributes),
    resource: attributesToPlainJson(span.resource.attributes),
    scope: scopeToApi(span.scope),
    events: span.events.map((e) => ({ timeUnixNano: e.timeUnixNano.toString(), name: e.name, attributes: attributesToPlainJson(e.attributes) })),
    links: span.links.map((l) => {
      const link: ApiSpan["links"][number] = { traceId: bytesToHex(l.traceId), spanId: bytesToHex(l.spanId), attributes: attributesToPlainJson(l.attributes) };
      if (l.traceState !== "") link.traceState = l.traceState;
      return link;
    }),
  };
  if (span.traceState !== "") out.traceState = span.traceState;
  if (span.status.message !== "") out.status.message = span.status.message;
  return out;
}

/** `{name, version?}`; the version is omitted when empty. */
export function scopeToApi(scope: InstrumentationScope): { name: string; version?: string } {
  return scope.version !== "" ? { name: scope.name, version: scope.version } : { name: scope.name };
}
