import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "../support/free-port.js";
import { sleep } from "../support/skein-process.js";
import { FixtureProcess, otelEnv } from "./support-fixture-process.js";
import { plainGet, quantile, type Outcome } from "./support-load.js";

// A service started with `node --import @skein/node/register` whose OTLP endpoint is a closed
// port (Skein down) must keep serving: export failures stay in the background, never delay or
// fail a request, never crash the process, and are reported once per outage, not once per request
// or per failed batch (the batch delay is 100 ms, so ~20 exports fail during the load).
// OTEL_EXPORTER_OTLP_TIMEOUT=500 makes the exporter give up on a batch after 500 ms instead of
// retrying for 10 s, so the warning arrives during the load; a request held up by an export would
// then take ≥ 500 ms, above the p99 bound.

const LOAD_MS = 2_000;
const CONCURRENCY = 4;
/** Below the export timeout: export work blocking a request (connect timeouts, retries) would exceed it. */
const P99_BOUND_MS = 400;
const EXPORT_TIMEOUT_MS = 500;

let service: FixtureProcess;
let outcomes: Outcome[];
let endpoint: string;

beforeAll(async () => {
  endpoint = `http://127.0.0.1:${await closedPort()}`;
  service = await FixtureProcess.start({
    fixture: "http-service.mjs",
    env: { ...otelEnv("orphan-service", endpoint), OTEL_EXPORTER_OTLP_TIMEOUT: String(EXPORT_TIMEOUT_MS) },
  });
  outcomes = [];
  const until = Date.now() + LOAD_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) outcomes.push(await plainGet(`${service.url}/hop`));
    }),
  );
});

afterAll(async () => {
  await service?.kill();
});

describe("the Skein endpoint is down", () => {
  it(`answers every request with 200, p99 < ${P99_BOUND_MS} ms`, () => {
    expect(outcomes.length).toBeGreaterThan(100);
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
    expect(quantile(outcomes.map((o) => o.ms), 0.99)).toBeLessThan(P99_BOUND_MS);
  });

  it("is still alive and serving after the failed exports, and still making spans", async () => {
    await sleep(300);
    expect(service.hasExited, service.describe()).toBe(false);
    const res = await plainGet(`${service.url}/context`);
    expect(res.status).toBe(200);
    // A span is active in the handler: the SDK runs (OTEL_SDK_DISABLED would leave it null).
    expect((JSON.parse(res.body) as { context: { traceId: string } | null }).context?.traceId, res.body).toMatch(/^[0-9a-f]{32}$/);
  });

  it("reports the outage on stderr once, naming the endpoint, and writes nothing else there", async () => {
    // The first batch failed ~EXPORT_TIMEOUT_MS into the load; allow a slow machine some slack.
    for (const deadline = Date.now() + 3_000; !service.stderr.includes("could not export") && Date.now() < deadline; ) await sleep(50);
    const lines = service.stderr.split("\n").filter((l) => l.trim() !== "");
    const spanWarnings = lines.filter((l) => l.startsWith("[skein] could not export spans"));
    expect(spanWarnings, service.stderr).toHaveLength(1);
    expect(spanWarnings[0]).toContain(`${endpoint}/v1/traces`);
    expect(lines, service.stderr).toEqual(spanWarnings);
  });
});
