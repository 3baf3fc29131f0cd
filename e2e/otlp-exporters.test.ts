import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson } from "./support/api-client.js";
import { hrToNs } from "./support/expected-values.js";
import { createLoggingPipeline, createTracingPipeline, OTLP_PROTOCOLS } from "./support/otel-clients.js";
import { expectNativeLog, expectNativeSpan, expectOtlpSpan, flattenOtlp, labelOf, type ApiSpan } from "./support/shop-assertions.js";
import { sendShopLogs, type SentLogs } from "./support/shop-logs.js";
import { sendShopTrace, type SentTrace } from "./support/shop-trace.js";
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

describe.each(OTLP_PROTOCOLS)("gzip-compressed export over %s", (protocol) => {
  it("traces and logs sent with compression: gzip read back", async () => {
    const service = `gzip-${protocol.replace(/\W+/g, "-")}`;
    const tracing = createTracingPipeline(protocol, skein.endpoints, { "service.name": service }, { compression: "gzip" });
    const root = tracing.tracer("e2e-gzip").startSpan("compressed root", { root: true, attributes: { "e2e.padding": "p".repeat(2000) } });
    root.end();
    const logging = createLoggingPipeline(protocol, skein.endpoints, { "service.name": service }, { compression: "gzip" });
    logging.logger("e2e-gzip").emit({ severityNumber: 9, body: `compressed log ${"q".repeat(2000)}` });
    await Promise.all([tracing.flush(), logging.flush()]);
    await Promise.all([tracing.shutdown(), logging.shutdown()]);

    const traceId = root.spanContext().traceId;
    const trace = await getJson<{ spans: { spanId: string; attributes: Record<string, unknown> }[] }>(`${skein.endpoints.apiUrl}/api/v1/traces/${traceId}`);
    expect(trace.status, trace.text).toBe(200);
    expect(trace.body.spans.map((s) => s.spanId)).toEqual([root.spanContext().spanId]);
    expect(trace.body.spans[0]!.attributes["e2e.padding"]).toBe("p".repeat(2000));
    const logs = await getJson<{ logs: { body: string }[] }>(`${skein.endpoints.apiUrl}/api/v1/logs?service=${service}`);
    expect(logs.status, logs.text).toBe(200);
    expect(logs.body.logs.map((l) => l.body)).toEqual([`compressed log ${"q".repeat(2000)}`]);
  });
});
