import { context, ROOT_CONTEXT, SpanKind, trace, TraceFlags } from "@opentelemetry/api";
import { SamplingDecision } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { createSampler } from "./create-sampler.js";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

function decide(kind: Parameters<typeof createSampler>[0], parentFlags: TraceFlags | undefined, traceId = TRACE_ID): SamplingDecision {
  const parent =
    parentFlags === undefined
      ? ROOT_CONTEXT
      : trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: "00f067aa0ba902b7", traceFlags: parentFlags, isRemote: true });
  return context.with(parent, () => createSampler(kind).shouldSample(parent, traceId, "op", SpanKind.SERVER, {}, []).decision);
}

describe("createSampler", () => {
  it("parentbased_traceidratio: the ratio decides new traces, the caller decides continued ones", () => {
    const none = { kind: "parentbased_traceidratio", ratio: 0 } as const;
    const all = { kind: "parentbased_traceidratio", ratio: 1 } as const;
    expect(decide(none, undefined)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(all, undefined)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(none, TraceFlags.SAMPLED)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(all, TraceFlags.NONE)).toBe(SamplingDecision.NOT_RECORD);
  });

  it("keeps about the given share of new traces", () => {
    const sampler = { kind: "parentbased_traceidratio", ratio: 0.25 } as const;
    let kept = 0;
    const total = 4000;
    for (let i = 0; i < total; i++) {
      const traceId = (BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(16).padStart(32, "0").slice(-32);
      if (decide(sampler, undefined, traceId) === SamplingDecision.RECORD_AND_SAMPLED) kept++;
    }
    expect(kept / total).toBeGreaterThan(0.2);
    expect(kept / total).toBeLessThan(0.3);
  });

  it("always_off and parentbased_always_on", () => {
    expect(decide({ kind: "always_off" }, TraceFlags.SAMPLED)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide({ kind: "parentbased_always_on" }, undefined)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide({ kind: "parentbased_always_on" }, TraceFlags.NONE)).toBe(SamplingDecision.NOT_RECORD);
  });
});
