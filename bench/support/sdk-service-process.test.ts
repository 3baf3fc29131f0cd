import { describe, expect, it } from "vitest";
import { startDownstream, startService } from "./sdk-service-process.js";

const json = { "content-type": "application/json" };
const cart = JSON.stringify({ orderId: "o-1", items: [{ sku: "a", qty: 2, price: 1.25 }, { sku: "b", qty: 1, price: 10 }] });

describe("sdk service fixture (baseline, real child processes)", () => {
  it("prices a cart on /checkout and refuses other routes", async () => {
    const service = await startService("baseline", "http://127.0.0.1:1");
    try {
      const res = await fetch(`${service.url}/checkout`, { method: "POST", body: cart, headers: json });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ orderId: "o-1", total: 12.5, items: 2 });
      expect((await fetch(`${service.url}/nope`)).status).toBe(404);
      expect((await fetch(`${service.url}/checkout`, { method: "POST", body: "{" })).status).toBe(400);
      // /quote needs the downstream price service
      expect((await fetch(`${service.url}/quote`, { method: "POST", body: cart, headers: json })).status).toBe(503);
      expect(service.sample().rssBytes).toBeGreaterThan(0);
    } finally {
      await service.stop();
    }
    await service.stop(); // idempotent
  });

  it("prices a cart on /quote with the downstream service's prices, after its delay", async () => {
    const downstream = await startDownstream(20);
    const service = await startService("baseline", "http://127.0.0.1:1", { downstreamUrl: downstream.url });
    try {
      const t0 = performance.now();
      const res = await fetch(`${service.url}/quote`, { method: "POST", body: cart, headers: json });
      expect(performance.now() - t0).toBeGreaterThanOrEqual(19);
      expect(res.status).toBe(200);
      // the stub prices item i at 9.99 + i: 2 × 9.99 + 1 × 10.99
      expect(await res.json()).toEqual({ orderId: "o-1", total: 30.97, items: 2 });
    } finally {
      await Promise.all([service.stop(), downstream.stop()]);
    }
  });
});
