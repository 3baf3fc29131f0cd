import { describe, expect, it } from "vitest";
import { decodeEvent, decodeRule, encodeEvent, encodeRule } from "./alert-codec.js";
import type { AlertRule } from "./alert-rule.js";

const rule: AlertRule = {
  id: "r-1",
  name: "n'\"\\",
  service: "svc",
  operation: null,
  condition: { type: "latency", percentile: 99.9, threshold: "1.5s" },
  window: "10m",
  windowMs: 600_000,
  minRequests: 3,
  webhookUrl: "https://hooks.example/x",
  enabled: false,
  createdAt: 1,
  updatedAt: 2,
};

describe("alert codec", () => {
  it("round-trips a rule in a versioned body, with updatedAt as the stored field", () => {
    const stored = encodeRule(rule);
    expect(stored).toMatchObject({ id: "r-1", updatedAtUnixMs: 2 });
    expect(JSON.parse(stored.body)).toMatchObject({ v: 1, name: rule.name });
    expect(JSON.parse(stored.body)).not.toHaveProperty("id");
    expect(decodeRule(stored)).toEqual(rule);
  });

  it("round-trips an event", () => {
    const event = { id: "e", ruleId: "r-1", ruleName: "n", state: "resolved" as const, time: 5, service: "s", operation: "o", value: null, threshold: 1, text: "t", exemplars: [], delivery: { ok: false, status: null, error: "x", attempts: 3 } };
    const stored = encodeEvent(event);
    expect(stored).toMatchObject({ id: "e", ruleId: "r-1", timeUnixMs: 5 });
    expect(decodeEvent(stored)).toEqual(event);
  });

  it("reads nothing from corrupt bodies or bodies of another version", () => {
    const stored = encodeRule(rule);
    expect(decodeRule({ ...stored, body: "{" })).toBeUndefined();
    expect(decodeRule({ ...stored, body: stored.body.replace('"v":1', '"v":2') })).toBeUndefined();
    expect(decodeEvent({ id: "e", ruleId: "r", timeUnixMs: 1, body: '{"v":1,"event":{}}' })).toBeUndefined();
  });
});
