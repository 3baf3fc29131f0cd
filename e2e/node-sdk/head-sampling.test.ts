import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomHex } from "../support/api-client.js";
import { SkeinProcess } from "../support/skein-process.js";
import { FixtureProcess, otelEnv } from "./support-fixture-process.js";
import { binomialBounds } from "./support-binomial.js";
import { newTraceparent, plainGet, runConcurrently } from "./support-load.js";
import { ratioSamplerKeeps } from "./support-ratio-sampler.js";
import { hasTrace, traceIdsOfService, traceSpans } from "./support-skein-queries.js";

// OTEL_TRACES_SAMPLER=parentbased_traceidratio with ratio 0.25 on a real instrumented service
// (`node --import @skein/node/register`), counted in a real Skein.
//
// N requests without a traceparent each start a trace that is kept with probability p = 0.25, so
// the count is Binomial(N, p). The accepted range comes from the exact binomial quantiles for a
// false-failure probability of at most 1e-5 (N = 4000: 881…1122, exact 9.8e-6). N is that large
// so a wrong ratio fails: 0.2 passes with probability 8e-4, 0.3 with 4e-3 (binomialProbabilityBetween).

const SERVICE = "sampled-service";
const N = 4_000;
const P = 0.25;
const ALPHA = 1e-5;
const { low: LOW, high: HIGH, falseFailure: FALSE_FAILURE } = binomialBounds(N, P, ALPHA);
/** Requests per search window: below the search API's 1 000-trace limit even if every trace were kept. */
const CHUNK = 800;
const PARENTED = 20;

/** A random trace id the ratio alone would keep (or drop): the parent-based cases then prove the parent's flag won. */
function traceIdWhere(ratioKeeps: boolean): string {
  for (;;) {
    const id = randomHex(16);
    if (ratioSamplerKeeps(P, id) === ratioKeeps) return id;
  }
}

let skein: SkeinProcess;
let service: FixtureProcess;
/** What the service saw for each root request: its trace id and whether the sampler kept it. */
const roots: { status: number; traceId: string; sampled: boolean }[] = [];
/** Adjacent time windows (unix ms) that together cover every root request, each holding at most CHUNK of them. */
const windows: { startMs: number; endMs: number }[] = [];
const sampledParents = Array.from({ length: PARENTED }, () => newTraceparent(true, traceIdWhere(false)));
const unsampledParents = Array.from({ length: PARENTED }, () => newTraceparent(false, traceIdWhere(true)));

beforeAll(async () => {
  skein = await SkeinProcess.start();
  service = await FixtureProcess.start({
    fixture: "http-service.mjs",
    env: { ...otelEnv(SERVICE, skein.endpoints), OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: String(P) },
  });
  // The outer ends are padded by a second: the service's span clock may differ from ours by a few ms.
  let startMs = Date.now() - 1_000;
  for (let sent = 0; sent < N; sent += CHUNK) {
    const outcomes = await runConcurrently(Math.min(CHUNK, N - sent), 8, () => plainGet(`${service.url}/context`));
    const endMs = Date.now() + (sent + CHUNK >= N ? 1_000 : 0);
    windows.push({ startMs, endMs });
    startMs = endMs;
    for (const { status, body } of outcomes) {
      const context = status === 200 ? (JSON.parse(body) as { context: { traceId: string; traceFlags: number } | null }).context : null;
      roots.push({ status, traceId: context?.traceId ?? "", sampled: ((context?.traceFlags ?? 0) & 1) === 1 });
    }
  }
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
  it(`keeps ${LOW}…${HIGH} of ${N} new traces (exact binomial bounds, false failure ${FALSE_FAILURE.toExponential(1)})`, async () => {
    expect(roots.filter((r) => r.status !== 200 || r.traceId === "")).toEqual([]);
    const parented = new Set([...sampledParents, ...unsampledParents].map((p) => p.traceId));
    const kept = new Set<string>();
    for (const window of windows) {
      for (const id of await traceIdsOfService(skein.endpoints.apiUrl, SERVICE, window)) if (!parented.has(id)) kept.add(id);
    }
    expect(kept.size).toBeGreaterThanOrEqual(LOW);
    expect(kept.size).toBeLessThanOrEqual(HIGH);
    // Skein holds exactly the traces the service's sampler marked sampled: none lost, none extra.
    const sampled = roots.filter((r) => r.sampled).map((r) => r.traceId);
    expect([...kept].sort()).toEqual(sampled.sort());
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
