import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson } from "./support/api-client.js";
import { hrToNs, otlpAttributeMap, otlpAttributes, plainAttributes, plainValue } from "./support/expected-values.js";
import { OTLP_PROTOCOLS } from "./support/otel-clients.js";
import { sendShopLogs, type LogSpec, type SentLogs } from "./support/shop-logs.js";
import { KIND_NAMES, sendShopTrace, type SentTrace, type SpanSpec } from "./support/shop-trace.js";
import { SkeinProcess } from "./support/skein-process.js";

// Real OpenTelemetry SDK exporters (OTLP/HTTP JSON, OTLP/HTTP protobuf, OTLP/gRPC) → one real
// `skein start` process → the native query API. Everything sent is compared exactly.

let skein: SkeinProcess;
beforeAll(async () => {
  skein = await SkeinProcess.start();
});
afterAll(async () => {
  await skein?.cleanup();
});

const STATUS_NAMES = ["unset", "ok", "error"] as const;

interface ApiSpan {
  traceId: string;
  spanId: string;
  [key: string]: unknown;
}
interface OtlpSpanWithContext {
  span: Record<string, unknown>;
  resource: Record<string, unknown>;
  scope: Record<string, unknown>;
}

describe.each(OTLP_PROTOCOLS)("traces exported over %s", (protocol) => {
  let sent: SentTrace;
  beforeAll(async () => {
    sent = await sendShopTrace(protocol, skein.endpoints);
  });

  it("GET /api/v1/traces/{id} returns every span with exact ids, times, attributes, events, links", async () => {
    const res = await getJson<{ traceId: string; spans: ApiSpan[] }>(`${skein.endpoints.apiUrl}/api/v1/traces/${sent.traceId}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.traceId).toBe(sent.traceId);
    expect(res.body.spans).toHaveLength(sent.spans.length);
    for (const spec of sent.spans) {
      const span = res.body.spans.find((s) => s.spanId === spec.spanId);
      expect(span, `span ${spec.name}`).toBeDefined();
      expectNativeSpan(span!, spec);
    }
  });

  it("?format=otlp returns the trace losslessly as OTLP/JSON", async () => {
    const res = await getJson<{ resourceSpans: unknown[] }>(`${skein.endpoints.apiUrl}/api/v1/traces/${sent.traceId}?format=otlp`);
    expect(res.status, res.text).toBe(200);
    const spans = flattenOtlp(res.body);
    expect(spans).toHaveLength(sent.spans.length);
    for (const spec of sent.spans) {
      const found = spans.find((s) => s.span.spanId === spec.spanId);
      expect(found, `span ${spec.name}`).toBeDefined();
      expectOtlpSpan(found!, spec);
    }
  });

  it("search finds the trace by service and attributes, with a correct summary", async () => {
    const attributes = encodeURIComponent(JSON.stringify({ "e2e.case": sent.caseId }));
    const res = await getJson<{ traces: Record<string, unknown>[] }>(
      `${skein.endpoints.apiUrl}/api/v1/traces?service=${sent.frontService}&attributes=${attributes}`,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.traces).toHaveLength(1);
    const summary = res.body.traces[0]!;
    expect(summary).toMatchObject({
      traceId: sent.traceId,
      rootService: sent.frontService,
      rootName: "POST /checkout",
      startTimeUnixNano: hrToNs(sent.rootStart),
      durationNano: sent.rootDurationNano.toString(),
      spanCount: 6,
      errorCount: 1,
    });
    const services = [...(summary.services as { name: string }[])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    expect(services).toEqual([
      { name: sent.backService, spanCount: 4, errorCount: 0 },
      { name: sent.frontService, spanCount: 2, errorCount: 1 },
    ]);
  });

  it("search conditions hold on one span and use attribute types, durations and status", async () => {
    const found = async (query: Record<string, string>): Promise<string[]> => {
      const res = await getJson<{ traces: { traceId: string }[] }>(`${skein.endpoints.apiUrl}/api/v1/traces?${new URLSearchParams(query)}`);
      expect(res.status, `${JSON.stringify(query)} → ${res.text}`).toBe(200);
      return res.body.traces.map((t) => t.traceId);
    };
    const front = sent.frontService;
    const back = sent.backService;
    expect(await found({ service: front, attributes: JSON.stringify({ "e2e.int": 42, "e2e.bool": true }) })).toEqual([sent.traceId]);
    expect(await found({ service: front, attributes: JSON.stringify({ "http.response.status_code": 502 }) })).toEqual([sent.traceId]);
    expect(await found({ service: front, attributes: JSON.stringify({ "e2e.int": 43 }) })).toEqual([]);
    expect(await found({ service: back, attributes: JSON.stringify({ "payment.method": "card" }) })).toEqual([sent.traceId]);
    // Same-span semantics: payment.method is on a `back` span, never on a `front` span.
    expect(await found({ service: front, attributes: JSON.stringify({ "payment.method": "card" }) })).toEqual([]);
    expect(await found({ service: front, operation: "POST /checkout" })).toEqual([sent.traceId]);
    expect(await found({ service: front, operation: "POST /charge" })).toEqual([]);
    expect(await found({ service: front, status: "error" })).toEqual([sent.traceId]);
    expect(await found({ service: back, status: "error" })).toEqual([]);
    expect(await found({ service: front, minDuration: "1500ms" })).toEqual([sent.traceId]);
    expect(await found({ service: front, minDuration: "1.9s" })).toEqual([]);
    expect(await found({ service: back, operation: "score fraud", minDuration: "10ms", maxDuration: "11ms" })).toEqual([sent.traceId]);
  });

  it("lists both services and each service's operations with kinds", async () => {
    const services = await getJson<{ services: string[] }>(`${skein.endpoints.apiUrl}/api/v1/services`);
    expect(services.status, services.text).toBe(200);
    expect(services.body.services).toEqual(expect.arrayContaining([sent.frontService, sent.backService]));
    const operationsOf = async (service: string): Promise<unknown[]> => {
      const res = await getJson<{ operations: { name: string }[] }>(
        `${skein.endpoints.apiUrl}/api/v1/services/${encodeURIComponent(service)}/operations`,
      );
      expect(res.status, res.text).toBe(200);
      return [...res.body.operations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    };
    expect(await operationsOf(sent.frontService)).toEqual([
      { name: "POST /checkout", kind: "server" },
      { name: "charge card", kind: "client" },
    ]);
    expect(await operationsOf(sent.backService)).toEqual([
      { name: "POST /charge", kind: "server" },
      { name: "consume receipt", kind: "consumer" },
      { name: "publish receipt", kind: "producer" },
      { name: "score fraud", kind: "internal" },
    ]);
  });
});

describe.each(OTLP_PROTOCOLS)("logs exported over %s", (protocol) => {
  let sent: SentLogs;
  const logsUrl = (query: Record<string, string>): string => `${skein.endpoints.apiUrl}/api/v1/logs?${new URLSearchParams(query)}`;
  const query = async (q: Record<string, string>): Promise<Record<string, unknown>[]> => {
    const res = await getJson<{ logs: Record<string, unknown>[] }>(logsUrl(q));
    expect(res.status, `${JSON.stringify(q)} → ${res.text}`).toBe(200);
    return res.body.logs;
  };
  beforeAll(async () => {
    sent = await sendShopLogs(protocol, skein.endpoints);
  });

  it("?traceId= returns the trace's records newest first, every field exact", async () => {
    const logs = await query({ traceId: sent.traceId });
    expect(logs.map(labelOf(sent))).toEqual(["warnMap", "error", "info"]);
    expectNativeLog(logs[0]!, sent.logs.warnMap);
    expectNativeLog(logs[1]!, sent.logs.error);
    expectNativeLog(logs[2]!, sent.logs.info);
  });

  it("?spanId= returns only that span's records", async () => {
    const logs = await query({ spanId: sent.spanB });
    expect(logs.map(labelOf(sent))).toEqual(["error"]);
    expect((await query({ spanId: sent.spanA })).map(labelOf(sent))).toEqual(["warnMap", "info"]);
  });

  it("?service= returns that service's records, uncorrelated ones included, and honours limit", async () => {
    const logs = await query({ service: sent.mainService });
    expect(logs.map(labelOf(sent))).toEqual(["error", "debug", "info"]);
    expectNativeLog(logs[1]!, sent.logs.debug);
    expect((await query({ service: sent.mainService, limit: "1" })).map(labelOf(sent))).toEqual(["error"]);
  });

  it("?minSeverity= accepts a level name or a number", async () => {
    expect((await query({ service: sent.mainService, minSeverity: "ERROR" })).map(labelOf(sent))).toEqual(["error"]);
    expect((await query({ service: sent.mainService, minSeverity: "17" })).map(labelOf(sent))).toEqual(["error"]);
    expect((await query({ service: sent.mainService, minSeverity: "INFO" })).map(labelOf(sent))).toEqual(["error", "info"]);
    expect((await query({ service: sent.mainService, minSeverity: "18" })).map(labelOf(sent))).toEqual([]);
  });

  it("?q= is a case-insensitive substring of the body", async () => {
    expect((await query({ q: `payment declined ${sent.marker}` })).map(labelOf(sent))).toEqual(["error"]);
    expect((await query({ q: sent.marker.toUpperCase() })).map(labelOf(sent))).toEqual(["error", "debug", "info"]);
    expect((await query({ q: `${sent.marker} not there` }))).toEqual([]);
  });
});

function labelOf(sent: SentLogs): (log: Record<string, unknown>) => string {
  return (log) => {
    const spec = Object.values(sent.logs).find((l) => hrToNs(l.time) === log.timeUnixNano && l.service === log.service);
    return spec?.label ?? `unexpected log ${JSON.stringify(log)}`;
  };
}

function expectNativeLog(log: Record<string, unknown>, spec: LogSpec): void {
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

function expectNativeSpan(span: ApiSpan, spec: SpanSpec): void {
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

function flattenOtlp(body: { resourceSpans: unknown[] }): OtlpSpanWithContext[] {
  const out: OtlpSpanWithContext[] = [];
  for (const rs of body.resourceSpans as { resource?: Record<string, unknown>; scopeSpans?: unknown[] }[]) {
    for (const ss of (rs.scopeSpans ?? []) as { scope?: Record<string, unknown>; spans?: Record<string, unknown>[] }[]) {
      for (const span of ss.spans ?? []) out.push({ span, resource: rs.resource ?? {}, scope: ss.scope ?? {} });
    }
  }
  return out;
}

function expectOtlpSpan({ span, resource, scope }: OtlpSpanWithContext, spec: SpanSpec): void {
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
  for (const key of ["droppedAttributesCount", "droppedEventsCount", "droppedLinksCount"]) {
    expect(span[key] ?? 0, `${spec.name} ${key}`).toBe(0);
  }
}
