import { expect } from "vitest";
import { hrToNs, otlpAttributeMap, otlpAttributes, plainAttributes, plainValue } from "./expected-values.js";
import type { LogSpec, SentLogs } from "./shop-logs.js";
import { KIND_NAMES, type SpanSpec } from "./shop-trace.js";

/**
 * Exact comparisons of what the API returned with what the shop trace / logs sent: the native
 * JSON (DESIGN §7) and OTLP/JSON (`?format=otlp`). They throw vitest assertion errors.
 */

const STATUS_NAMES = ["unset", "ok", "error"] as const;
/** otlp-transformer buildSpanFlagsFrom(traceFlags = SAMPLED, isRemote = false). */
const SDK_SAMPLED_LOCAL_FLAGS = 0x101;

export interface ApiSpan {
  traceId: string;
  spanId: string;
  [key: string]: unknown;
}
export interface OtlpSpanWithContext {
  span: Record<string, unknown>;
  resource: Record<string, unknown>;
  scope: Record<string, unknown>;
}

export function labelOf(sent: SentLogs): (log: Record<string, unknown>) => string {
  return (log) => {
    const spec = Object.values(sent.logs).find((l) => hrToNs(l.time) === log.timeUnixNano && l.service === log.service);
    return spec?.label ?? `unexpected log ${JSON.stringify(log)}`;
  };
}

export function expectNativeLog(log: Record<string, unknown>, spec: LogSpec): void {
  expect(log, spec.label).toMatchObject({
    timeUnixNano: hrToNs(spec.time),
    observedTimeUnixNano: hrToNs(spec.observedTime),
    severityNumber: spec.severityNumber,
    severityText: spec.severityText,
    service: spec.service,
    scope: { name: spec.scope.name },
    traceId: spec.traceId,
    spanId: spec.spanId,
  });
  expect(log.body, `${spec.label} body`).toEqual(plainValue(spec.body));
  expect(log.attributes, `${spec.label} attributes`).toEqual(plainAttributes(spec.attributes));
  expect(log.resource, `${spec.label} resource`).toEqual(plainAttributes(spec.resource));
  const scope = log.scope as { version?: string };
  expect(scope.version || undefined, `${spec.label} scope version`).toBe(spec.scope.version);
}

function ns(time: [number, number]): bigint {
  return BigInt(hrToNs(time));
}

export function expectNativeSpan(span: ApiSpan, spec: SpanSpec): void {
  expect(span, spec.name).toMatchObject({
    traceId: spec.traceId,
    spanId: spec.spanId,
    parentSpanId: spec.parentSpanId,
    name: spec.name,
    kind: KIND_NAMES[spec.kind],
    service: spec.service,
    startTimeUnixNano: hrToNs(spec.start),
    endTimeUnixNano: hrToNs(spec.end),
    durationNano: (ns(spec.end) - ns(spec.start)).toString(),
    status: { code: STATUS_NAMES[spec.status.code] },
    scope: spec.scope,
  });
  const status = span.status as { message?: string };
  expect(status.message ?? "", `${spec.name} status message`).toBe(spec.status.message);
  expect(span.attributes, `${spec.name} attributes`).toEqual(plainAttributes(spec.attributes));
  expect(span.resource, `${spec.name} resource`).toEqual(plainAttributes(spec.resource));
  expect(span.events, `${spec.name} events`).toEqual(
    spec.events.map((e) => expect.objectContaining({ timeUnixNano: hrToNs(e.time), name: e.name, attributes: plainAttributes(e.attributes) })),
  );
  expect(span.links, `${spec.name} links`).toEqual(
    spec.links.map((l) =>
      expect.objectContaining({ traceId: l.traceId, spanId: l.spanId, traceState: l.traceState, attributes: plainAttributes(l.attributes) }),
    ),
  );
}

export function flattenOtlp(body: { resourceSpans: unknown[] }): OtlpSpanWithContext[] {
  const out: OtlpSpanWithContext[] = [];
  for (const rs of body.resourceSpans as { resource?: Record<string, unknown>; scopeSpans?: unknown[] }[]) {
    for (const ss of (rs.scopeSpans ?? []) as { scope?: Record<string, unknown>; spans?: Record<string, unknown>[] }[]) {
      for (const span of ss.spans ?? []) out.push({ span, resource: rs.resource ?? {}, scope: ss.scope ?? {} });
    }
  }
  return out;
}

export function expectOtlpSpan({ span, resource, scope }: OtlpSpanWithContext, spec: SpanSpec): void {
  expect(span, spec.name).toMatchObject({
    traceId: spec.traceId,
    spanId: spec.spanId,
    name: spec.name,
    kind: spec.kind,
    startTimeUnixNano: hrToNs(spec.start),
    endTimeUnixNano: hrToNs(spec.end),
  });
  expect(span.parentSpanId ?? "", `${spec.name} parentSpanId`).toBe(spec.parentSpanId ?? "");
  const status = (span.status ?? {}) as { code?: number; message?: string };
  expect({ code: status.code ?? 0, message: status.message ?? "" }, `${spec.name} status`).toEqual(spec.status);
  expect(otlpAttributeMap(span.attributes), `${spec.name} attributes`).toEqual(otlpAttributes(spec.attributes));
  expect(otlpAttributeMap(resource.attributes), `${spec.name} resource`).toEqual(otlpAttributes(spec.resource));
  expect(scope, `${spec.name} scope`).toMatchObject(spec.scope);
  const events = (span.events ?? []) as Record<string, unknown>[];
  expect(events.map((e) => ({ timeUnixNano: e.timeUnixNano, name: e.name, attributes: otlpAttributeMap(e.attributes) })), `${spec.name} events`).toEqual(
    spec.events.map((e) => ({ timeUnixNano: hrToNs(e.time), name: e.name, attributes: otlpAttributes(e.attributes) })),
  );
  const links = (span.links ?? []) as Record<string, unknown>[];
  expect(
    links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, traceState: l.traceState ?? "", attributes: otlpAttributeMap(l.attributes) })),
    `${spec.name} links`,
  ).toEqual(spec.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, traceState: l.traceState, attributes: otlpAttributes(l.attributes) })));
  // The SDK sends W3C trace flags (sampled = 1) plus HAS_IS_REMOTE (0x100): all parents are local.
  expect(span.flags ?? 0, `${spec.name} flags`).toBe(SDK_SAMPLED_LOCAL_FLAGS);
  expect(links.map((l) => l.flags ?? 0), `${spec.name} link flags`).toEqual(spec.links.map(() => SDK_SAMPLED_LOCAL_FLAGS));
  for (const key of ["droppedAttributesCount", "droppedEventsCount", "droppedLinksCount"]) {
    expect(span[key] ?? 0, `${spec.name} ${key}`).toBe(0);
  }
}
