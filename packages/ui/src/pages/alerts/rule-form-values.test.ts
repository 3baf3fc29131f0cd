import type { ApiAlertRule } from "@skein/model/api";
import { describe, expect, it } from "vitest";
import { emptyRuleForm, ruleFormOf, validateRuleForm, type RuleFormValues } from "./rule-form-values.js";

const valid = (change: Partial<RuleFormValues> = {}): RuleFormValues => ({ ...emptyRuleForm("checkout"), name: "checkout errors", webhookUrl: "http://127.0.0.1:9000/hook", ...change });

describe("validateRuleForm", () => {
  it("builds an error-rate rule body", () => {
    expect(validateRuleForm(valid({ thresholdPercent: "2.5", operation: "POST /pay", window: "10m", minRequests: "20" })).input).toEqual({
      name: "checkout errors",
      service: "checkout",
      operation: "POST /pay",
      condition: { type: "error-rate", thresholdPercent: 2.5 },
      window: "10m",
      minRequests: 20,
      webhookUrl: "http://127.0.0.1:9000/hook",
      enabled: true,
    });
  });

  it("builds a latency rule body, every operation when none is chosen", () => {
    const input = validateRuleForm(valid({ conditionType: "latency", percentile: "99", latencyThreshold: " 1.5s ", enabled: false })).input!;
    expect(input.condition).toEqual({ type: "latency", percentile: 99, threshold: "1.5s" });
    expect(input.operation).toBeNull();
    expect(input.enabled).toBe(false);
  });

  it("names each wrong field", () => {
    const { errors } = validateRuleForm({ ...emptyRuleForm(), thresholdPercent: "150", window: "90s", minRequests: "-1", webhookUrl: "ftp://x" });
    expect(Object.keys(errors!).sort()).toEqual(["minRequests", "name", "service", "thresholdPercent", "webhookUrl", "window"]);
    expect(errors!.window).toContain("whole minutes");
  });

  it("checks the latency fields only for a latency rule", () => {
    expect(validateRuleForm(valid({ latencyThreshold: "soon" })).input).toBeDefined();
    const { errors } = validateRuleForm(valid({ conditionType: "latency", percentile: "100", latencyThreshold: "soon" }));
    expect(Object.keys(errors!).sort()).toEqual(["latencyThreshold", "percentile"]);
  });

  it("refuses windows outside 1m–24h and non-numbers", () => {
    expect(validateRuleForm(valid({ window: "25h" })).errors?.window).toBeDefined();
    expect(validateRuleForm(valid({ window: "0m" })).errors?.window).toBeDefined();
    expect(validateRuleForm(valid({ window: "1h" })).input?.window).toBe("1h");
    expect(validateRuleForm(valid({ thresholdPercent: "5%" })).errors?.thresholdPercent).toBeDefined();
  });

  it("reports what the API schema refuses on its field", () => {
    expect(validateRuleForm(valid({ name: "x".repeat(201) })).errors?.name).toContain("at most 200");
    expect(validateRuleForm(valid({ webhookUrl: "https://user:pw@hooks.example/x" })).errors?.webhookUrl).toMatch(/must not contain a user name or password/);
  });

  it("refuses an error-rate threshold of 100 % (it could never fire)", () => {
    expect(validateRuleForm(valid({ thresholdPercent: "100" })).errors?.thresholdPercent).toBe("The error rate threshold is a percentage from 0 to below 100");
    expect(validateRuleForm(valid({ thresholdPercent: "99.9" })).input?.condition).toEqual({ type: "error-rate", thresholdPercent: 99.9 });
  });
});

describe("ruleFormOf", () => {
  it("round-trips a stored rule, keeping its webhook unless a new one is typed", () => {
    const rule: ApiAlertRule = {
      id: "r1", name: "slow pay", service: "payment", operation: "POST /charge", condition: { type: "latency", percentile: 95, threshold: "300ms" }, window: "15m", minRequests: 5,
      webhookUrl: "https://hooks.example/…ecret", enabled: false, createdAt: 1, updatedAt: 2, state: "ok", lastEvaluatedAt: null, lastValue: null,
    };
    const form = ruleFormOf(rule);
    expect(form).toMatchObject({ webhookUrl: "", storedWebhookUrl: "https://hooks.example/…ecret" });
    expect(validateRuleForm(form).input).toEqual({
      name: "slow pay", service: "payment", operation: "POST /charge", condition: { type: "latency", percentile: 95, threshold: "300ms" }, window: "15m", minRequests: 5, enabled: false,
    });
    expect(validateRuleForm({ ...form, webhookUrl: " https://hooks.example/new " }).input?.webhookUrl).toBe("https://hooks.example/new");
    expect(validateRuleForm({ ...form, webhookUrl: "not a url" }).errors?.webhookUrl).toBeDefined();
  });
});
