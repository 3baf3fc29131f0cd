import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { TIMER_ALLOWANCE_MS, closedLoop, closedLoopCount, openLoop, scheduledLatency } from "./sdk-load.js";

let server: Server | undefined;

/** A real local server answering every request after `delayMs()`; the URL of POST /x. */
async function serve(delayMs: () => number, status = 200): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => setTimeout(() => res.writeHead(status).end("{}"), delayMs()));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
}

afterEach(async () => {
  const s = server;
  server = undefined;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
});

describe("scheduledLatency", () => {
  it("forgives timer lag up to the allowance and counts the rest", () => {
    expect(scheduledLatency(100, 101, 105)).toBe(4); // 1 ms late: service time only
    expect(scheduledLatency(100, 100 + TIMER_ALLOWANCE_MS + 10, 130)).toBe(30 - TIMER_ALLOWANCE_MS);
  });
});

describe("openLoop", () => {
  it("sends at the fixed rate whether or not answers came back", async () => {
    // Every answer takes 150 ms, longer than the whole 100 ms schedule: a closed loop would
    // send one request per worker; the open loop still sends all 50, on time.
    const url = await serve(() => 150);
    const r = await openLoop({ url, body: Buffer.from("{}") }, 500, 100);
    expect(r.sent).toBe(50);
    expect(r.ok).toBe(50);
    expect(r.failures).toBe(0);
    expect(Math.min(...r.latencyMs)).toBeGreaterThanOrEqual(149);
    expect(Math.max(...r.lagMs)).toBeLessThan(50);
  });

  it("counts non-2xx answers and transport errors as failures", async () => {
    const url = await serve(() => 0, 503);
    const r = await openLoop({ url, body: Buffer.from("{}") }, 200, 50);
    expect(r.ok).toBe(0);
    expect(r.failures).toBe(r.sent);
    const refused = await openLoop({ url: "http://127.0.0.1:1/x", body: Buffer.from("{}") }, 200, 50);
    expect(refused.failures).toBe(refused.sent);
    expect(refused.latencyMs).toEqual([]);
  });
});

describe("closedLoop", () => {
  it("keeps `concurrency` requests in flight and counts answers before the deadline", async () => {
    const url = await serve(() => 20);
    const r = await closedLoop({ url, body: Buffer.from("{}") }, 4, 300);
    // 4 workers × (300 ms / ~20 ms per answer) ≈ 60; generous bounds for a busy CI machine
    expect(r.ok).toBeGreaterThanOrEqual(20);
    expect(r.ok).toBeLessThanOrEqual(60);
    expect(r.latencyMs.every((ms) => ms >= 19)).toBe(true);
    expect(r.elapsedMs).toBe(300);
  });
});

describe("closedLoopCount", () => {
  it("sends exactly `requests`, never more than `concurrency` at once", async () => {
    let inFlight = 0;
    let most = 0;
    server = createServer((req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      req.resume();
      req.on("end", () => setTimeout(() => {
        inFlight--;
        res.writeHead(200).end("{}");
      }, 2));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
    const r = await closedLoopCount({ url, body: Buffer.from("{}") }, 3, 40);
    expect(r.sent).toBe(40);
    expect(r.ok).toBe(40);
    expect(r.latencyMs).toHaveLength(40);
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThan(1);
  });
});
