import type { ApiAlertEvent } from "@skein/model/api";
import { describe, expect, it } from "vitest";
import { describeCondition, describeTarget, formatAlertValue, unitOfEvent } from "./alert-format.js";

describe("alert formatting", () => {
  it("describes conditions and targets", () => {
    expect(describeCondition({ type: "error-rate", thresholdPercent: 5 })).toBe("error rate > 5%");
    expect(describeCondition({ type: "latency", percentile: 99, threshold: "1.5s" })).toBe("p99 latency > 1.5s");
    expect(describeTarget({ service: "pay", operation: null })).toBe("pay · all operations");
    expect(describeTarget({ service: "pay", operation: "POST /charge" })).toBe("pay · POST /charge");
  });

  it("formats values in their unit", () => {
    expect(formatAlertValue(33.3333, "percent")).toBe("33.33%");
    expect(formatAlertValue(340_000_000, "ns")).toBe("340 ms");
    expect(formatAlertValue(null, "ns")).toBe("no data");
  });

  it("tells an event's unit from its text when its rule is gone", () => {
    const event = { text: ":rotating_light: *FIRING*: slow\npay · all operations: p95 latency 1.2s > 500ms over the last 5m" } as ApiAlertEvent;
    expect(unitOfEvent(event, undefined)).toBe("ns");
    expect(unitOfEvent({ ...event, text: "pay: error rate 50% > 5%" }, undefined)).toBe("percent");
  });
});
