import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { StatusCode, apiAlertEventsResponseSchema, apiAlertWebhookPayloadSchema, bytesToHex } from "@skein/model";
import { collect, makeLog, makeSpan, traceIdOf } from "@skein/storage/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeEvent } from "./alert-codec.js";
import { AlertRules } from "./alert-rules.js";
import type { AlertLogger } from "./alert-telemetry.js";
import { createAlerting } from "./alerting.js";
import { AlertTestStorage } from "./testing/alert-test-storage.js";
import { manualClock } from "./testing/manual-alert-clock.js";

const MIN = 60_000;
const NOW = 1_800_000_000_000 + 10_000;
const silent: AlertLogger = { info() {}, warn() {}, error() {} };

let fake: AlertTestStorage;
let server: Server | undefined;
let received: unknown[];
beforeEach(async () => {
  fake = new AlertTestStorage();
  await fake.memory.start();
  received = [];
});
afterEach(async () => {
  await fake.memory.shutdown();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A webhook receiver answering `status` (changeable through the returned control), or holding answers while `hold` is set. */
const receiver = { status: 200, hold: false };
async function webhook(status = 200): Promise<string> {
  receiver.status = status;
  receiver.hold = false;
  server = createServer((request, response) => {
    let text = "";
    request.setEncoding("utf8").on("data", (c: string) => (text += c));
    request.on("end", () => {
      received.push(JSON.parse(text));
      if (!receiver.hold) response.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

describe("createAlerting", () => {
  it("fires with a Slack text, exemplar traces and their error logs, stores the event, then resolves", async () => {
    const url = await webhook();
    const clock = manualClock(NOW);
    const alerting = createAlerting({ storage: fake.storage, logger: silent, intervalMs: MIN, spanMetricsFlushIntervalMs: 0, publicUrl: "https://skein.example/", clock, delivery: { timeoutMs: 1_000, backoffMs: [10] } });
    const rule = await new AlertRules(fake.memory.alerts, () => NOW).create({
      name: "checkout errors",
      service: "checkout",
      operation: null,
      condition: { type: "error-rate", thresholdPercent: 20 },
      window: "1m",
      windowMs: MIN,
      minRequests: 1,
      webhookUrl: url,
      enabled: true,
    });
    const minute = Math.floor(NOW / MIN) * MIN - MIN; // the last complete minute
    await fake.addMetric({ minuteUnixMs: minute, service: "checkout", operation: "pay", durationNano: 1e6, count: 3, error: true });
    await fake.addMetric({ minuteUnixMs: minute, service: "checkout", operation: "pay", durationNano: 1e6, count: 1 });
    const start = BigInt(minute) * 1_000_000n;
    await fake.memory.traces.writer.writeSpans({
      spans: [1, 2].map((n) => makeSpan({ traceId: traceIdOf(n), service: "checkout", status: { code: StatusCode.ERROR, message: "" }, startTimeUnixNano: start + BigInt(n) })),
    });
    await fake.memory.logs.writer.writeLogs({ logs: [makeLog({ traceId: traceIdOf(2), severityNumber: 17, severityText: "ERROR", body: "card declined", timeUnixNano: start + 5n })] });

    await alerting.evaluateNow();
    await alerting.idle();
    expect(received).toHaveLength(1);
    const payload = apiAlertWebhookPayloadSchema.parse(received[0]);
    const [newest, older] = [2, 1].map((n) => bytesToHex(traceIdOf(n)));
    expect(payload).toMatchObject({ ruleId: rule.id, ruleName: "checkout errors", state: "firing", service: "checkout", operation: null, value: 75, threshold: 20, time: NOW, window: "1m", ruleUrl: "https://skein.example/alerts" });
    expect(payload.exemplars).toEqual([
      { traceId: newest, url: `https://skein.example/trace/${newest}`, errorLogs: [{ timeUnixNano: String(start + 5n), severityText: "ERROR", body: "card declined", spanId: null }] },
      { traceId: older, url: `https://skein.example/trace/${older}`, errorLogs: [] },
    ]);
    expect(payload.text).toContain("*FIRING*: checkout errors");
    expect(payload.text).toContain(`<https://skein.example/trace/${newest}|${newest.slice(0, 16)}> ERROR: card declined`);

    const stored = (await collect(fake.memory.alerts.findEvents({ limit: 10 }))).map(decodeEvent);
    expect(apiAlertEventsResponseSchema.parse({ events: stored }).events).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: payload.id, state: "firing", text: payload.text, delivery: { ok: true, status: 200, error: null, attempts: 1 } });

    await fake.addMetric({ minuteUnixMs: minute, service: "checkout", operation: "pay", durationNano: 1e6, count: 100 });
    await alerting.evaluateNow();
    await alerting.idle();
    expect(received.map((p) => apiAlertWebhookPayloadSchema.parse(p).state)).toEqual(["firing", "resolved"]);
    await alerting.shutdown();
  });

  it("records a failed delivery and keeps evaluating", async () => {
    const url = await webhook(500);
    const alerting = createAlerting({ storage: fake.storage, logger: silent, intervalMs: MIN, spanMetricsFlushIntervalMs: 0, publicUrl: () => "http://h", clock: manualClock(NOW), delivery: { timeoutMs: 500, backoffMs: [1] } });
    await new AlertRules(fake.memory.alerts, () => NOW).create({
      name: "slow",
      service: "checkout",
      operation: "pay",
      condition: { type: "latency", percentile: 50, threshold: "100ms" },
      window: "5m",
      windowMs: 5 * MIN,
      minRequests: 1,
      webhookUrl: url,
      enabled: true,
    });
    await fake.addMetric({ minuteUnixMs: Math.floor(NOW / MIN) * MIN - 4 * MIN, service: "checkout", operation: "pay", durationNano: 2e9 });
    await alerting.evaluateNow();
    await alerting.idle();
    expect(received).toHaveLength(3);
    const [event] = (await collect(fake.memory.alerts.findEvents({ limit: 10 }))).map(decodeEvent);
    expect(event!.delivery).toEqual({ ok: false, status: 500, error: "the webhook answered HTTP 500", attempts: 3 });
    expect(event!.state).toBe("firing");
    expect(event!.threshold).toBe(101_070_329); // 100ms at the nearest latency bucket bound
  });

  it("schedules passes every interval from start to start and stops cleanly", async () => {
    const clock = manualClock(NOW);
    const alerting = createAlerting({ storage: fake.storage, logger: silent, intervalMs: 30_000, publicUrl: "http://h", clock });
    await alerting.shutdown(); // safe before start
    const again = createAlerting({ storage: fake.storage, logger: silent, intervalMs: 30_000, publicUrl: "http://h", clock });
    await again.start();
    await again.start(); // idempotent
    expect(clock.pending()).toEqual([NOW]);
    clock.fire();
    await again.evaluateNow(); // joins the pass in flight
    expect(clock.pending()).toEqual([NOW + 30_000]);
    await again.shutdown();
    await again.shutdown();
    expect(clock.pending()).toEqual([]);
  });

  it("waits at shutdown for the pass in flight", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const alerts = fake.memory.alerts;
    const listRules = alerts.listRules.bind(alerts);
    let listed = false;
    alerts.listRules = async () => {
      await gate;
      listed = true;
      return listRules();
    };
    const alerting = createAlerting({ storage: fake.storage, logger: silent, intervalMs: MIN, publicUrl: "http://h", clock: manualClock(NOW) });
    const pass = alerting.evaluateNow();
    let stopped = false;
    const stopping = alerting.shutdown().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    await pass;
    expect(listed).toBe(true);
  });

  it("delivers a notification the webhook refused (503) on a later pass, once it is back", async () => {
    const url = await webhook(503);
    const clock = manualClock(NOW);
    const alerting = createAlerting({ storage: fake.storage, logger: silent, intervalMs: MIN, spanMetricsFlushIntervalMs: 0, publicUrl: "http://h", clock, delivery: { timeoutMs: 1_000, attempts: 2, backoffMs: [1] } });
    const rule = await new AlertRules(fake.memory.alerts, () => NOW).create({ ...checkoutErrors, webhookUrl: url });
    await fake.addMetric({ minuteUnixMs: Math.floor(NOW / MIN) * MIN - MIN, service: "checkout", operation: "pay", durationNano: 1e6, count: 5, error: true });
    await alerting.evaluateNow();
    await alerting.idle();
    const [failed] = (await collect(fake.memory.alerts.findEvents({ limit: 10 }))).map(decodeEvent);
    expect(failed!.delivery).toEqual({ ok: false, status: 503, error: "the webhook answered HTTP 503", attempts: 2 });

    receiver.status = 200;
    clock.time += MIN;
    await alerting.evaluateNow();
    await alerting.idle();
    const events = (await collect(fake.memory.alerts.findEvents({ limit: 10 }))).map(decodeEvent);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id: failed!.id, ruleId: rule.id, state: "firing", delivery: { ok: true, status: 200, error: null, attempts: 3 } });
    expect(received.map((p) => apiAlertWebhookPayloadSchema.parse(p).id)).toEqual([failed!.id, failed!.id, failed!.id]);
    await alerting.shutdown();
  });

  it("delivers after a restart a notification cut short by shutdown", async () => {
    const url = await webhook(200);
    receiver.hold = true; // the webhook takes the request and never answers
    const options = { storage: fake.storage, logger: silent, intervalMs: MIN, spanMetricsFlushIntervalMs: 0, publicUrl: "http://h", delivery: { timeoutMs: 10_000 } };
    const first = createAlerting({ ...options, clock: manualClock(NOW) });
    await new AlertRules(fake.memory.alerts, () => NOW).create({ ...checkoutErrors, webhookUrl: url });
    await fake.addMetric({ minuteUnixMs: Math.floor(NOW / MIN) * MIN - MIN, service: "checkout", operation: "pay", durationNano: 1e6, count: 5, error: true });
    await first.evaluateNow();
    while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await first.shutdown();
    const [cut] = (await collect(fake.memory.alerts.findEvents({ limit: 10 }))).map(decodeEvent);
    expect(cut!.delivery).toMatchObject({ ok: false, error: "not delivered: the server is shutting down" });

    receiver.hold = false;
    const second = createAlerting({ ...options, clock: manualClock(NOW + 5_000) });
    await second.evaluateNow();
    await second.idle();
    const events = (await collect(fake.memory.alerts.findEvents({ limit: 10 }))).map(decodeEvent);
    expect(events).toHaveLength(1); // no second firing: the state came back from the event
    expect(events[0]).toMatchObject({ id: cut!.id, state: "firing", delivery: { ok: true, status: 200 } });
    expect(received.map((p) => apiAlertWebhookPayloadSchema.parse(p).id)).toEqual([cut!.id, cut!.id]);
    await second.shutdown();
  });
});

const checkoutErrors = {
  name: "checkout errors",
  service: "checkout",
  operation: null,
  condition: { type: "error-rate", thresholdPercent: 20 },
  window: "1m",
  windowMs: MIN,
  minRequests: 1,
  enabled: true,
} as const;
