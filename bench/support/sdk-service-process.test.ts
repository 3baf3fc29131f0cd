import { describe, expect, it } from "vitest";
import { startService } from "./sdk-service-process.js";

describe("sdk service fixture", () => {
  it("prices a cart and refuses other routes (baseline, a real child process)", async () => {
    const service = await startService("baseline", "http://127.0.0.1:1");
    try {
      const body = JSON.stringify({ orderId: "o-1", items: [{ sku: "a", qty: 2, price: 1.25 }, { sku: "b", qty: 1, price: 10 }] });
      const res = await fetch(service.url, { method: "POST", body, headers: { "content-type": "application/json" } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ orderId: "o-1", total: 12.5, items: 2 });
      expect((await fetch(service.url.replace("/checkout", "/nope"))).status).toBe(404);
      expect((await fetch(service.url, { method: "POST", body: "{" })).status).toBe(400);
      expect(service.sample().rssBytes).toBeGreaterThan(0);
    } finally {
      await service.stop();
    }
    await service.stop(); // idempotent
  });
});
