import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { apiAlertEventsResponseSchema, apiAlertRuleSchema, apiAlertWebhookPayloadSchema, type ApiAlertWebhookPayload } from "@skein/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, getJson } from "../support/api-client.js";
import { createLoggingPipeline, createTracingPipeline } from "../support/otel-clients.js";
import { SkeinProcess, type SkeinEndpoints } from "../support/skein-process.js";

// A real `skein start` with a local webhook receiver: an error-rate rule created through the API
// fires when traces with errors (and ERROR logs correlated to them) arrive through the real OTel
// exporters, links three exemplar traces that resolve through the API, survives a restart without
// firing again, and resolves once enough OK traffic brings the rate under the threshold. Rules
// measure complete minutes only (a minute counts once its last flush is in, here 0.2 s + 2 s after
// it ends), so each notification comes up to a minute after its traffic.

const SERVICE = "e2e-alerts-checkout";
const PUBLIC_URL = "http://skein.e2e.test:8080";

let skein: SkeinProcess;
let receiver: Server;
const payloads: ApiAlertWebhookPayload[] = [];
let webhookUrl: string;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let text = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    request.on("end", () => {
      payloads.push(apiAlertWebhookPayloadSchema.parse(JSON.parse(text)));
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slack/T000/B000/secret`;
  skein = await SkeinProcess.start({ args: ["--alert-interval", "1s", "--span-metrics-flush-interval", "200ms", "--public-url", PUBLIC_URL] });
}, 60_000);

afterAll(async () => {
  await skein?.cleanup();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

/** `ok` traces and `failed` traces (ERROR server span + a correlated ERROR log each) of SERVICE. */
async function sendTraffic(endpoints: SkeinEndpoints, ok: number, failed: number): Promise<string[]> {
  const tracing = createTracingPipeline("http/protobuf", endpoints, { "service.name": SERVICE });
  const logging = createLoggingPipeline("http/protobuf", endpoints, { "service.name": SERVICE });
  const tracer = tracing.tracer("e2e-alerts");
  const logger = logging.logger("e2e-alerts");
  const failedTraceIds: string[] = [];
  for (let i = 0; i < ok + failed; i++) {
    const span = tracer.startSpan("POST /checkout", { kind: SpanKind.SERVER, attributes: { "http.request.method": "POST" } }, ROOT_CONTEXT);
    if (i < failed) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: "payment declined" });
      logger.emit({ severityNumber: SeverityNumber.ERROR, severityText: "ERROR", body: `payment declined for order ${i}`, context: trace.setSpan(ROOT_CONTEXT, span) });
      failedTraceIds.push(span.spanContext().traceId);
    }
    span.end();
  }
  await tracing.flush();
  if (failed > 0) await logging.flush(); // flush() insists that something was exported
  await tracing.shutdown();
  await logging.shutdown();
  return failedTraceIds;
}

async function api<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await getJson<T>(`${skein.endpoints.apiUrl}/api/v1${path}`, init);
  return { status: response.status, body: response.body };
}

describe("alerts end to end", () => {
  let ruleId: string;
  let failedTraceIds: string[];

  it("creates an error-rate rule through the API", async () => {
    const response = await api("/alerts/rules", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Checkout failing", service: SERVICE, condition: { type: "error-rate", thresholdPercent: 20 }, window: "5m", minRequests: 5, webhookUrl }),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const rule = apiAlertRuleSchema.parse(response.body);
    expect(rule).toMatchObject({ service: SERVICE, operation: null, window: "5m", state: "ok", enabled: true });
    // The webhook's secret path never comes back: scheme://host/… and its last 4 characters.
    expect(rule.webhookUrl).toBe(`${new URL(webhookUrl).origin}/…cret`);
    ruleId = rule.id;
  });

  it("fires with a Slack text, three exemplar traces with errors and their error logs", async () => {
    failedTraceIds = await sendTraffic(skein.endpoints, 4, 6); // 60 % errors
    const firing = await eventually(async () => payloads.find((p) => p.state === "firing"), 90_000, "a firing notification");
    expect(firing).toMatchObject({ ruleId, ruleName: "Checkout failing", service: SERVICE, operation: null, threshold: 20, window: "5m", ruleUrl: `${PUBLIC_URL}/alerts` });
    expect(firing.value).toBeCloseTo(60, 6);
    expect(firing.text).toContain("*FIRING*: Checkout failing");
    expect(firing.text).toContain(`<${PUBLIC_URL}/alerts|`);
    expect(firing.exemplars).toHaveLength(3);
    for (const exemplar of firing.exemplars) {
      expect(failedTraceIds).toContain(exemplar.traceId);
      expect(exemplar.url).toBe(`${PUBLIC_URL}/trace/${exemplar.traceId}`);
      expect(firing.text).toContain(`<${exemplar.url}|${exemplar.traceId.slice(0, 16)}>`);
      // The link's trace resolves through the API and has an error span.
      const traceResponse = await api<{ spans: { status: { code: string } }[] }>(`/traces/${exemplar.traceId}`);
      expect(traceResponse.status).toBe(200);
      expect(traceResponse.body.spans.some((span) => span.status.code === "error")).toBe(true);
      expect(exemplar.errorLogs).toEqual([expect.objectContaining({ severityText: "ERROR", body: expect.stringMatching(/^payment declined for order \d$/) })]);
    }
    const rule = apiAlertRuleSchema.parse((await api(`/alerts/rules/${ruleId}`)).body);
    expect(rule.state).toBe("firing");
    expect(rule.lastValue).toBeCloseTo(60, 6);
  }, 120_000);

  it("does not fire again while firing, nor after a restart", async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(payloads.filter((p) => p.state === "firing")).toHaveLength(1);
    await skein.stop();
    skein = await skein.restart();
    await eventually(async () => {
      const rule = apiAlertRuleSchema.parse((await api(`/alerts/rules/${ruleId}`)).body);
      return rule.lastEvaluatedAt !== null ? rule : undefined;
    }, 15_000, "an evaluation after the restart");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(payloads.filter((p) => p.state === "firing")).toHaveLength(1);
    expect(apiAlertRuleSchema.parse((await api(`/alerts/rules/${ruleId}`)).body).state).toBe("firing");
  }, 60_000);

  it("resolves once OK traffic brings the rate under the threshold, and lists both events", async () => {
    await sendTraffic(skein.endpoints, 100, 0); // 6 / 110 ≈ 5.5 %
    const resolved = await eventually(async () => payloads.find((p) => p.state === "resolved"), 90_000, "a resolved notification");
    expect(resolved).toMatchObject({ ruleId, state: "resolved", threshold: 20 });
    expect(resolved.value).toBeLessThan(20);
    expect(resolved.text).toContain("*RESOLVED*: Checkout failing");

    const events = await eventually(async () => {
      const response = await api(`/alerts/events?ruleId=${ruleId}`);
      const parsed = apiAlertEventsResponseSchema.parse(response.body).events;
      return parsed.length === 2 && parsed.every((e) => e.delivery.ok) ? parsed : undefined;
    }, 10_000, "both events delivered");
    expect(events.map((e) => e.state)).toEqual(["resolved", "firing"]);
    expect(events[1]).toMatchObject({ id: payloads[0]!.id, text: payloads[0]!.text, exemplars: payloads[0]!.exemplars, delivery: { ok: true, status: 200, error: null, attempts: 1 } });
  }, 120_000);
});
