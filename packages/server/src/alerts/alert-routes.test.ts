import { apiAlertEventsResponseSchema, apiAlertRuleSchema, apiAlertRulesResponseSchema, apiErrorResponseSchema } from "@skein/model";
import { HOSTILE_STRINGS } from "@skein/storage/testing";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerQueryRoutes } from "../query/http/query-routes.js";
import { queryApiServerOptions } from "../query/http/server-options.js";
import { encodeEvent } from "./alert-codec.js";
import { MAX_ALERT_RULES } from "./alert-rules.js";
import { decodeRule } from "./alert-codec.js";
import { createAlerting, type Alerting } from "./alerting.js";
import { AlertTestStorage } from "./testing/alert-test-storage.js";

const NOW = 1_800_000_000_000;
let fake: AlertTestStorage;
let app: FastifyInstance;
let alerting: Alerting;

beforeEach(async () => {
  fake = new AlertTestStorage();
  await fake.memory.start();
  alerting = createAlerting({
    storage: fake.storage,
    logger: { info() {}, warn() {}, error() {} },
    intervalMs: 60_000,
    spanMetricsFlushIntervalMs: 0,
    publicUrl: "http://h",
    clock: { now: () => NOW, monotonicNow: () => 0, setTimeout: () => 0, clearTimeout() {} },
    delivery: { fetch: async () => new Response(null, { status: 200 }) },
  });
  app = Fastify(queryApiServerOptions());
  await registerQueryRoutes(app, { storage: fake.storage, routes: [(api) => alerting.registerRoutes(api)] });
  await app.ready();
});
afterEach(async () => {
  await app.close();
  await fake.memory.shutdown();
});

const rule = { name: "checkout errors", service: "checkout", condition: { type: "error-rate", thresholdPercent: 5 }, webhookUrl: "https://hooks.example/T000/B000/XXXXsecret" };
const REDACTED = "https://hooks.example/…cret";

async function call(method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const response = await app.inject({ method, url: `/api/v1${url}`, payload: payload as string | object | undefined, headers });
  return { status: response.statusCode, body: response.body === "" ? undefined : (response.json() as unknown) };
}

function errorOf(response: { status: number; body: unknown }) {
  return apiErrorResponseSchema.parse(response.body).error;
}

