import { describe, expect, it } from "vitest";
import { generatePayloads, planDataset } from "./dataset.js";
import { decodeRaw } from "./otlp-proto.js";

describe("bench data set", () => {
  const plan = planDataset(3000, 7, 1_800_000_000_000);
  const payloads = generatePayloads(plan);

  it("splits exactly the planned spans into requests of 512", () => {
    expect(payloads.spanCounts.reduce((s, n) => s + n, 0)).toBe(3000);
    expect(payloads.spanCounts.slice(0, -1).every((n) => n === 512)).toBe(true);
    expect(payloads.requests.map(decodeRaw)).toEqual(payloads.spanCounts);
    expect(payloads.wireBytes).toBe(payloads.requests.reduce((s, r) => s + r.byteLength, 0));
  });

  it("regenerates byte-identical payloads from the plan", () => {
    const again = generatePayloads(plan);
    expect(Buffer.concat(again.requests).equals(Buffer.concat(payloads.requests))).toBe(true);
  });

  it("samples complete traces and spans a time range ending before `now`", () => {
    expect(payloads.sample.length).toBeGreaterThan(50);
    expect(payloads.sample.every((t) => /^[0-9a-f]{32}$/.test(t.traceId) && t.spanCount >= 1)).toBe(true);
    expect(payloads.startMs).toBe(1_800_000_000_000 - 31 * 60 * 1000);
    expect(payloads.endMs).toBeGreaterThan(payloads.startMs);
    expect(payloads.endMs).toBeLessThan(1_800_000_000_000);
  });
});
