import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomHex } from "../support/api-client.js";
import { SkeinProcess } from "../support/skein-process.js";
import { FixtureProcess, otelEnv } from "./support-fixture-process.js";
import { newTraceparent, plainGet, runConcurrently } from "./support-load.js";
import { hasTrace, traceIdsOfService, traceSpans } from "./support-skein-queries.js";

// OTEL_TRACES_SAMPLER=parentbased_traceidratio with ratio 0.25 on a real instrumented service
// (`node --import @skein/node/register`), counted in a real Skein.
//
// N requests without a traceparent each start a trace that is kept with probability p = 0.25:
// the count is Binomial(N, p): mean Np = 100, σ = √(Np(1−p)) ≈ 8.66 for N = 400. We accept
// ±4.5σ (62…138 whole traces): a correct sampler fails that about once in 150 000 runs, while
// one that ignores the ratio (400 kept) or uses a wrong one such as 0.1 or 0.5 (40 or 200) fails.

const SERVICE = "sampled-service";
const N = 400;
const P = 0.25;
const SIGMA = Math.sqrt(N * P * (1 - P));
const LOW = Math.ceil(N * P - 4.5 * SIGMA);
const HIGH = Math.floor(N * P + 4.5 * SIGMA);
const PARENTED = 20;

/**
 * TraceIdRatioBasedSampler's decision for a trace id in the installed SDK: the XOR of its four
 * 32-bit words below ⌊p · 0xffffffff⌋. Used only to pick ids the ratio alone would decide the
 * other way, so that the parent-based cases prove the parent's flag won; if the SDK changes its
 * rule, those cases only get weaker, never wrong.
 */
function ratioWouldSample(traceId: string): boolean {
  let accumulation = 0;
  for (let i = 0; i < 32; i += 8) accumulation = (accumulation ^ parseInt(traceId.slice(i, i + 8), 16)) >>> 0;
  return accumulation < Math.floor(P * 0xffffffff);
}
function traceIdWhere(ratioSamples: boolean): string {
  for (;;) {
    const id = randomHex(16);
    if (ratioWouldSample(id) === ratioSamples) return id;
  }
}

let skein: SkeinProcess;
let service: FixtureProcess;
let rootStatuses: number[];
const sampledParents = Array.from({ length: PARENTED }, () => newTraceparent(true, traceIdWhere(false)));
const unsampledParents = Array.from({ length: PARENTED }, () => newTraceparent(false, traceIdWhere(true)));

beforeAll(async () => {
  skein = await SkeinProcess.start();
  service = await FixtureProcess.start({
    fixture: "http-service.mjs",
    env: { ...otelEnv(SERVICE, skein.endpoints), OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: String(P) },
  });
  rootStatuses = (await runConcurrently(N, 8, () => plainGet(`${service.url}/context`))).map((o) => o.status);
  for (const parent of [...sampledParents, ...unsampledParents]) {
    expect((await plainGet(`${service.url}/context`, { traceparent: parent.header })).status).toBe(200);
  }
  // SIGTERM makes the SDK flush: after the exit, everything it will ever send has been answered.
  expect(await service.stop(), service.describe()).toBe(0);
});

afterAll(async () => {
  await service?.kill();
  await skein?.cleanup();
});

describe("head sampling: parentbased_traceidratio, ratio 0.25", () => {
  it(`keeps ${LOW}…${HIGH} of ${N} new traces (Np = ${N * P} ± 4.5σ, σ = ${SIGMA.toFixed(2)})`, async () => {
    expect(rootStatuses.every((s) => s === 200)).toBe(true);
    const parented = new Set([...sampledParents, ...unsampledParents].map((p) => p.traceId));
    const kept = (await traceIdsOfService(skein.endpoints.apiUrl, SERVICE)).filter((id) => !parented.has(id));
    expect(kept.length).toBeGreaterThanOrEqual(LOW);
    expect(kept.length).toBeLessThanOrEqual(HIGH);
  });

  it("keeps every request whose traceparent is sampled, as a child of it, even where the ratio says drop", async () => {
    for (const parent of sampledParents) {
      const spans = await traceSpans(skein.endpoints.apiUrl, parent.traceId, 1, 5_000);
      expect(spans.map((s) => [s.kind, s.service, s.parentSpanId])).toEqual([["server", SERVICE, parent.spanId]]);
    }
  });

  it("drops every request whose traceparent is not sampled, even where the ratio says keep", async () => {
    for (const parent of unsampledParents) expect(await hasTrace(skein.endpoints.apiUrl, parent.traceId)).toBe(false);
  });
});
