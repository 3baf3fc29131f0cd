import { describe, expect, it } from "vitest";
import { DEFAULT_SAMPLER, resolveSampler } from "./sampler-config.js";

describe("resolveSampler", () => {
  const none = (m: string): void => {
    throw new Error(`unexpected warning: ${m}`);
  };

  it("keeps every trace by default, following the parent", () => {
    expect(resolveSampler(undefined, {}, none)).toEqual({ kind: "parentbased_always_on" });
  });

  it("reads OTEL_TRACES_SAMPLER with its ratio argument", () => {
    const env = { OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.25" };
    expect(resolveSampler(undefined, env, none)).toEqual({ kind: "parentbased_traceidratio", ratio: 0.25 });
    expect(resolveSampler(undefined, { OTEL_TRACES_SAMPLER: "always_off" }, none)).toEqual({ kind: "always_off" });
    expect(resolveSampler(undefined, { OTEL_TRACES_SAMPLER: "traceidratio" }, none)).toEqual({ kind: "traceidratio", ratio: 1 });
  });

  it("lets the code sampleRatio win over the environment", () => {
    expect(resolveSampler(0.1, { OTEL_TRACES_SAMPLER: "always_off" }, none)).toEqual({ kind: "parentbased_traceidratio", ratio: 0.1 });
  });

  it("warns about an unknown sampler or a bad ratio and keeps working", () => {
    const warnings: string[] = [];
    const warn = (m: string): number => warnings.push(m);
    expect(resolveSampler(undefined, { OTEL_TRACES_SAMPLER: "jaeger_remote" }, warn)).toEqual(DEFAULT_SAMPLER);
    const bad = { OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "25%" };
    expect(resolveSampler(undefined, bad, warn)).toEqual({ kind: "parentbased_traceidratio", ratio: 1 });
    expect(resolveSampler(1.5, {}, warn)).toEqual(DEFAULT_SAMPLER);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('OTEL_TRACES_SAMPLER="jaeger_remote" is not supported');
    expect(warnings[1]).toContain('OTEL_TRACES_SAMPLER_ARG="25%"');
    expect(warnings[2]).toContain("sampleRatio 1.5");
  });
});
