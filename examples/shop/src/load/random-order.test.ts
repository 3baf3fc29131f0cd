import { describe, expect, it } from "vitest";
import { DECLINED_CARD } from "../shop-contract.js";
import { checkOrderRequest } from "../services/frontend/order-request.js";
import { passesLuhn } from "../services/shared/cards.js";
import { randomCardNumber, randomOrder } from "./random-order.js";

/** A seeded generator (mulberry32), so failures reproduce. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("randomOrder", () => {
  it("only produces orders the frontend accepts", () => {
    const random = seeded(1);
    for (let i = 0; i < 2_000; i++) {
      const order = randomOrder(random, 0.1);
      const check = checkOrderRequest(order, () => "guest");
      expect(check, JSON.stringify(order)).toMatchObject({ ok: true });
      expect(new Set(order.items.map((item) => item.sku)).size).toBe(order.items.length);
    }
  });

  it("uses DECLINED_CARD for about declinedCardShare of orders", () => {
    const random = seeded(2);
    let declined = 0;
    for (let i = 0; i < 10_000; i++) if (randomOrder(random, 0.25).card === DECLINED_CARD) declined++;
    // Binomial(10 000, 0.25): σ ≈ 43; ±300 is ~7σ.
    expect(declined).toBeGreaterThan(2_200);
    expect(declined).toBeLessThan(2_800);
  });

  it("never uses DECLINED_CARD when the share is 0", () => {
    const random = seeded(3);
    for (let i = 0; i < 5_000; i++) expect(randomOrder(random, 0).card).not.toBe(DECLINED_CARD);
  });

  it("generates 16-digit numbers that pass Luhn", () => {
    const random = seeded(4);
    for (let i = 0; i < 1_000; i++) {
      const card = randomCardNumber(random);
      expect(card).toMatch(/^(4|5[1-5])\d{14,15}$/);
      expect(card).toHaveLength(16);
      expect(passesLuhn(card)).toBe(true);
    }
  });
});
