import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep } from "../support/skein-process.js";
import { FixtureProcess, otelEnv } from "./support-fixture-process.js";
import { plainGet, quantile, type Outcome } from "./support-load.js";

// A service started with `node --import @skein/node/register` whose OTLP endpoint is a closed
// port (Skein down) must keep serving: export failures stay in the background, never delay or
// fail a request, never crash the process, and are reported a few times, not once per request
// or per failed batch (the batch delay is 100 ms, so ~20 exports fail during the load).

const LOAD_MS = 2_000;
const CONCURRENCY = 4;
/** A bound that export work blocking a request (connect timeouts, retries) would exceed. */
const P99_BOUND_MS = 1_000;
const MAX_STDERR_LINES = 5;

let service: FixtureProcess;
let outcomes: Outcome[];

/** A port that was free a moment ago and has nothing listening now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

beforeAll(async () => {
  service = await FixtureProcess.start({
    fixture: "http-service.mjs",
    env: otelEnv("orphan-service", `http://127.0.0.1:${await closedPort()}`),
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

  it("is still alive and serving after the failed exports", async () => {
    await sleep(300);
    expect(service.hasExited, service.describe()).toBe(false);
    expect((await plainGet(`${service.url}/context`)).status).toBe(200);
  });

  it(`writes at most ${MAX_STDERR_LINES} lines of export warnings to stderr, not one per request or batch`, () => {
    const lines = service.stderr.split("\n").filter((l) => l.trim() !== "");
    expect(lines.length, service.stderr).toBeLessThanOrEqual(MAX_STDERR_LINES);
  });
});
