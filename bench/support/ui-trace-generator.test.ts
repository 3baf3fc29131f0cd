import { describe, expect, it } from "vitest";
import { generateBigTrace } from "./ui-trace-generator.js";

describe("generateBigTrace", () => {
  const base = 1_700_000_000_000_000_000n;
  const trace = generateBigTrace(5_000, 7, base);

  it("is one connected tree whose children lie inside their parent's interval", () => {
    expect(trace.spans).toHaveLength(5_000);
    const byId = new Map(trace.spans.map((s) => [Buffer.from(s.spanId).toString("hex"), s]));
    expect(byId.size).toBe(5_000);
    expect(trace.spans.filter((s) => s.parentSpanId === null)).toHaveLength(1);
    for (const span of trace.spans) {
      expect(span.traceId).toBe(trace.traceId);
      expect(span.endNs).toBeGreaterThanOrEqual(span.startNs);
      if (!span.parentSpanId) continue;
      const parent = byId.get(Buffer.from(span.parentSpanId).toString("hex"))!;
      expect(span.startNs).toBeGreaterThanOrEqual(parent.startNs);
      expect(span.endNs).toBeLessThanOrEqual(parent.endNs);
    }
  });

  it("is deep-ish, spans several services, and has logs on some spans", () => {
    expect(trace.maxDepth).toBeGreaterThanOrEqual(10);
    expect(new Set(trace.spans.map((s) => s.service)).size).toBeGreaterThanOrEqual(5);
    expect(trace.logs.length).toBeGreaterThan(50);
    expect(trace.logs.length).toBeLessThan(500);
  });

  it("is deterministic for a seed", () => {
    const again = generateBigTrace(5_000, 7, base);
    expect(again.spans.map((s) => s.name)).toEqual(trace.spans.map((s) => s.name));
    expect(Buffer.from(again.traceId)).toEqual(Buffer.from(trace.traceId));
  });
});
