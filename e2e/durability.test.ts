import { ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, post } from "./support/api-client.js";
import { makeRawTrace, nowNs, traceRequestJson, traceRequestProto, type RawTrace } from "./support/otlp-payloads.js";
import { createTracingPipeline } from "./support/otel-clients.js";
import { SkeinProcess, sleep } from "./support/skein-process.js";

// "Ack only after commit": a 2xx means the data survives kill -9 and restart (DESIGN §6).

let skein: SkeinProcess;
beforeAll(async () => {
  skein = await SkeinProcess.start();
});
afterAll(async () => {
  await skein?.cleanup();
});

async function spanIdsOf(server: SkeinProcess, traceId: string): Promise<string[] | undefined> {
  const res = await getJson<{ spans: { spanId: string }[] }>(`${server.endpoints.apiUrl}/api/v1/traces/${traceId}`);
  if (res.status === 404) return undefined;
  expect(res.status, res.text).toBe(200);
  return res.body.spans.map((s) => s.spanId).sort();
}

function expectedIds(t: RawTrace): string[] {
  return t.spans.map((s) => s.spanId).sort();
}

/** Fires `count` concurrent protobuf exports of one trace each; records which were acked (200). */
function fireConcurrent(server: SkeinProcess, count: number, spansPerTrace: number) {
  const traces = Array.from({ length: count }, (_, i) => makeRawTrace(spansPerTrace, nowNs(-5_000 + i), `load${i}`));
  const acked: RawTrace[] = [];
  const settled = traces.map((t) =>
    post(`${server.endpoints.otlpHttpUrl}/v1/traces`, traceRequestProto("load-svc", t.spans), { "content-type": "application/x-protobuf" })
      .then((res) => {
        if (res.status === 200) acked.push(t);
      })
      .catch(() => undefined),
  );
  return { traces, acked, all: Promise.all(settled) };
}

describe("acknowledged data survives kill -9", () => {
  it("a batch exported by the SDK's proto exporter reads back complete after SIGKILL and restart", async () => {
    const pipeline = createTracingPipeline("http/protobuf", skein.endpoints, { "service.name": "durable-sdk" });
    const tracer = pipeline.tracer("e2e-durability");
    const root = tracer.startSpan("batch root", { root: true });
    const ctx = trace.setSpan(ROOT_CONTEXT, root);
    for (let i = 0; i < 199; i++) tracer.startSpan(`child ${i}`, {}, ctx).end();
    root.end();
    await pipeline.flush();
    const traceId = root.spanContext().traceId;
    const expected = pipeline.exported.map((s) => s.spanContext().spanId).sort();
    expect(expected).toHaveLength(200);

    // Raw logs too, acked just before the kill.
    const logTime = nowNs(-1_000);
    const logs = await post(
      `${skein.endpoints.otlpHttpUrl}/v1/logs`,
      JSON.stringify({
        resourceLogs: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: "durable-logs" } }] }, scopeLogs: [{ scope: {}, logRecords: Array.from({ length: 30 }, (_, i) => ({ timeUnixNano: (logTime + BigInt(i)).toString(), severityNumber: 9, body: { stringValue: `durable ${i}` }, traceId, spanId: expected[0] })) }] }],
      }),
      { "content-type": "application/json" },
    );
    expect(logs.status, logs.text).toBe(200);
    await skein.kill9();
    void pipeline.shutdown();

    skein = await skein.restart();
    expect(await spanIdsOf(skein, traceId)).toEqual(expected);
    const readLogs = await getJson<{ logs: unknown[] }>(`${skein.endpoints.apiUrl}/api/v1/logs?traceId=${traceId}&limit=100`);
    expect(readLogs.status, readLogs.text).toBe(200);
    expect(readLogs.body.logs).toHaveLength(30);
  });

  it("with ~50 requests in flight at SIGKILL, every acked request is present after restart", async () => {
    const load = fireConcurrent(skein, 50, 40);
    // Kill once some, not necessarily all, requests were acknowledged.
    const deadline = Date.now() + 15_000;
    while (load.acked.length < 5 && Date.now() < deadline) await sleep(5);
    await skein.kill9();
    await load.all;
    const acked = [...load.acked];
    expect(acked.length).toBeGreaterThanOrEqual(5);

    skein = await skein.restart();
    for (const t of acked) expect(await spanIdsOf(skein, t.traceId), `acked trace ${t.traceId}`).toEqual(expectedIds(t));
  });

  it("SIGTERM under load exits 0 and every acked request is present after restart", async () => {
    const load = fireConcurrent(skein, 50, 40);
    const deadline = Date.now() + 15_000;
    while (load.acked.length < 5 && Date.now() < deadline) await sleep(5);
    skein.sendSigterm();
    const code = await skein.waitExit();
    await load.all;
    expect(code, skein.describe()).toBe(0);
    const acked = [...load.acked];
    expect(acked.length).toBeGreaterThanOrEqual(5);

    skein = await skein.restart();
    for (const t of acked) expect(await spanIdsOf(skein, t.traceId), `acked trace ${t.traceId}`).toEqual(expectedIds(t));
    const after = makeRawTrace(3, nowNs(-1_000), "after");
    const res = await post(`${skein.endpoints.otlpHttpUrl}/v1/traces`, JSON.stringify(traceRequestJson("after-svc", after.spans)), { "content-type": "application/json" });
    expect(res.status).toBe(200);
    expect(await spanIdsOf(skein, after.traceId)).toEqual(expectedIds(after));
  });
});