describe("alert rule routes", () => {
  it("creates, reads, lists, replaces and deletes a rule", async () => {
    const created = await call("POST", "/alerts/rules", rule);
    expect(created.status).toBe(201);
    const body = apiAlertRuleSchema.parse(created.body);
    expect(body).toEqual({
      id: body.id,
      name: "checkout errors",
      service: "checkout",
      operation: null,
      condition: { type: "error-rate", thresholdPercent: 5 },
      window: "5m",
      minRequests: 1,
      webhookUrl: REDACTED,
      enabled: true,
      createdAt: NOW,
      updatedAt: NOW,
      state: "ok",
      lastEvaluatedAt: null,
      lastValue: null,
    });
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    expect((await call("GET", `/alerts/rules/${body.id}`)).body).toEqual(body);
    expect(apiAlertRulesResponseSchema.parse((await call("GET", "/alerts/rules")).body).rules).toEqual([body]);

    const replaced = await call("PUT", `/alerts/rules/${body.id}`, { ...rule, name: "renamed", operation: "pay", window: "10m", enabled: false });
    expect(replaced.status).toBe(200);
    expect(apiAlertRuleSchema.parse(replaced.body)).toMatchObject({ id: body.id, name: "renamed", operation: "pay", window: "10m", enabled: false, minRequests: 1, createdAt: NOW });

    expect((await call("DELETE", `/alerts/rules/${body.id}`)).status).toBe(204);
    expect(errorOf(await call("GET", `/alerts/rules/${body.id}`)).code).toBe("SKEIN_ERR_ALERT_RULE_NOT_FOUND");
    expect((await call("DELETE", `/alerts/rules/${body.id}`)).status).toBe(404);
  });

  it("answers 404 for unknown and hostile ids", async () => {
    for (const id of ["nope", "%27%3B%20DROP%20TABLE%20rules%3B--", "a".repeat(65), "..%2F..%2Fetc"]) {
      const response = await call("GET", `/alerts/rules/${id}`);
      expect(response.status, id).toBe(404);
      expect(errorOf(response).code).toBe("SKEIN_ERR_ALERT_RULE_NOT_FOUND");
      expect((await call("PUT", `/alerts/rules/${id}`, rule)).status).toBe(404);
    }
  });

  it("answers 400 naming what is wrong in a body", async () => {
    const bad = async (payload: unknown, headers?: Record<string, string>) => {
      const response = await call("POST", "/alerts/rules", payload, headers);
      expect(response.status, JSON.stringify(payload)).toBe(400);
      return errorOf(response);
    };
    expect(await bad({ ...rule, condition: { type: "error-rate", thresholdPercent: 500 } })).toMatchObject({ code: "SKEIN_ERR_INVALID_ALERT_RULE", message: expect.stringMatching(/^condition\.thresholdPercent/) });
    expect((await bad({ ...rule, window: "30s" })).message).toMatch(/^window must be a whole number of minutes/);
    expect((await bad({ ...rule, webhookUrl: "file:///etc/passwd" })).message).toBe("webhookUrl must be an http or https URL");
    expect((await bad({ ...rule, admin: true })).message).toMatch(/^unknown field "admin"/);
    expect((await bad([rule])).message).toMatch(/^the body must be a JSON object/);
    expect((await bad("{not json", { "content-type": "application/json" })).code).toBe("SKEIN_ERR_BAD_REQUEST");
    expect((await bad('{"__proto__": {"x": 1}}', { "content-type": "application/json" })).code).toBe("SKEIN_ERR_BAD_REQUEST");
    expect(apiAlertRulesResponseSchema.parse((await call("GET", "/alerts/rules")).body).rules).toEqual([]);
  });

  it("refuses other content types, JSON included, with 415", async () => {
    for (const type of ["text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded"]) {
      const response = await call("POST", "/alerts/rules", JSON.stringify(rule), { "content-type": type });
      expect(response.status, type).toBe(415);
      expect(errorOf(response)).toMatchObject({ code: "SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE", message: expect.stringMatching(/application\/json/) });
    }
    const created = apiAlertRuleSchema.parse((await call("POST", "/alerts/rules", rule)).body);
    expect((await call("PUT", `/alerts/rules/${created.id}`, JSON.stringify(rule), { "content-type": "text/plain" })).status).toBe(415);
    expect((await call("POST", "/alerts/rules", JSON.stringify(rule), { "content-type": "application/json; charset=utf-8" })).status).toBe(201);
  });

  it("deletes with a JSON content type and no body", async () => {
    const created = apiAlertRuleSchema.parse((await call("POST", "/alerts/rules", rule)).body);
    expect((await call("DELETE", `/alerts/rules/${created.id}`, undefined, { "content-type": "application/json" })).status).toBe(204);
    expect((await call("DELETE", `/alerts/rules/${created.id}`, undefined, { "content-type": "application/json" })).status).toBe(404);
  });

  it("never shows the webhook URL, and keeps the stored one on a PUT without it (or with the redacted one)", async () => {
    const created = apiAlertRuleSchema.parse((await call("POST", "/alerts/rules", rule)).body);
    const stored = async () => decodeRule((await fake.memory.alerts.getRule(created.id))!)!.webhookUrl;
    expect(created.webhookUrl).toBe(REDACTED);
    expect(JSON.stringify((await call("GET", "/alerts/rules")).body)).not.toContain("secret");
    const { webhookUrl: _url, ...withoutUrl } = rule;
    expect(apiAlertRuleSchema.parse((await call("PUT", `/alerts/rules/${created.id}`, { ...withoutUrl, name: "renamed" })).body)).toMatchObject({ name: "renamed", webhookUrl: REDACTED });
    expect(await stored()).toBe(rule.webhookUrl);
    await call("PUT", `/alerts/rules/${created.id}`, { ...rule, webhookUrl: REDACTED }); // a client sending back what it read
    expect(await stored()).toBe(rule.webhookUrl);
    const moved = await call("PUT", `/alerts/rules/${created.id}`, { ...rule, webhookUrl: "http://127.0.0.1:9/short" });
    expect(apiAlertRuleSchema.parse(moved.body).webhookUrl).toBe("http://127.0.0.1:9/…"); // too short to show any of it
    expect(await stored()).toBe("http://127.0.0.1:9/short");
    const { webhookUrl: _required, ...missing } = rule;
    expect(errorOf(await call("POST", "/alerts/rules", missing)).message).toMatch(/^webhookUrl/);
  });

  it("refuses credentials in the webhook URL and a 100 % error-rate threshold", async () => {
    const credentials = await call("POST", "/alerts/rules", { ...rule, webhookUrl: "https://user:pw@hooks.example/x" });
    expect(credentials.status).toBe(400);
    expect(errorOf(credentials).message).toMatch(/^webhookUrl must not contain a user name or password/);
    const hundred = await call("POST", "/alerts/rules", { ...rule, condition: { type: "error-rate", thresholdPercent: 100 } });
    expect(errorOf(hundred).message).toMatch(/^condition\.thresholdPercent must be below 100/);
  });

  it("records a resolved event, not sent, when a firing rule is disabled", async () => {
    const created = apiAlertRuleSchema.parse((await call("POST", "/alerts/rules", { ...rule, window: "1m" })).body);
    // NOW is a minute boundary: with the 2 s grace, the last complete minute is the one before the previous.
    await fake.addMetric({ minuteUnixMs: NOW - 120_000, service: "checkout", operation: "pay", durationNano: 1e6, count: 5, error: true });
    await alerting.evaluateNow();
    await alerting.idle();
    expect(apiAlertRuleSchema.parse((await call("GET", `/alerts/rules/${created.id}`)).body).state).toBe("firing");
    const disabled = await call("PUT", `/alerts/rules/${created.id}`, { ...rule, window: "1m", enabled: false });
    expect(apiAlertRuleSchema.parse(disabled.body)).toMatchObject({ enabled: false, state: "ok" });
    await alerting.idle();
    const events = apiAlertEventsResponseSchema.parse((await call("GET", `/alerts/events?ruleId=${created.id}`)).body).events;
    expect(events.map((e) => [e.state, e.delivery.ok, e.delivery.error])).toEqual([
      ["resolved", false, "not sent: the rule was disabled"],
      ["firing", true, null],
    ]);
  });

  it("refuses other content types and oversized bodies", async () => {
    const form = await call("POST", "/alerts/rules", "name=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect(errorOf(form).message).toMatch(/application\/json/);
    const huge = await call("POST", "/alerts/rules", { ...rule, name: "x".repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(errorOf(huge).code).toBe("SKEIN_ERR_PAYLOAD_TOO_LARGE");
  });

  it("keeps hostile strings as data", async () => {
    for (const text of HOSTILE_STRINGS.filter((s) => s.trim() === s && s.length > 0 && s.length <= 200)) {
      const created = await call("POST", "/alerts/rules", { ...rule, name: text, service: text, operation: text });
      expect(created.status, JSON.stringify(text)).toBe(201);
      const body = apiAlertRuleSchema.parse(created.body);
      expect(apiAlertRuleSchema.parse((await call("GET", `/alerts/rules/${body.id}`)).body)).toMatchObject({ name: text, service: text, operation: text });
    }
  });

  it("refuses unknown query parameters", async () => {
    expect(errorOf(await call("GET", "/alerts/rules?state=firing")).code).toBe("SKEIN_ERR_UNKNOWN_PARAMETER");
  });

  it(`stops at ${MAX_ALERT_RULES} rules with 409`, async () => {
    for (let i = 0; i < MAX_ALERT_RULES; i++) {
      await fake.memory.alerts.putRule({ id: `r${String(i).padStart(4, "0")}`, updatedAtUnixMs: NOW, body: "{}" });
    }
    const response = await call("POST", "/alerts/rules", rule);
    expect(response.status).toBe(409);
    expect(errorOf(response)).toMatchObject({ code: "SKEIN_ERR_TOO_MANY_ALERT_RULES", message: expect.stringContaining("1000") });
  });
});

describe("GET /alerts/events", () => {
  const event = (id: string, ruleId: string, time: number) =>
    encodeEvent({ id, ruleId, ruleName: "n", state: "firing", time, service: "s", operation: null, value: 10, threshold: 5, text: "t", exemplars: [], delivery: { ok: true, status: 200, error: null, attempts: 1 } });

  beforeEach(async () => {
    for (let i = 1; i <= 5; i++) await fake.memory.alerts.appendEvent(event(`e${i}`, i % 2 === 0 ? "even" : "odd", NOW + i * 1000));
    await fake.memory.alerts.appendEvent({ id: "corrupt", ruleId: "odd", timeUnixMs: NOW + 10_000, body: "{" });
  });

  it("lists events newest first, filtered by rule and time, skipping unreadable ones", async () => {
    const ids = async (query: string) => apiAlertEventsResponseSchema.parse((await call("GET", `/alerts/events${query}`)).body).events.map((e) => e.id);
    expect(await ids("")).toEqual(["e5", "e4", "e3", "e2", "e1"]);
    expect(await ids("?ruleId=odd")).toEqual(["e5", "e3", "e1"]);
    expect(await ids(`?start=${NOW + 2000}&end=${NOW + 4000}`)).toEqual(["e4", "e3", "e2"]);
    expect(await ids(`?limit=2&ruleId=even`)).toEqual(["e4", "e2"]);
    expect(await ids(`?ruleId=`)).toHaveLength(5);
  });

  it("validates its parameters", async () => {
    for (const query of ["?limit=0", "?limit=1001", "?limit=abc", "?start=yesterday", `?start=${NOW + 5}&end=${NOW}`, "?ruleId=%27%20OR%201%3D1"]) {
      const response = await call("GET", `/alerts/events${query}`);
      expect(response.status, query).toBe(400);
      expect(errorOf(response).code).toBe("SKEIN_ERR_INVALID_PARAMETER");
    }
    expect(errorOf(await call("GET", "/alerts/events?rule=x")).code).toBe("SKEIN_ERR_UNKNOWN_PARAMETER");
  });
});
