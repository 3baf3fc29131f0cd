import { HOSTILE_STRINGS } from "@skein/storage/testing";
import { describe, expect, it } from "vitest";
import { InvalidAlertRuleError } from "./alert-errors.js";
import { parseAlertRuleFields, parseAlertRuleUpdate, thresholdOf } from "./alert-rule.js";

const valid = { name: "checkout errors", service: "checkout", condition: { type: "error-rate", thresholdPercent: 5 }, webhookUrl: "http://127.0.0.1:9/hook" };

function problem(body: unknown): string {
  try {
    parseAlertRuleFields(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAlertRuleError);
    return (error as Error).message;
  }
  throw new Error("expected the body to be refused");
}

describe("parseAlertRuleFields", () => {
  it("fills the defaults: window 5m, minRequests 1, enabled, every operation", () => {
    expect(parseAlertRuleFields(valid)).toEqual({
      name: "checkout errors",
      service: "checkout",
      operation: null,
      condition: { type: "error-rate", thresholdPercent: 5 },
      window: "5m",
      windowMs: 300_000,
      minRequests: 1,
      webhookUrl: "http://127.0.0.1:9/hook",
      enabled: true,
    });
  });

  it("keeps the given fields and reads the window in ms", () => {
    const fields = parseAlertRuleFields({ ...valid, operation: "POST /pay", window: "1h30m", minRequests: 20, enabled: false, condition: { type: "latency", percentile: 99, threshold: "1.5s" } });
    expect(fields).toMatchObject({ operation: "POST /pay", window: "1h30m", windowMs: 5_400_000, minRequests: 20, enabled: false });
    expect(thresholdOf(fields.condition)).toBe(1_482_910_400); // 1.5 s at the nearest latency bucket bound
    expect(thresholdOf({ type: "error-rate", thresholdPercent: 2.5 })).toBe(2.5);
  });

  it("refuses windows that are not whole minutes from 1m to 24h", () => {
    for (const window of ["30s", "90s", "0m", "25h", "5"]) expect(problem({ ...valid, window })).toMatch(/^window must/);
    expect(parseAlertRuleFields({ ...valid, window: "24h" }).windowMs).toBe(86_400_000);
    expect(parseAlertRuleFields({ ...valid, window: "120s" }).windowMs).toBe(120_000);
  });

  it("names the field that is wrong", () => {
    expect(problem({ ...valid, name: "  " })).toBe("name must not be empty");
    expect(problem({ ...valid, webhookUrl: "ftp://example.com/x" })).toBe("webhookUrl must be an http or https URL");
    expect(problem({ ...valid, webhookUrl: "javascript:alert(1)" })).toBe("webhookUrl must be an http or https URL");
    expect(problem({ ...valid, condition: { type: "error-rate", thresholdPercent: 101 } })).toMatch(/^condition\.thresholdPercent/);
    expect(problem({ ...valid, condition: { type: "cpu" } })).toBe('condition.type must be "error-rate" or "latency"');
    expect(problem({ ...valid, condition: { type: "latency", percentile: 99, threshold: "0ms" } })).toMatch(/^condition\.threshold must be a duration above 0/);
    expect(problem({ ...valid, condition: { type: "latency", percentile: 100, threshold: "1s" } })).toMatch(/^condition\.percentile/);
    expect(problem({ ...valid, minRequests: -1 })).toMatch(/^minRequests/);
    const { service: _service, ...withoutService } = valid;
    expect(problem(withoutService)).toMatch(/^service/);
  });

  it("refuses an error-rate threshold of 100 % or more (it could never fire)", () => {
    expect(problem({ ...valid, condition: { type: "error-rate", thresholdPercent: 100 } })).toBe("condition.thresholdPercent must be below 100: an error rate cannot exceed 100 %");
    expect(parseAlertRuleFields({ ...valid, condition: { type: "error-rate", thresholdPercent: 99.99 } }).condition).toEqual({ type: "error-rate", thresholdPercent: 99.99 });
    expect(parseAlertRuleFields({ ...valid, condition: { type: "error-rate", thresholdPercent: 0 } }).condition).toEqual({ type: "error-rate", thresholdPercent: 0 });
  });

  it("refuses webhook URLs with a user name or password", () => {
    for (const webhookUrl of ["https://user:secret@hooks.example/x", "https://user@hooks.example/x", "http://:pw@127.0.0.1:9/"]) {
      expect(problem({ ...valid, webhookUrl })).toBe("webhookUrl must not contain a user name or password (user:password@host); put the secret in the path or a query parameter");
    }
  });

  it("lets a PUT body leave the webhook out, and requires it on create", () => {
    const { webhookUrl: _url, ...withoutUrl } = valid;
    expect(problem(withoutUrl)).toMatch(/^webhookUrl/);
    const update = parseAlertRuleUpdate(withoutUrl);
    expect(update).not.toHaveProperty("webhookUrl");
    expect(update).toMatchObject({ name: "checkout errors", window: "5m", enabled: true });
    expect(parseAlertRuleUpdate(valid).webhookUrl).toBe("http://127.0.0.1:9/hook");
    expect(() => parseAlertRuleUpdate({ ...withoutUrl, webhookUrl: "https://u:p@h/x" })).toThrow(InvalidAlertRuleError);
  });

  it("refuses unknown fields, listing the known ones", () => {
    expect(problem({ ...valid, severity: "high" })).toBe('unknown field "severity"; a rule has name, service, operation, condition, window, minRequests, webhookUrl, enabled');
    expect(problem({ ...valid, condition: { type: "error-rate", thresholdPercent: 5, extra: 1 } })).toMatch(/^unknown field in condition "extra"/);
  });

  it("refuses a body that is not an object", () => {
    for (const body of [undefined, null, "text", 42, [valid]]) expect(problem(body)).toMatch(/^the body must be a JSON object/);
  });

  it("keeps hostile strings as data", () => {
    for (const text of HOSTILE_STRINGS.filter((s) => s.trim().length > 0 && s.length <= 200)) {
      const fields = parseAlertRuleFields({ ...valid, name: text, service: text, operation: text });
      expect(fields.name).toBe(text.trim());
      expect(fields.service).toBe(text.trim());
    }
  });
});
