import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DECLINED_CARD, type LoadStats, type OrderRequest } from "../shop-contract.js";
import { runLoad } from "./load-generator.js";

/** A stand-in frontend: answers each order via `answer`, recording what it received. */
async function fakeFrontend(answer: (order: OrderRequest, n: number) => { status: number; delayMs?: number }) {
  const received: OrderRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    req.on("end", () => {
      const order = JSON.parse(text) as OrderRequest;
      received.push(order);
      const n = received.length;
      const { status, delayMs = 0 } = answer(order, n);
      const traceId = n.toString(16).padStart(32, "0");
      const outcome = status === 201 ? "confirmed" : status === 402 ? "declined" : "failed";
      setTimeout(() => {
        res.writeHead(status, { "content-type": "application/json", traceresponse: `00-${traceId}-${"1".repeat(16)}-01` });
        res.end(JSON.stringify({ orderId: `o${n}`, status: outcome, traceId }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("runLoad", () => {
  it("sends at the given rate and counts every outcome", async () => {
    const shop = await fakeFrontend((_order, n) => ({ status: n % 4 === 0 ? 402 : n % 5 === 0 ? 503 : 201 }));
    const progress: LoadStats[] = [];
    const stats = await runLoad({ frontendUrl: `${shop.url}/`, ratePerSecond: 50, durationMs: 1_000, onProgress: (s) => progress.push(s), progressIntervalMs: 300 });
    // Orders leave at 0, 20, …, 980 ms: exactly 50.
    expect(stats.sent).toBe(50);
    expect(shop.received).toHaveLength(50);
    expect(stats.declined).toBe(12); // n = 4, 8, …, 48
    expect(stats.failed).toBe(8); // multiples of 5 that are not multiples of 4 (20 and 40 are declined)
    expect(stats.confirmed).toBe(30);
    expect(stats.unreachable).toBe(0);
    expect(stats.p50Ms).toBeGreaterThan(0);
    expect(stats.p99Ms).toBeGreaterThanOrEqual(stats.p50Ms);
    expect(stats.lastTraceIds.declined).toBe((48).toString(16).padStart(32, "0"));
    expect(stats.lastTraceIds.failed).toBe((50).toString(16).padStart(32, "0"));
    expect(stats.elapsedMs).toBeGreaterThanOrEqual(980);
    // Periodic progress (~300, 600, 900 ms) and the final stats, last.
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toEqual(stats);
  });

  it("is open-loop: a slow shop does not slow the orders down", async () => {
    const shop = await fakeFrontend(() => ({ status: 201, delayMs: 400 }));
    const stats = await runLoad({ frontendUrl: shop.url, ratePerSecond: 40, durationMs: 500 });
    expect(stats.sent).toBe(20);
    expect(stats.confirmed).toBe(20);
    expect(stats.p50Ms).toBeGreaterThanOrEqual(400);
    expect(stats.elapsedMs).toBeGreaterThanOrEqual(800); // waited for the last answers
  });

  it("pays with DECLINED_CARD for the requested share", async () => {
    const shop = await fakeFrontend((order) => ({ status: order.card === DECLINED_CARD ? 402 : 201 }));
    const stats = await runLoad({ frontendUrl: shop.url, ratePerSecond: 200, durationMs: 500, declinedCardShare: 1 });
    expect(stats.sent).toBe(100);
    expect(shop.received.every((order) => order.card === DECLINED_CARD)).toBe(true);
    expect(stats.declined).toBe(100);
  });

  it("counts orders to a closed port as unreachable", async () => {
    const shop = await fakeFrontend(() => ({ status: 201 }));
    const url = shop.url;
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    const stats = await runLoad({ frontendUrl: url, ratePerSecond: 20, durationMs: 200 });
    expect(stats).toMatchObject({ sent: 4, unreachable: 4, confirmed: 0, p50Ms: 0, p99Ms: 0 });
  });

  it("stops when the signal aborts, abandoning orders that stay unanswered", async () => {
    const controller = new AbortController();
    const shop = await fakeFrontend((_order, n) => {
      if (n === 3) controller.abort(); // orders leave at 0, 100 and 200 ms
      return { status: 201, delayMs: n === 1 ? 0 : 5_000 };
    });
    const startedAt = Date.now();
    const stats = await runLoad({ frontendUrl: shop.url, ratePerSecond: 10, signal: controller.signal });
    expect(stats.sent).toBe(3);
    expect(stats.confirmed).toBe(1);
    expect(stats.unreachable).toBe(2);
    expect(Date.now() - startedAt).toBeLessThan(2_500); // 200 ms + the 1 s grace, not the 5 s answers
  });

  it.each([
    [{ ratePerSecond: 0, durationMs: 10 }, /ratePerSecond must be above 0/],
    [{ ratePerSecond: 5 }, /needs durationMs or signal/],
    [{ ratePerSecond: 5, durationMs: 10, declinedCardShare: 1.2 }, /declinedCardShare must be a number from 0 to 1/],
    [{ ratePerSecond: 5, durationMs: -1 }, /durationMs must be 0 or more/],
  ])("rejects %j", async (options, message) => {
    await expect(runLoad({ frontendUrl: "http://127.0.0.1:9", ...options })).rejects.toThrow(message);
  });
});
